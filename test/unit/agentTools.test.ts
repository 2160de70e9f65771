/**
 * The agent tools' core (issue 13 §5) against the simulator over real sockets: what each tool
 * answers, the allowlist, writes refused unless enabled and confirmed with a sentence naming the
 * connection and the user, /oauth2 and token headers refused, and no token, password or client
 * secret in any answer (also when the server's data holds one).
 */
import assert from 'node:assert/strict';
import { openSession, profileAgentConnections } from '../../src/core/agent/agentConnections';
import type { AgentRules } from '../../src/core/agent/agentPolicy';
import { recordsText, RESULT_LIMIT_CHARS } from '../../src/core/agent/agentResults';
import { AGENT_TOOLS } from '../../src/core/agent/agentToolDefinitions';
import { AgentToolbox, type AgentResult } from '../../src/core/agent/agentToolbox';
import { SchemaSource } from '../../src/core/schema/schemaSource';
import { DROPDOWNS } from '../sim/schema/lang';
import { DEMO_USERS } from '../sim/index';
import { makeWorld, needsSimulator, type World } from '../support/world';

const PASSWORD = 'agent-Admin-pw-4471';
const CLIENT_SECRET = 'agent-client-secret-9931';
const NAME = 'Dev (agents)';
const OTHER = 'Production';

describe('agent tools (core) against the simulator', function () {
  this.timeout(30_000);
  let world: World;
  const rules: AgentRules = {
    allowedConnections: [NAME],
    allowWrites: false,
    howToAllowConnection: (name) => `add "${name}" to the setting sugar.agents.allowedConnections`,
    howToAllowWrites: 'the setting sugar.agents.allowWrites',
  };
  let toolbox: AgentToolbox;
  const answers: AgentResult[] = [];
  const run = async (name: string, input: unknown): Promise<AgentResult> => {
    const result = await toolbox.run(name, input);
    answers.push(result);
    return result;
  };
  const count = async (module: string): Promise<number> => ((await world.engine.request(world.connectionId, { method: 'GET', path: `/${module}/count` })).json as { record_count: number }).record_count;

  before(async function () {
    needsSimulator(this, 'plants tokens in records and counts the simulator\'s records');
    world = await makeWorld({
      sim: { users: DEMO_USERS.map((u) => (u.userName === 'admin' ? { ...u, password: PASSWORD } : u)), clients: { sugar: '', 'agent-client': CLIENT_SECRET } },
      profile: { name: NAME, password: PASSWORD, clientId: 'agent-client', clientSecret: CLIENT_SECRET },
    });
    await world.addConnection({ name: OTHER, password: PASSWORD, clientId: 'agent-client', clientSecret: CLIENT_SECRET });
    await world.engine.login(world.connectionId);
    const schemas = new SchemaSource({ read: async () => undefined, write: async () => undefined });
    toolbox = new AgentToolbox({
      connections: () => profileAgentConnections(world.profiles, world.engine),
      rules: () => rules,
      session: async (connection, sudoUser) => openSession(connection, sudoUser),
      request: (session, request, signal) => world.engine.request(session, request, signal),
      schema: (session, signal) => schemas.get(session, (request, s) => world.engine.request(session, request, s), signal),
      knownSecrets: () => [world.engine.knownSecrets(), world.profiles.knownSecrets()],
      publicTexts: () => [NAME, OTHER, 'admin'],
    });
  });
  after(() => world?.close());

  it('sugar_listConnections lists only the allowlisted connections, with user, platform and login state, and says how to allow more', async () => {
    const result = await run('sugar_listConnections', {});
    assert.equal(result.isError, false);
    const listed = JSON.parse(result.text.slice(result.text.indexOf('\n') + 1)) as Array<Record<string, unknown>>;
    assert.deepEqual(listed, [{ name: NAME, url: world.url, user: 'admin', platform: 'custom_api', loggedIn: true }]);
    assert.match(result.text, /^1 connection is available to agents\. 1 other connection is not allowed for agents \(add "<name>" to the setting sugar\.agents\.allowedConnections\)\./);
    assert.ok(!result.text.includes(OTHER), 'a connection the user did not allow was named');
  });

  it('with an empty allowlist no connection is reachable, and every tool says how to allow one', async () => {
    const saved = rules.allowedConnections;
    (rules as { allowedConnections: readonly string[] }).allowedConnections = [];
    try {
      const listed = await run('sugar_listConnections', {});
      assert.match(listed.text, /^No connection is available to agents\. 2 other connections are not allowed/);
      const refused = await run('sugar_listModules', { connection: NAME });
      assert.equal(refused.isError, true);
      assert.match(refused.text, /The connection "Dev \(agents\)" is not available to agents\. No connection is allowed for agents yet\. To allow it, add "Dev \(agents\)" to the setting sugar\.agents\.allowedConnections/);
    } finally {
      (rules as { allowedConnections: readonly string[] }).allowedConnections = saved;
    }
  });

  it('a connection outside the allowlist is refused like one that does not exist, and nothing is sent as it', async () => {
    const before = world.sim!.counters.requests.api ?? 0;
    const known = await run('sugar_sendRequest', { connection: OTHER, path: '/me' });
    const unknown = await run('sugar_sendRequest', { connection: 'No Such', path: '/me' });
    assert.equal(known.isError, true);
    assert.equal(known.text.replace(OTHER, 'X').replace(OTHER, 'X'), unknown.text.replace('No Such', 'X').replace('No Such', 'X'));
    assert.equal(world.sim!.counters.requests.api ?? 0, before, 'a request was sent as a connection the user did not allow');
  });

  it('sugar_listModules and sugar_describeModule answer from /metadata: modules with counts, fields with labels and dropdown options, links', async () => {
    const modules = await run('sugar_listModules', { connection: NAME });
    assert.equal(modules.isError, false, modules.text);
    assert.match(modules.text, /^7 modules admin on "Dev \(agents\)" may see:\nAccounts: \d+ fields, \d+ links\nCases/);
    const accounts = await run('sugar_describeModule', { connection: NAME, module: 'Accounts' });
    assert.equal(accounts.isError, false, accounts.text);
    const industry = accounts.text.split('\n').find((line) => line.startsWith('- industry:'))!;
    assert.equal(industry, `- industry: enum · "Industry" · max 50 · options: ${DROPDOWNS.industry_dom.map(([k, l]) => (l && l !== k ? `${k}=${l}` : k || '(empty)')).join(' | ')}`);
    assert.match(accounts.text, /^- name: name · "Name" · required/m);
    assert.match(accounts.text, /^- contacts → Contacts \(accounts_contacts, many\)$/m);
    const missing = await run('sugar_describeModule', { connection: NAME, module: 'Widgets' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /There is no module Widgets that admin on "Dev \(agents\)" may see/);
    const hostile = await run('sugar_describeModule', { connection: NAME, module: '../oauth2/token' });
    assert.match(hostile.text, /is not a module name/);
  });

  it('sugar_findRecords pages through a filter and says where the next page starts', async () => {
    const first = await run('sugar_findRecords', { connection: NAME, module: 'Accounts', fields: ['name', 'industry'], maxNum: 3, orderBy: 'name:ASC' });
    assert.equal(first.isError, false, first.text);
    assert.match(first.text, /^POST \/Accounts\/filter as admin on "Dev \(agents\)": 3 records\. More records: call again with offset 3\./);
    const records = JSON.parse(first.text.slice(first.text.indexOf('\n') + 1)) as Array<{ id: string; name: string }>;
    assert.equal(records.length, 3);
    assert.ok(records.every((r) => typeof r.id === 'string' && typeof r.name === 'string'));
    const filtered = await run('sugar_findRecords', { connection: NAME, module: 'Accounts', filter: [{ name: { $equals: records[1].name } }], fields: 'name' });
    assert.ok(filtered.text.includes(records[1].id), filtered.text);
    const wrong = await run('sugar_findRecords', { connection: NAME, module: 'Accounts', filter: [{ name: { $nonsense: 1 } }] });
    assert.equal(wrong.isError, true);
    assert.match(wrong.text, /POST \/Accounts\/filter as admin on "Dev \(agents\)" → 422/);
  });

  it('records that do not fit are left out whole, with the offset to go on from', () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ id: `id-${i}`, description: 'x'.repeat(1000) }));
    const text = recordsText(records, 50, 0, 'POST /Notes/filter', 10_000, (t) => t);
    assert.match(text, /^POST \/Notes\/filter: 9 records\. 41 of the 50 returned were left out to keep this short \(ask for fewer fields\)\. More records: call again with offset 9\./);
    assert.equal((JSON.parse(text.slice(text.indexOf('\n') + 1)) as unknown[]).length, 9);
  });

  it('sugar_sendRequest GET answers status, a few safe headers and the body; a long answer is cut and says how much was left out', async () => {
    const me = await run('sugar_sendRequest', { connection: NAME, path: '/me' });
    assert.equal(me.isError, false, me.text);
    assert.match(me.text, /^GET \/me as admin on "Dev \(agents\)" → 200 · /);
    assert.match(me.text, /^content-type: application\/json/m);
    assert.match(me.text, /"user_name":"admin"/);
    const big = await run('sugar_sendRequest', { connection: NAME, method: 'get', path: '/rest/v11_24/metadata' });
    assert.equal(big.isError, false);
    assert.ok(big.text.length < RESULT_LIMIT_CHARS + 300, `${big.text.length} characters`);
    assert.match(big.text, /… \[\d+ more characters left out; ask for less/);
    const missing = await run('sugar_sendRequest', { connection: NAME, path: '/Accounts/no-such-id' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /→ 404/);
  });

  it('refuses /oauth2 in every spelling, token headers and parameters, and bulk requests to /oauth2, without sending them', async () => {
    const tokensBefore = world.sim!.counters.requests.api ?? 0;
    for (const path of ['/oauth2/token', '/rest/v11_24/oauth2/token', 'oauth2/logout', '/Accounts/../oauth2/token', '/%6Fauth2/sudo/jim', '/OAuth2/token?x=1']) {
      const refused = await run('sugar_sendRequest', { connection: NAME, method: 'POST', path, body: { grant_type: 'password' } });
      assert.equal(refused.isError, true, path);
      assert.match(refused.text, /Requests to \/oauth2 .* are not sent for agents/, path);
    }
    for (const headers of [{ 'OAuth-Token': 'abc' }, { Authorization: 'Bearer abc' }, { 'X-Refresh-Token': 'abc' }, { Host: 'evil.example' }]) {
      const refused = await run('sugar_sendRequest', { connection: NAME, path: '/me', headers });
      assert.match(refused.text, /^The header ".*" is not sent for agents/, JSON.stringify(headers));
    }
    assert.match((await run('sugar_sendRequest', { connection: NAME, path: '/me?oauth_token=abc' })).text, /query parameter "oauth_token" would carry a credential/);
    assert.match((await run('sugar_sendRequest', { connection: NAME, path: '/me', query: { download_token: 'x' } })).text, /query parameter "download_token"/);
    const bulk = await run('sugar_sendRequest', { connection: NAME, method: 'POST', path: '/bulk', body: { requests: [{ url: '/v11_24/oauth2/token', method: 'POST' }] } });
    assert.match(bulk.text, /Requests to \/oauth2/);
    assert.equal(world.sim!.counters.requests.api ?? 0, tokensBefore);
  });

  it('refuses a write while writes are off (nothing sent, nothing to confirm), and says how to enable them', async () => {
    const before = await count('Accounts');
    const input = { connection: NAME, method: 'POST', path: '/Accounts', body: { name: 'Made by an agent' } };
    assert.equal((await toolbox.prepare('sugar_sendRequest', input)).confirmation, undefined);
    const refused = await run('sugar_sendRequest', input);
    assert.equal(refused.isError, true);
    assert.equal(refused.text, 'Writes are off for agents: POST /Accounts was not sent. Only GET requests are sent unless the user enables writes (the setting sugar.agents.allowWrites). To search records, use sugar_findRecords.');
    assert.equal(await count('Accounts'), before);
  });

  it('with writes on, a write asks first naming the connection and the user (a sudo user too), and is sent when run', async () => {
    (rules as { allowWrites: boolean }).allowWrites = true;
    try {
      const input = { connection: NAME, method: 'POST', path: '/Accounts', body: { name: 'Made by an agent', description: `keep ${PASSWORD} out` } };
      const prepared = await toolbox.prepare('sugar_sendRequest', input);
      assert.equal(prepared.invocationMessage, 'Sending POST /Accounts on "Dev (agents)"');
      assert.equal(prepared.confirmation?.title, 'Send POST to Sugar "Dev (agents)" as admin?');
      assert.match(prepared.confirmation!.message, new RegExp(`^An agent asks to send POST /Accounts to "Dev \\(agents\\)" \\(${world.url.replace(/[.]/g, '\\.')}\\) as admin\\.\nThis request may change data in Sugar\\.\n\nBody:\n`));
      assert.ok(!prepared.confirmation!.message.includes(PASSWORD), 'the password in the body preview');
      assert.equal((await toolbox.prepare('sugar_sendRequest', { connection: NAME, path: '/me' })).confirmation, undefined, 'a GET asked for confirmation');
      const before = await count('Accounts');
      const made = await run('sugar_sendRequest', input);
      assert.equal(made.isError, false, made.text);
      assert.match(made.text, /^POST \/Accounts as admin on "Dev \(agents\)" → 200/);
      assert.equal(await count('Accounts'), before + 1);

      await world.engine.sudo(world.connectionId, 'jim');
      const asJim = await toolbox.prepare('sugar_sendRequest', { ...input, sudoUser: 'jim' });
      assert.equal(asJim.confirmation?.title, 'Send POST to Sugar "Dev (agents)" as jim?');
      assert.match(asJim.confirmation!.message, /as jim \(sudo, through admin\)\./);
      const me = await run('sugar_sendRequest', { connection: NAME, path: '/me', sudoUser: 'jim' });
      assert.match(me.text, /^GET \/me as jim \(sudo, through admin\) on "Dev \(agents\)" → 200/);
      assert.match(me.text, /"user_name":"jim"/);
      const noSudo = await run('sugar_sendRequest', { connection: NAME, path: '/me', sudoUser: 'sally' });
      assert.match(noSudo.text, /has no sudo session as sally: the user can start one in the Sugar view \(Sudo as User…\)\. Open sudo sessions: jim\./);
    } finally {
      (rules as { allowWrites: boolean }).allowWrites = false;
    }
  });

  it('masks tokens, the password and the client secret even where the server\'s data holds them', async () => {
    const token = await world.engine.accessToken(world.connectionId);
    const refresh = await world.engine.refreshToken(world.connectionId);
    const planted = await world.engine.request(world.connectionId, { method: 'POST', path: '/Notes', body: { name: 'planted', description: `t=${token} r ${refresh} p ${PASSWORD} s ${CLIENT_SECRET}` } });
    const id = (planted.json as { id: string }).id;
    const found = await run('sugar_findRecords', { connection: NAME, module: 'Notes', filter: [{ id: { $equals: id } }], fields: ['name', 'description'] });
    assert.match(found.text, /planted/);
    const read = await run('sugar_sendRequest', { connection: NAME, path: `/Notes/${id}` });
    assert.match(read.text, /planted/);
    const secrets = [token, refresh, PASSWORD, CLIENT_SECRET, ...world.sim!.issuedSecrets()];
    for (const answer of answers) for (const secret of secrets) assert.ok(!answer.text.includes(secret), `a secret in: ${answer.text.slice(0, 300)}`);
    assert.ok(answers.length > 20);
  });

  it('hostile input is refused with a sentence, never sent', async () => {
    assert.match((await run('sugar_sendRequest', 'nonsense')).text, /The input must be a JSON object/);
    assert.match((await run('sugar_sendRequest', { connection: NAME })).text, /"path" is required/);
    assert.match((await run('sugar_sendRequest', { connection: NAME, method: 'TRACE', path: '/me' })).text, /"method" must be one of/);
    assert.match((await run('sugar_sendRequest', { connection: NAME, path: '/me', body: { a: 1 } })).text, /A GET request has no body/);
    assert.match((await run('sugar_findRecords', { connection: NAME, module: 'Accounts', maxNum: 5000 })).text, /"maxNum" must be a whole number from 1 to 100/);
    assert.match((await run('sugar_findRecords', { connection: NAME, module: 'Accounts', orderBy: 'name; DROP' })).text, /"orderBy" must read like/);
    assert.match((await run('sugar_nothing', {})).text, /There is no tool "sugar_nothing"/);
    assert.equal(AGENT_TOOLS.length, 5);
  });
});

describe('agent tools: the question before a write', () => {
  it('asks before a write even when the connections could not be read while preparing (the run may read them and send it)', async () => {
    let reads = 0;
    const connection = { id: 'c1', name: 'Dev', url: 'https://dev.example', user: 'admin', platform: 'base', loggedIn: true, sudoUsers: [] };
    const toolbox = new AgentToolbox({
      connections: async () => {
        // The OS keychain was locked for a moment: the first read fails, the next one works.
        if (reads++ === 0) throw new Error('The secret store could not be read.');
        return [connection];
      },
      rules: () => ({ allowedConnections: ['Dev'], allowWrites: true, howToAllowConnection: () => '', howToAllowWrites: '' }),
      session: async () => 'c1',
      request: async () => {
        throw new Error('not sent in this test');
      },
      schema: async () => {
        throw new Error('not used');
      },
      knownSecrets: () => [],
      publicTexts: () => [],
    });
    const prepared = await toolbox.prepare('sugar_sendRequest', { connection: 'Dev', method: 'DELETE', path: '/Accounts/abc' });
    assert.ok(prepared.confirmation, 'a DELETE was let through without a question');
    assert.match(prepared.confirmation.summary, /DELETE \/Accounts\/abc to "Dev"/);
    // What is refused anyway is not asked about.
    assert.equal((await toolbox.prepare('sugar_sendRequest', { connection: 'Dev', method: 'POST', path: '/oauth2/token' })).confirmation, undefined);
  });
});
