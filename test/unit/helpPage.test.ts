/**
 * Endpoint discovery from GET /help: against the simulator's page over a real socket, against a
 * saved page shaped like Sugar 14's (template quirks included), and against pages that are not
 * help pages at all.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillPath, groupEndpoints, parseHelpPage, type Endpoint } from '../../src/core/explore/helpPage';
import { startSimulator } from '../sim/index';

const root = join(__dirname, '..', '..', '..');
const fixture = (name: string): string => readFileSync(join(root, 'test', 'fixtures', 'help', name), 'utf8');

const find = (endpoints: Endpoint[], method: string, path: string): Endpoint | undefined =>
  endpoints.find((e) => e.method === method && e.path === path);

const sizes = (endpoints: Endpoint[]): Record<string, number> =>
  Object.fromEntries(groupEndpoints(endpoints).map((g) => [g.group, g.endpoints.length]));

/** Nothing read from long help: no method words as paths, no table cells, no quoted markup. */
function assertNothingInvented(endpoints: Endpoint[]): void {
  for (const e of endpoints) {
    assert.match(e.method, /^(GET|POST|PUT|DELETE|PATCH)$/, JSON.stringify(e));
    assert.match(e.path, /^\/\S*$/, JSON.stringify(e));
    assert.notEqual(e.summary, '', JSON.stringify(e));
  }
  const paths = endpoints.map((e) => e.path);
  for (const bogus of ['platform', '/platform', 'Name', '/fake/quoted', '/in/a/script']) assert.ok(!paths.includes(bogus), bogus);
  assert.ok(!endpoints.some((e) => (e.method as string) === 'Name'));
}

describe('help page parser', () => {
  describe('the simulator page, over a socket', function () {
    this.timeout(20000);
    let endpoints: Endpoint[];

    before(async () => {
      const sim = await startSimulator({ quiet: true });
      try {
        const response = await fetch(`${sim.url}/rest/v11_24/help`);
        assert.equal(response.status, 200);
        endpoints = parseHelpPage(await response.text());
      } finally {
        await sim.close();
      }
    });

    it('finds the auth, system and record endpoints with their cells', () => {
      const token = find(endpoints, 'POST', '/oauth2/token');
      assert.ok(token);
      assert.equal(token.summary, 'OAuth2 token requests.');
      assert.equal(token.methodName, 'token');
      assert.equal(token.group, 'oauth2');
      assert.deepEqual(token.variables, []);
      assert.ok(token.exceptions?.includes('SugarApiExceptionNeedLogin'));

      const sudo = find(endpoints, 'POST', '/oauth2/sudo/:user_name');
      assert.ok(sudo);
      assert.deepEqual(sudo.variables, ['user_name']);

      assert.deepEqual(find(endpoints, 'GET', '/<module>/:record'), {
        method: 'GET',
        path: '/<module>/:record',
        summary: 'Returns a single record',
        methodName: 'retrieveRecord',
        exceptions: ['SugarApiExceptionNotFound', 'SugarApiExceptionNotAuthorized'],
        variables: ['module', 'record'],
        group: '<module>',
      });
      assert.deepEqual(find(endpoints, 'GET', '/ping')?.exceptions, []);
      assert.equal(find(endpoints, 'GET', '/me')?.summary, 'Returns current user');
      assert.deepEqual(find(endpoints, 'GET', '/<module>/:record/link/:link_name')?.variables, ['module', 'record', 'link_name']);
      assert.equal(find(endpoints, 'GET', '/Notes/large')?.summary, 'A large list, for testing big answers.');
    });

    it('keeps the page order, leaves out rows without short help, invents nothing from long help', () => {
      const paths = endpoints.map((e) => e.path);
      assert.deepEqual(paths, [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      assert.equal(find(endpoints, 'GET', '/oauth2/bwc/login'), undefined);
      assertNothingInvented(endpoints);
      assert.ok(endpoints.length >= 50, `only ${endpoints.length}`);
    });

    it('groups by first segment', () => {
      const groups = sizes(endpoints);
      assert.equal(groups.oauth2, 3);
      assert.equal(groups.ping, 2);
      assert.equal(groups.me, 5);
      assert.equal(groups.metadata, 3);
      assert.equal(groups.lang, 2);
      assert.equal(groups.Notes, 1);
      assert.ok(groups['<module>'] >= 20);
      assert.equal(groupEndpoints(endpoints)[0].group, '<module>');
    });
  });

  describe('a saved Sugar 14 page', () => {
    const endpoints = parseHelpPage(fixture('sugar14-help.html'));

    it('reads every row and nothing else', () => {
      assert.equal(endpoints.length, 40);
      assertNothingInvented(endpoints);
      assert.deepEqual(
        endpoints.slice(0, 3).map((e) => `${e.method} ${e.path}`),
        ['GET /<module>', 'POST /<module>', 'GET /<module>/:record'],
      );
      assert.equal(endpoints[endpoints.length - 1].path, '/search');
    });

    it('reads full rows: links as exceptions, entities decoded, long help with tables skipped', () => {
      assert.deepEqual(find(endpoints, 'GET', '/<module>/:record/link/:link_name'), {
        method: 'GET',
        path: '/<module>/:record/link/:link_name',
        summary: 'Lists related filtered records.',
        methodName: 'filterRelated',
        exceptions: ['SugarApiExceptionError', 'SugarApiExceptionNotFound', 'SugarApiExceptionInvalidParameter'],
        variables: ['module', 'record', 'link_name'],
        group: '<module>',
      });
      assert.deepEqual(find(endpoints, 'POST', '/oauth2/sudo/:user_name'), {
        method: 'POST',
        path: '/oauth2/sudo/:user_name',
        summary: 'Get an access token for another user. (Admins only)',
        methodName: 'sudo',
        exceptions: ['SugarApiExceptionNotAuthorized', 'SugarApiExceptionNotFound', 'SugarApiExceptionInvalidParameter'],
        variables: ['user_name'],
        group: 'oauth2',
      });
      assert.deepEqual(find(endpoints, 'DELETE', '/me/preference/:preference_name'), {
        method: 'DELETE',
        path: '/me/preference/:preference_name',
        summary: 'Delete a specific preference for the current user',
        methodName: 'userPreferenceDelete',
        exceptions: [],
        variables: ['preference_name'],
        group: 'me',
      });
      assert.equal(find(endpoints, 'GET', '/<module>/enum/:field')?.summary, 'Returns the options of a dropdown field & its "default" value');
      assert.equal(find(endpoints, 'GET', '/me/preferences')?.summary, "Returns all the current user's stored preferences");
      assert.deepEqual(find(endpoints, 'PUT', '/<module>/:record')?.exceptions, [
        'SugarApiExceptionNotFound',
        'SugarApiExceptionNotAuthorized',
        'SugarApiExceptionEditConflict',
      ]);
    });

    it('skips rows without short help (the page leaves them out) and keeps rows after unbalanced long help', () => {
      assert.equal(find(endpoints, 'GET', '/<module>/:record/link/:link_name/count'), undefined);
      assert.equal(find(endpoints, 'GET', '/oauth2/bwc/login'), undefined);
      // The link row's long help leaves a div open; the rows after it are still found.
      assert.ok(find(endpoints, 'POST', '/<module>/:record/link/:link_name'));
      assert.ok(find(endpoints, 'DELETE', '/<module>/:record/link/:link_name/:remote_id'));
    });

    it('counts methods and groups', () => {
      const byMethod: Record<string, number> = {};
      for (const e of endpoints) byMethod[e.method] = (byMethod[e.method] ?? 0) + 1;
      assert.deepEqual(byMethod, { GET: 21, POST: 9, PUT: 6, DELETE: 4 });
      assert.deepEqual(sizes(endpoints), {
        '<module>': 15,
        Accounts: 2,
        Activities: 1,
        Calendar: 2,
        Mail: 5,
        me: 7,
        metadata: 2,
        oauth2: 3,
        ping: 2,
        search: 1,
      });
      assert.deepEqual(
        groupEndpoints(endpoints).map((g) => g.group),
        ['<module>', 'Accounts', 'Activities', 'Calendar', 'Mail', 'me', 'metadata', 'oauth2', 'ping', 'search'],
      );
    });
  });

  describe('tolerance', () => {
    it('accepts attribute order, single quotes, odd spacing, upper-case tags and entities', () => {
      const html = `<DIV data-x='1' CLASS='line  row-fluid'><div class=row-fluid><div class='span3'>
        put<SPAN data-target='#endpoint_7_full' class=btn-link ID='help_link_7'>&#x2F;Accounts&#47;:record&nbsp;</SPAN></div>
        <div class="span2">updateRecord</div><div class="span3">Saves &amp; returns&nbsp;the   record &lt;fast&gt;</div>
        <div class="span2"><a href='#0'>SugarApiException<b>NotFound</b></a></div><div class="span1 score">9.25</div></div>
        <div class="row-fluid collapse" id="endpoint_7_full"><table><tr><td>GET</td><td><span id="help_link_8">/x</span></td></tr></table></div></DIV>`;
      assert.deepEqual(parseHelpPage(html), [
        {
          method: 'PUT',
          path: '/Accounts/:record',
          summary: 'Saves & returns the record <fast>',
          methodName: 'updateRecord',
          exceptions: ['SugarApiExceptionNotFound'],
          variables: ['record'],
          group: 'Accounts',
        },
      ]);
    });

    it("reads Sugar 7's layout: type in its own cell, path in a button, no exceptions column", () => {
      const html = `<div class="row-fluid line"><div class="row-fluid">
        <div class="span1">GET</div>
        <div class="span4"><button class="btn btn-link" type="button" data-toggle="collapse" data-target="#endpoint_3_full">/Contacts/:record/link/:link_name</button></div>
        <div class="span2">filterRelated</div><div class="span4">Lists related records.</div><div class="span1 score">10.75</div>
        </div><div id="endpoint_3_full" class="row-fluid collapse"><div class="span12 well">No additional help.</div></div></div>`;
      const [endpoint] = parseHelpPage(html);
      assert.deepEqual(endpoint, {
        method: 'GET',
        path: '/Contacts/:record/link/:link_name',
        summary: 'Lists related records.',
        methodName: 'filterRelated',
        variables: ['record', 'link_name'],
        group: 'Contacts',
      });
    });

    it('answers [] for empty, garbage, a proxy login page and an error page', () => {
      assert.deepEqual(parseHelpPage(''), []);
      assert.deepEqual(parseHelpPage('{"error":"not_found"}'), []);
      assert.deepEqual(parseHelpPage('<<<>>> <div class="row-fluid line"> <span id="help_link_1"> no method here </span>'), []);
      assert.deepEqual(parseHelpPage('<div class="row-fluid line"><span id="help_link_1">'), []);
      const login = `<!DOCTYPE html><html><head><title>Sign in - Corporate SSO</title></head>
        <body><form method="post" action="/sso/login"><label>User name <input name="username"></label>
        <label>Password <input name="password" type="password"></label><button type="submit">Sign in</button></form></body></html>`;
      assert.deepEqual(parseHelpPage(login), []);
      assert.deepEqual(parseHelpPage('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>'), []);
    });

    it('reads a long page quickly', () => {
      const page = fixture('sugar14-help.html');
      const body = page.slice(page.indexOf('<div class="row-fluid line">'), page.lastIndexOf('</div>'));
      const big = page.replace(body, body.repeat(20)); // ~1.2 MB, 800 rows
      const started = Date.now();
      assert.equal(parseHelpPage(big).length, 800);
      assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    });
  });

  describe('fillPath', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['/<module>/:record', { module: 'Accounts', record: 'abc-1' }, '/Accounts/abc-1'],
      ['/oauth2/sudo/:user_name', { user_name: 'sally smith' }, '/oauth2/sudo/sally%20smith'],
      ['/<module>/:record/link/:link_name', { module: 'Accounts', record: 'a/b?c', link_name: 'contacts' }, '/Accounts/a%2Fb%3Fc/link/contacts'],
      ['/ping', {}, '/ping'],
      ['/Accounts/:record?fields=name:x', { record: '7' }, '/Accounts/7?fields=name:x'],
      ['/me/preference/:preference_name', { preference_name: 'datepref', extra: 'ignored' }, '/me/preference/datepref'],
    ];
    for (const [path, values, expected] of cases) {
      it(`${path} → ${expected}`, () => assert.equal(fillPath(path, values), expected));
    }

    it('names every missing or empty variable', () => {
      assert.throws(() => fillPath('/<module>/:record', { module: 'Accounts' }), /"record"/);
      assert.throws(() => fillPath('/<module>/:record/link/:link_name', { record: '' }), /variables "module", "record", "link_name" in \/<module>/);
      // Inherited names are not values.
      assert.throws(() => fillPath('/x/:constructor', {}), /"constructor"/);
    });
  });
});
