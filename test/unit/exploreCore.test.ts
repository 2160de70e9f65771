import assert from 'node:assert/strict';
import { addToHistory, describeHistoryEntry, HistoryEntry } from '../../src/core/explore/history';
import { normalizeRequestPath, pathVariables } from '../../src/core/explore/requestPath';
import { formatSize, renderResponse } from '../../src/core/explore/responseView';
import { readAnswer } from '../../src/core/sugar/client';

const entry = (n: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({ id: String(n), sessionId: 'c1', method: 'GET', path: `/Accounts/${n}`, at: n, ...over });

describe('history', () => {
  it('keeps the newest 50, newest first', () => {
    let entries: HistoryEntry[] = [];
    for (let n = 1; n <= 60; n++) entries = addToHistory(entries, entry(n));
    assert.equal(entries.length, 50);
    assert.equal(entries[0].id, '60');
    assert.equal(entries[49].id, '11');
  });
  it('never keeps the body of a credential route', () => {
    const [kept] = addToHistory([], entry(1, { method: 'POST', path: '/oauth2/token', body: '{"password":"secret"}' }));
    assert.equal(kept.body, undefined);
    const [other] = addToHistory([], entry(2, { method: 'POST', path: '/Accounts', body: '{"name":"A"}' }));
    assert.equal(other.body, '{"name":"A"}');
  });
  it('describes an entry with its query', () => {
    assert.equal(describeHistoryEntry(entry(1, { path: '/Accounts', query: { max_num: '5' } })), 'GET /Accounts?max_num=5');
  });
});

describe('request paths', () => {
  const rows: Array<[string, string]> = [
    ['Accounts', '/Accounts'],
    ['/Accounts?max_num=5', '/Accounts?max_num=5'],
    ['/rest/v11_24/Accounts', '/Accounts'],
    ['rest/v10/me', '/me'],
    ['https://x.example/rest/v11_4/Accounts/1?fields=name', '/Accounts/1?fields=name'],
    ['  /me  ', '/me'],
    ['/rest/v11_24', '/'],
  ];
  for (const [input, expected] of rows) it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(normalizeRequestPath(input), expected));
  it('lists the variables of an endpoint path in order', () => {
    assert.deepEqual(pathVariables('/<module>/:record/link/:link_name'), ['module', 'record', 'link_name']);
    assert.deepEqual(pathVariables('/me'), []);
  });
});

describe('response tab text', () => {
  const context = { method: 'GET', url: 'http://127.0.0.1/rest/v11_24/Accounts', sessionLabel: 'admin @ Dev' };
  it('puts status, time, size and headers on top as comments, then pretty JSON', () => {
    const response = readAnswer(200, { 'content-type': 'application/json', 'x-sugar': '1' }, Buffer.from('{"records":[{"id":"1"}]}'), 12.4, { operation: 'request' });
    const { language, text } = renderResponse(response, context);
    assert.equal(language, 'jsonc');
    const lines = text.split('\n');
    assert.equal(lines[0], '// GET http://127.0.0.1/rest/v11_24/Accounts');
    assert.equal(lines[1], '// 200 OK · 12 ms · 24 B · as admin @ Dev');
    assert.ok(lines.includes('// content-type: application/json'));
    assert.deepEqual(JSON.parse(text.replace(/^\/\/.*$/gm, '')), { records: [{ id: '1' }] });
  });
  it('shows an error with its explanation above the raw body', () => {
    const response = readAnswer(502, { 'content-type': 'text/html' }, Buffer.from('<html><title>Bad Gateway</title></html>'), 3, { operation: 'request', method: 'GET', path: '/Accounts' });
    const { language, text } = renderResponse(response, context);
    assert.equal(language, 'plaintext');
    assert.match(text, /502 Bad Gateway · 3 ms/);
    assert.match(text, /⚠ A proxy or load balancer answered HTTP 502/);
    assert.match(text, /<title>Bad Gateway<\/title>/);
  });
  it('formats sizes', () => {
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(2048), '2.0 KB');
    assert.equal(formatSize(10 * 1024 * 1024), '10.0 MB');
  });
});

describe('history keeps no credential', () => {
  it('masks token parameters in the query and in the path', () => {
    const [kept] = addToHistory([], entry(1, { path: '/Notes/1/file/f?download_token=abc123&platform=x', query: { oauth_token: 'zzz999', max_num: '5' } }));
    assert.equal(kept.path, '/Notes/1/file/f?download_token=•••&platform=x');
    assert.deepEqual(kept.query, { oauth_token: '•••', max_num: '5' });
    assert.ok(!JSON.stringify(kept).includes('abc123') && !JSON.stringify(kept).includes('zzz999'));
  });
});
