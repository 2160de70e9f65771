/**
 * Outside text of hostile shape: every parser of server-, file- or user-supplied text finishes in
 * linear time, and deep JSON renders and substitutes. The inputs are sized so that the quadratic
 * code these replace needed from 20 s to minutes here (measured, and named per test); each test
 * has a mocha timeout far above what linear code needs and far below that. No test asserts a
 * duration: mocha fails one that overruns its timeout.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConnectionDirective } from '../../src/core/explore/connectionDirective';
import { HELP_PAGE_MAX_CHARS, parseHelpPage, readHelpPage } from '../../src/core/explore/helpPage';
import { formatJson } from '../../src/core/explore/jsonText';
import { parseRequestFile, serializeRequest, substituteVariables, variablesFromResponse } from '../../src/core/explore/requestFile';
import { renderResponse } from '../../src/core/explore/responseView';
import type { ApiResponse } from '../../src/core/sugar/client';
import { explainForeignAnswer, explainSugarError } from '../../src/core/sugar/explainAnswer';
import { normalizeInstanceUrl } from '../../src/core/sugar/instanceUrl';

/** Far above what each linear parser needs on a busy machine, far below what the old code took. */
const LINEAR_MS = 5000;
const KB = 1024;

const fixture = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'help', 'sugar14-help.html'), 'utf8');

describe('hostile outside text', () => {
  describe('the /help page', () => {
    // The old regex scanner: about 31 s, 21 s and 43 s for these here (5 s, 3.3 s, 7 s at 40 KB).
    const cases: Array<[string, string]> = [
      ['100 KB of unclosed <div', '<div'.repeat((100 * KB) / 4)],
      ['100 KB of <a', '<a'.repeat((100 * KB) / 2)],
      ['100 KB of <script', '<script'.repeat((100 * KB) / 7)],
    ];
    for (const [name, html] of cases) {
      it(`reads ${name} as no endpoints`, function () {
        this.timeout(LINEAR_MS);
        assert.deepEqual(parseHelpPage(html), []);
      });
    }

    it('reads a row after 1 MB of nested and unmatched tags (a tree-building parser is quadratic there)', function () {
      this.timeout(LINEAR_MS);
      const rowStart = fixture.indexOf('<div class="row-fluid line">', fixture.indexOf('<body>'));
      const row = fixture.slice(rowStart, fixture.indexOf('<div class="row-fluid line">', rowStart + 1));
      const divs = (512 * KB) / 5;
      const endpoints = parseHelpPage('<div>'.repeat(divs) + '</a>'.repeat((512 * KB) / 4) + '</div>'.repeat(divs) + row);
      assert.deepEqual(endpoints.map((e) => `${e.method} ${e.path}`), ['GET /<module>']);
    });

    it('cuts a page over the limit, says so, and drops the row the cut went through', function () {
      this.timeout(LINEAR_MS * 4);
      const rows = fixture.slice(fixture.indexOf('<div class="row-fluid line">'), fixture.lastIndexOf('</div>'));
      const copies = Math.ceil(HELP_PAGE_MAX_CHARS / rows.length) + 1;
      const page = `<html><body>${rows.repeat(copies)}</body></html>`;
      const { endpoints, note } = readHelpPage(page);
      assert.match(note ?? '', /only its first 8\.0 MB were read, so the list may miss endpoints/);
      const perCopy = parseHelpPage(rows).length;
      assert.ok(endpoints.length > perCopy * (copies - 3) && endpoints.length < perCopy * copies, String(endpoints.length));
      // Whole rows only: every path is one the page has.
      const known = new Set(parseHelpPage(rows).map((e) => `${e.method} ${e.path}`));
      assert.deepEqual(endpoints.filter((e) => !known.has(`${e.method} ${e.path}`)), []);
      assert.equal(readHelpPage(rows).note, undefined);
    });
  });

  describe("an error page's <title>", () => {
    const explain = (html: string): string => explainForeignAnswer(502, 'text/html', html, { operation: 'request' }).message;

    it('is searched in linear time: 256 KB of <title without > (old regex: about 28 s here)', function () {
      this.timeout(LINEAR_MS);
      const message = explain(`<html><head>${'<title'.repeat((256 * KB) / 6)}`);
      assert.match(message, /answered HTTP 502 with an HTML page instead of Sugar's JSON/);
    });

    it('finds the first title that fits, as before', () => {
      assert.match(explain('<html><title lang="en">  Bad Gateway </title></html>'), /\("Bad Gateway"\)/);
      assert.match(explain(`<html><title>${'x'.repeat(200)}</title><title>Second</title>`), /\("Second"\)/);
      assert.match(explain('<html><TITLE>Upper</TITLE>'), /\("Upper"\)/);
      assert.match(explain('<html><title<title x>Shared</title>'), /\("Shared"\)/);
      assert.doesNotMatch(explain('<html><title>Never closed'), /\("/);
    });
  });

  describe("Sugar's error message", () => {
    it('is quoted without its closing dots in linear time: 80,000 inner spaces (old: about 7 s for 30,000 here)', function () {
      this.timeout(LINEAR_MS);
      const message = `Bad${' '.repeat(80_000)}value . .. `;
      const error = explainSugarError(422, { error: 'invalid_parameter', error_message: message }, { operation: 'request' });
      assert.equal(error.message, `Sugar rejected a parameter: Bad${' '.repeat(80_000)}value.`);
    });
  });

  describe('the instance URL', () => {
    it('refuses 150,000 inner spaces at once (old quote stripping: about 36 s here)', function () {
      this.timeout(LINEAR_MS);
      const result = normalizeInstanceUrl(`"crm${' '.repeat(150_000)}.example.com"`);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, /longer than 8192 characters/);
    });

    it('strips quotes around spaces within the limit', () => {
      const result = normalizeInstanceUrl(`"${' '.repeat(4000)}https://crm.example.com/${' '.repeat(4000)}'`);
      assert.deepEqual(result.ok && [result.url, result.notes.some((n) => /quotes/.test(n))], ['https://crm.example.com', true]);
    });
  });

  describe('.sugar files', () => {
    it('reads 15,000 header lines, keeping 100 (old: about 29 s here, a scan of the names per line)', function () {
      this.timeout(LINEAR_MS);
      const lines = Array.from({ length: 15_000 }, (_, i) => `X-Header-${i}: value ${i}`);
      const [request] = parseRequestFile(`GET /ping\n${lines.join('\n')}\nx-header-7: again\nx-header-100: beyond\n`);
      assert.equal(Object.keys(request.headers).length, 100);
      assert.equal(request.headers['X-Header-7'], 'value 7, again');
      assert.equal(request.headers['X-Header-100'], undefined);
      assert.deepEqual(request.problems, [{ line: 101, severity: 'error', message: "More than 100 different headers: Sugar's web server refuses such a request (Apache's LimitRequestFields is 100)." }]);
    });

    it('writes a body with 80,000 inner blank lines (old: about 5 s for 30,000 here)', function () {
      this.timeout(LINEAR_MS);
      const body = `{${'\n'.repeat(80_000)}}`;
      assert.equal(serializeRequest({ method: 'POST', path: '/x', body: `${body}\n\n\n` }), `###\nPOST /x\n\n${body}\n`);
    });

    it('reads a header value with 200,000 inner spaces (old: about 44 s here)', function () {
      this.timeout(LINEAR_MS);
      const [request] = parseRequestFile(`GET /ping\nX-Note: a${' '.repeat(200_000)}b   \n`);
      assert.equal(request.headers['X-Note'], `a${' '.repeat(200_000)}b`);
    });

    it('pins 20,000 requests to their connection in one pass', function () {
      this.timeout(LINEAR_MS);
      const blocks = Array.from({ length: 20_000 }, (_, i) => `${i === 10_000 ? '# @connection Staging as sally\n' : ''}###\nGET /ping/${i}`);
      const requests = parseRequestFile(`// @connection Production\n${blocks.join('\n')}`);
      assert.equal(requests.length, 20_000);
      assert.deepEqual(requests[9_999].connection, { name: 'Production' });
      assert.deepEqual(requests[10_000].connection, { name: 'Staging', sudoUser: 'sally' });
      assert.deepEqual(requests[19_999].connection, { name: 'Staging', sudoUser: 'sally' });
    });

    it('reads a directive with 200,000 spaces (the old regex: about 1 s for 20,000)', function () {
      this.timeout(LINEAR_MS);
      const gap = ' '.repeat(200_000);
      assert.deepEqual(parseConnectionDirective(`# @connection Prod${gap}x`), { name: `Prod${gap}x` });
      assert.deepEqual(parseConnectionDirective(`# @connection Prod${gap}as${gap}bob${gap}`), { name: 'Prod', sudoUser: 'bob' });
      assert.equal(parseConnectionDirective(`#${gap}@connection${gap}`), undefined);
    });

    it('reads directives as the old pattern did', () => {
      const cases: Array<[string, unknown]> = [
        ['# @connection Production', { name: 'Production' }],
        ['  // @CONNECTION  My Sugar  AS  sally ', { name: 'My Sugar', sudoUser: 'sally' }],
        ['#@connection Prod as admin as bob', { name: 'Prod as admin', sudoUser: 'bob' }],
        ['# @connection as bob', { name: 'as bob' }],
        ['# @connection Prod as', { name: 'Prod as' }],
        ['# @connectionProd', undefined],
        ['# @connection', undefined],
        ['GET /ping # @connection Prod', undefined],
      ];
      for (const [line, expected] of cases) assert.deepEqual(parseConnectionDirective(line), expected, line);
    });
  });

  describe('50,000-level JSON', () => {
    const depth = 50_000;
    const nestedText = `${'{"a":'.repeat(depth)}[1,"x",null]${'}'.repeat(depth)}`;
    const nested = (): unknown => JSON.parse(nestedText);

    /** Depth and leaf of `{"a":{"a":...}}` without recursion (assert.deepEqual would overflow too). */
    function walk(value: unknown): { levels: number; leaf: unknown } {
      let levels = 0;
      let current = value;
      while (current !== null && typeof current === 'object' && !Array.isArray(current)) {
        current = (current as { a: unknown }).a;
        levels++;
      }
      return { levels, leaf: current };
    }

    it('renders in the response tab as valid JSON, indented as far as it helps', () => {
      const response: ApiResponse = { status: 200, headers: {}, json: nested(), isJson: true, text: nestedText, sizeBytes: nestedText.length, timeMs: 1 };
      const { language, text } = renderResponse(response, { method: 'GET', url: 'http://sugar/rest/v11/deep', sessionLabel: 'admin @ sim' });
      assert.equal(language, 'jsonc');
      const body = text.split('\n').filter((line) => !line.startsWith('//')).join('\n');
      assert.deepEqual(walk(JSON.parse(body)), { levels: depth, leaf: [1, 'x', null] });
      assert.ok(body.startsWith('{\n  "a": {\n    "a": {\n'), body.slice(0, 40));
      assert.ok(body.length < 2 * nestedText.length, `${body.length} characters`);
    });

    it('substitutes {{response}} and a 50,000-step path', () => {
      const variables = variablesFromResponse(nested());
      assert.deepEqual(substituteVariables('{{response}}', variables), { text: nestedText, missing: [] });
      const path = `{{${Array(depth).fill('a').join('.')}.1}}`;
      assert.deepEqual(substituteVariables(path, variables), { text: 'x', missing: [] });
    });

    it('formats like JSON.stringify wherever that does not overflow', () => {
      const samples: unknown[] = [{ a: [1, { b: 'c"\n' }, [], {}], d: null, e: true, f: -0.5 }, [], {}, 'text', 7, null, [[[]]]];
      for (const sample of samples) {
        assert.equal(formatJson(sample), JSON.stringify(sample));
        assert.equal(formatJson(sample, 2), JSON.stringify(sample, null, 2));
      }
      // The fallback, forced by depth, writes the same text as far as indentation goes.
      const deepArray = JSON.parse(`${'['.repeat(depth)}{"k":[true,{"z":{}}]}${']'.repeat(depth)}`);
      assert.equal(formatJson(deepArray), `${'['.repeat(depth)}{"k":[true,{"z":{}}]}${']'.repeat(depth)}`);
    });
  });
});
