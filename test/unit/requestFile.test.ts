/** The `.sugar` request-file format: parsing, {{variables}}, and writing requests back. */
import assert from 'node:assert/strict';
import {
  containsTokenLikeHeader,
  parseRequestFile,
  serializeRequest,
  substituteVariables,
  variablesFromResponse,
  type FileRequest,
} from '../../src/core/explore/requestFile';

type Expected = Partial<FileRequest>;

/** Each case: a file and, per request, the fields that matter (errors and warnings default to []). */
const parseCases: Array<{ name: string; text: string; expect: Expected[] }> = [
  { name: 'an empty file', text: '', expect: [] },
  { name: 'only comments, separators and blank lines', text: '# a note\n// another\n\n###\n### Empty\n\n###\n', expect: [] },
  {
    name: 'one bare request',
    text: 'GET /ping',
    expect: [{ method: 'GET', path: '/ping', headers: {}, body: undefined, startLine: 0, endLine: 0, title: undefined }],
  },
  {
    name: 'the documented example: titles, comments, headers and a JSON body',
    text: [
      '### List accounts',
      '# comments start with # or //',
      'GET /Accounts?max_num=5&fields=name',
      'X-Metadata-Hash: abc',
      '',
      '### Create one',
      '// a note',
      'POST /Accounts',
      'Content-Type: application/json',
      '',
      '{"name": "{{accountName}}"}',
      '',
    ].join('\n'),
    expect: [
      { title: 'List accounts', method: 'GET', path: '/Accounts?max_num=5&fields=name', headers: { 'X-Metadata-Hash': 'abc' }, body: undefined, startLine: 2, endLine: 3 },
      { title: 'Create one', method: 'POST', path: '/Accounts', headers: { 'Content-Type': 'application/json' }, body: '{"name": "{{accountName}}"}', startLine: 7, endLine: 10 },
    ],
  },
  {
    name: 'lower-case methods, HTTP/1.1 suffix, a path without its slash',
    text: 'post Accounts HTTP/1.1\n###\ndelete /Accounts/1\n###\nPatch /Accounts/2\n###\nhead /ping\n###\noptions /ping',
    expect: [
      { method: 'POST', path: '/Accounts' },
      { method: 'DELETE', path: '/Accounts/1' },
      { method: 'PATCH', path: '/Accounts/2' },
      { method: 'HEAD', path: '/ping' },
      { method: 'OPTIONS', path: '/ping' },
    ],
  },
  {
    name: 'a body with blank lines inside, surrounded by notes',
    text: 'PUT /Accounts/1\nContent-Type: application/json\n\n# the new values\n{\n  "name": "Acme",\n\n  "industry": "Energy"\n}\n\n// sent last week\n\n### next\nGET /me\n',
    expect: [
      { method: 'PUT', body: '{\n  "name": "Acme",\n\n  "industry": "Energy"\n}', startLine: 0, endLine: 10 },
      { title: 'next', method: 'GET', path: '/me', startLine: 13, endLine: 13 },
    ],
  },
  {
    name: 'CRLF and lone CR line endings',
    text: '### One\r\nPOST /Notes\r\nContent-Type: application/json\r\n\r\n{\r\n  "name": "n"\r\n}\r\n###\rGET /ping\r',
    expect: [
      { title: 'One', method: 'POST', path: '/Notes', headers: { 'Content-Type': 'application/json' }, body: '{\n  "name": "n"\n}' },
      { method: 'GET', path: '/ping', startLine: 8 },
    ],
  },
  {
    name: 'a trailing separator and separators without blank lines',
    text: '###\nGET /ping\n###\nGET /me\n###',
    expect: [
      { method: 'GET', path: '/ping', startLine: 1, endLine: 1 },
      { method: 'GET', path: '/me', startLine: 3, endLine: 3 },
    ],
  },
  {
    name: 'query continuation lines and comments among headers',
    text: 'GET /Accounts\n    ?max_num=5\n    &fields=name,industry\n# why the hash\nX-Metadata-Hash: abc\nX-Userpref-Hash : def \n',
    expect: [{ path: '/Accounts?max_num=5&fields=name,industry', headers: { 'X-Metadata-Hash': 'abc', 'X-Userpref-Hash': 'def' } }],
  },
  {
    name: 'repeated headers combine, keeping the first spelling',
    text: 'GET /ping\nAccept: application/json\naccept: text/plain',
    expect: [{ headers: { Accept: 'application/json, text/plain' } }],
  },
  {
    name: 'an absolute URL is cut to its path, with warnings',
    text: 'GET https://acme.sugaropencloud.eu/rest/v11_24/Accounts?max_num=1',
    expect: [
      {
        path: '/Accounts?max_num=1',
        errors: [],
        warnings: [
          "The host acme.sugaropencloud.eu is ignored: the request goes to its connection's instance.",
          `"/rest/v11_24" is dropped: the request uses its connection's API version.`,
        ],
      },
    ],
  },
  {
    name: 'a /rest/vN prefix alone is dropped with a warning',
    text: 'GET /rest/v10/ping',
    expect: [{ path: '/ping', warnings: [`"/rest/v10" is dropped: the request uses its connection's API version.`] }],
  },
  {
    name: 'a body on GET is a warning, not an error',
    text: 'GET /Accounts\n\n{"max_num": 1}',
    expect: [{ body: '{"max_num": 1}', errors: [], warnings: ['A GET request with a body: servers and proxies may ignore it; put arguments in the query string.'] }],
  },
  {
    name: 'no method is an error',
    text: '### broken\n/Accounts\n###\nGET /ping',
    expect: [
      { title: 'broken', method: '', path: '/Accounts', errors: ['No method: start the request line with GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, then the path.'] },
      { method: 'GET', errors: [] },
    ],
  },
  {
    name: 'an unknown method, a missing path and a path with spaces are errors',
    text: 'FETCH /Accounts\n###\nGET\n###\nGET /Accounts/my record',
    expect: [
      { method: 'FETCH', path: '/Accounts', errors: ['Unknown method "FETCH": use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.'] },
      { method: 'GET', path: '', errors: ['No path after GET: write e.g. "GET /Accounts".'] },
      { method: 'GET', errors: ['The path contains spaces: encode them as %20.'] },
    ],
  },
  {
    name: 'a body without its blank line is an error that says so',
    text: 'POST /Accounts\n{"name": "x"}',
    expect: [{ errors: ['Line 2 is not a header ("Name: value"): leave a blank line before the body.'], body: undefined }],
  },
  {
    name: 'comments before the first separator (such as an @connection directive) make no request',
    text: '# @connection Production as sally\n### Who am I\nGET /me\n',
    expect: [{ title: 'Who am I', method: 'GET', path: '/me', startLine: 2 }],
  },
];

describe('.sugar request files', () => {
  describe('parseRequestFile', () => {
    for (const { name, text, expect } of parseCases) {
      it(name, () => {
        const requests = parseRequestFile(text);
        assert.equal(requests.length, expect.length, JSON.stringify(requests, null, 1));
        expect.forEach((expected, i) => {
          const actual = requests[i];
          const wanted: Expected = { errors: [], warnings: [], ...expected };
          for (const key of Object.keys(wanted) as Array<keyof FileRequest>) {
            assert.deepEqual(actual[key], wanted[key], `request ${i}, ${key}: ${JSON.stringify(actual)}`);
          }
        });
      });
    }
  });

  describe('headers a request file cannot set', () => {
    const text = [
      '# @connection Production',
      '### who',
      'GET /me',
      'Host: tenant-b.example.com',
      'Accept: application/json',
      'oauth-token: forged-token',
      'Authorization: Bearer forged',
      'Content-Length: 5',
      '  transfer-encoding : chunked',
      'Connection: close',
      'Keep-Alive: timeout=5',
      'X-Metadata-Hash: abc',
    ].join('\n');
    const [request] = parseRequestFile(text);

    it('are errors on their own lines, saying why', () => {
      assert.deepEqual(
        request.problems.map((p) => [p.line, p.severity, p.message.split(':')[0]]),
        [
          [3, 'error', 'Host cannot be set in a request file'],
          [5, 'error', 'oauth-token cannot be set in a request file'],
          [6, 'error', 'Authorization cannot be set in a request file'],
          [7, 'error', 'Content-Length cannot be set in a request file'],
          [8, 'error', 'transfer-encoding cannot be set in a request file'],
          [9, 'error', 'Connection cannot be set in a request file'],
          [10, 'error', 'Keep-Alive cannot be set in a request file'],
        ],
      );
      assert.match(request.errors[0], /another host than its connection's instance\. Remove this line\.$/);
      assert.match(request.errors[1], /a second token: the connection's session adds its own/);
      // The token itself is never repeated in a message.
      assert.ok(!request.problems.some((p) => /forged/.test(p.message)));
    });

    it('are never kept, so nothing merges them with the real ones', () => {
      assert.deepEqual(request.headers, { Accept: 'application/json', 'X-Metadata-Hash': 'abc' });
      assert.deepEqual(request.connection, { name: 'Production' });
    });

    it('other problems carry their lines too', () => {
      const [broken, pasted] = parseRequestFile('FETCH /x\nnot a header\n###\nGET https://h.example/rest/v10/ping\n\n{"a":1}');
      assert.deepEqual(broken.problems.map((p) => [p.line, p.severity]), [[0, 'error'], [1, 'error']]);
      assert.deepEqual(pasted.problems.map((p) => [p.line, p.severity]), [[3, 'warning'], [3, 'warning'], [3, 'warning']]);
    });
  });

  describe('variables', () => {
    const previous = variablesFromResponse({
      next_offset: -1,
      records: [
        { id: 'a-1', name: 'Acme "Quoted" Inc', tags: ['x', 'y'], account: { id: 'p-9' } },
        { id: 'a-2', name: 'Globex', count: 0, active: false, parent: null },
      ],
    });
    const cases: Array<[string, string, Record<string, unknown>, string, string[]]> = [
      ['a top-level name', 'offset={{next_offset}}', previous, 'offset=-1', []],
      ['nested paths through arrays', '/Accounts/{{records.0.id}}/link/{{ records.0.account.id }}', previous, '/Accounts/a-1/link/p-9', []],
      ['bracket indexes', '{{records[1].name}}', previous, 'Globex', []],
      ['falsy values are values', '{{records.1.count}} {{records.1.active}} {{records.1.parent}}', previous, '0 false null', []],
      ['objects and arrays as JSON', '{{records.0.tags}}', previous, '["x","y"]', []],
      ['values are inserted as they are', '"{{records.0.name}}"', previous, '"Acme "Quoted" Inc"', []],
      ['the response alias', '{{response.records.1.id}}', previous, 'a-2', []],
      [
        'missing names stay and are listed once',
        '{{nope}} {{records.5.id}} {{nope}} {{records.0.id.deeper}}',
        previous,
        '{{nope}} {{records.5.id}} {{nope}} {{records.0.id.deeper}}',
        ['nope', 'records.5.id', 'records.0.id.deeper'],
      ],
      ['inherited properties are not variables', '{{constructor}} {{records.length}}', previous, '{{constructor}} 2', ['constructor']],
      ['a string answer is reachable as response', 'said {{response}}', variablesFromResponse('pong'), 'said pong', []],
      ['an array answer by index', '{{0.id}}', variablesFromResponse([{ id: 'first' }]), 'first', []],
      ['no previous response', '{{id}}', variablesFromResponse(undefined), '{{id}}', ['id']],
      ['text without variables, or with single braces', '{"a": {"b": 1}} {x}', previous, '{"a": {"b": 1}} {x}', []],
    ];
    for (const [name, text, variables, expected, missing] of cases) {
      it(name, () => assert.deepEqual(substituteVariables(text, variables), { text: expected, missing }));
    }

    it('a key named response in the answer wins over the alias', () => {
      assert.deepEqual(variablesFromResponse({ response: 1, other: 2 }), { response: 1, other: 2 });
      assert.deepEqual(variablesFromResponse(null), { response: null });
    });
  });

  describe('writing', () => {
    const roundTrips: Array<Parameters<typeof serializeRequest>[0]> = [
      { method: 'GET', path: '/Accounts?max_num=5&fields=name', title: 'List accounts' },
      { method: 'post', path: '/Accounts', headers: { 'Content-Type': 'application/json' }, body: '{\n  "name": "Acme",\n\n  "industry": "Energy"\n}' },
      { method: 'PUT', path: '/me/preferences', headers: { 'X-Metadata-Hash': 'abc', 'X-Userpref-Hash': 'def' }, body: '{"datepref":"Y-m-d"}', title: 'Save\nprefs' },
      { method: 'DELETE', path: '/Accounts/{{records.0.id}}' },
    ];
    for (const request of roundTrips) {
      it(`round-trips ${request.method} ${request.path}`, () => {
        const text = serializeRequest(request);
        const [parsed, extra] = parseRequestFile(text);
        assert.equal(extra, undefined);
        assert.equal(parsed.method, request.method.toUpperCase());
        assert.equal(parsed.path, request.path);
        assert.deepEqual(parsed.headers, request.headers ?? {});
        assert.equal(parsed.body, request.body);
        assert.equal(parsed.title, request.title?.replace(/\s+/g, ' '));
        assert.deepEqual(parsed.errors, []);
      });
    }

    it('writes a block that appends cleanly to a file', () => {
      assert.equal(
        serializeRequest({ method: 'post', path: '/Accounts', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}\r\n', title: 'Create' }),
        '### Create\nPOST /Accounts\nContent-Type: application/json\n\n{"a":1}\n',
      );
      assert.equal(serializeRequest({ method: 'GET', path: '/ping' }), '###\nGET /ping\n');
      const file = serializeRequest({ method: 'GET', path: '/ping' }) + serializeRequest({ method: 'GET', path: '/me', title: 'me' });
      assert.deepEqual(parseRequestFile(file).map((r) => r.path), ['/ping', '/me']);
    });

    it('recognises credential headers and refuses to write them', () => {
      for (const name of ['OAuth-Token', 'oauth-token', 'Authorization', 'Cookie', 'X-Refresh-Token', 'X-Api-Key', 'client_secret']) {
        assert.equal(containsTokenLikeHeader({ Accept: '*/*', [name]: 'x' }), true, name);
        assert.throws(() => serializeRequest({ method: 'GET', path: '/me', headers: { [name]: 'secret-value' } }), /never keep tokens/);
      }
      assert.equal(containsTokenLikeHeader({ 'Content-Type': 'application/json', 'X-Metadata-Hash': 'a', 'X-Userpref-Hash': 'b' }), false);
      assert.equal(containsTokenLikeHeader({}), false);
    });
  });
});
