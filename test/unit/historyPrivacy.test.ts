import assert from 'node:assert/strict';
import { addToHistory, ENTRY_LIMITS, HistoryEntry, readHistory } from '../../src/core/explore/history';
import { canonicalRequestPath, carriesCredential } from '../../src/core/explore/historyPrivacy';
import { BoundedResponses } from '../../src/core/explore/responseRetention';
import { isCredentialName } from '../../src/core/sugar/credentialNames';

const entry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({ id: '1', sessionId: 'c1', method: 'POST', path: '/Accounts', at: 1, ...over });
const kept = (over: Partial<HistoryEntry>): HistoryEntry => addToHistory([], entry(over))[0];
/** Distinct, searchable values: a leak shows as one of these in the stored JSON. */
const SECRET = 'S3cret-value-4711';

describe('history privacy', () => {
  describe('bodies that carry a credential field are not kept', () => {
    const rows: Array<[string, string, string]> = [
      ['PUT', '/me/password', JSON.stringify({ old_password: 'x', new_password: SECRET })],
      ['POST', '/Users', JSON.stringify({ user_name: 'max', user_hash: SECRET })],
      ['POST', '/Users', JSON.stringify({ records: [{ fields: { nested: [{ User_Hash: SECRET }] } }] })],
      ['POST', '/custom', JSON.stringify({ refreshToken: SECRET })],
      ['POST', '/custom', JSON.stringify({ 'client-secret': SECRET })],
      ['POST', '/custom', JSON.stringify({ DOWNLOAD_TOKEN: SECRET })],
      ['POST', '/custom', JSON.stringify({ apiKey: SECRET })],
      ['POST', '/custom', JSON.stringify({ wrapped: JSON.stringify({ password: SECRET }) })],
      ['POST', '/custom', `grant_type=password&username=max&password=${SECRET}`],
      ['POST', '/custom', `{"broken json", "access_token": "${SECRET}"`],
    ];
    for (const [method, path, body] of rows) {
      it(`${method} ${path} ${body.slice(0, 60)}`, () => {
        const stored = kept({ method, path, body });
        assert.equal(stored.body, undefined);
        assert.equal(stored.bodyOmitted, 'credentials');
        assert.ok(!JSON.stringify(stored).includes(SECRET));
      });
    }
  });

  it('finds a credential 50,000 levels deep without running out of stack', () => {
    const depth = 50_000;
    const body = `${'{"a":'.repeat(depth)}{"password":"${SECRET}"}${'}'.repeat(depth)}`;
    assert.equal(carriesCredential(body), true);
    assert.equal(kept({ body }).body, undefined);
    const clean = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    assert.equal(carriesCredential(clean), false);
  });

  it('keeps ordinary bodies, including values that merely mention tokens', () => {
    const body = JSON.stringify({ name: 'Token Ring password manager Inc', tokens_used: 3, description: 'the secret of success' });
    assert.equal(kept({ body }).body, body);
  });

  describe('OAuth routes are judged on the canonical path', () => {
    const body = JSON.stringify({ grant_type: 'password', username: 'max' });
    for (const path of ['/oauth2/token', '//oauth2/token', '/%6Fauth2/token', '/%256Fauth2/token', '/Accounts/../oauth2/token', '/./oauth2//token', '\\oauth2\\token', '/rest/v11_24/oauth2/token']) {
      it(path, () => {
        assert.equal(canonicalRequestPath(path).toLowerCase().replace(/^\/rest\/v11_24/, ''), '/oauth2/token');
        assert.equal(kept({ path, body }).body, undefined);
      });
    }
    it('an ordinary path keeps its body', () => assert.equal(kept({ path: '/Accounts/oauth2', body }).body, body));
  });

  it('masks credential parameters of every spelling in the path and in the query', () => {
    const path = `/Notes/1/file/f?refresh-token=${SECRET}&accessToken=${SECRET}&api_key=${SECRET}&X-Api-Key=${SECRET}&max_num=5&fields=name,date_modified#access_token=${SECRET}`;
    const stored = kept({ method: 'GET', path, query: { 'refresh-token': SECRET, accessToken: SECRET, api_key: SECRET, Password: SECRET, max_num: '5' } });
    assert.equal(stored.path, '/Notes/1/file/f?refresh-token=•••&accessToken=•••&api_key=•••&X-Api-Key=•••&max_num=5&fields=name,date_modified');
    assert.deepEqual(stored.query, { 'refresh-token': '•••', accessToken: '•••', api_key: '•••', Password: '•••', max_num: '5' });
    assert.ok(!JSON.stringify(stored).includes(SECRET));
  });

  it('caps what one entry keeps', () => {
    const huge = 'x'.repeat(1_000_000);
    const stored = kept({ path: `/Accounts/${huge}`, body: JSON.stringify({ name: huge }), failure: huge, query: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, huge])) });
    assert.ok(stored.path.length <= ENTRY_LIMITS.pathChars + 1);
    assert.equal(stored.body, undefined);
    assert.equal(stored.bodyOmitted, 'size');
    assert.ok(stored.failure!.length <= ENTRY_LIMITS.failureChars + 1);
    assert.equal(Object.keys(stored.query!).length, ENTRY_LIMITS.queryParams);
    assert.ok(JSON.stringify(stored).length < 200_000, `an entry keeps ${JSON.stringify(stored).length} characters`);
  });

  it('reads stored history defensively and makes entries of older versions private', () => {
    const old = [
      null,
      'text',
      { id: 7 },
      entry({ id: 'a', method: 'PUT', path: '/me/password', body: JSON.stringify({ new_password: SECRET }) }),
      entry({ id: 'b', method: 'GET', path: `/x?refresh-token=${SECRET}` }),
    ];
    const read = readHistory(old);
    assert.deepEqual(read.map((e) => e.id), ['a', 'b']);
    assert.ok(!JSON.stringify(read).includes(SECRET));
    assert.deepEqual(readHistory({ not: 'a list' }), []);
  });

  it('names the credential family whatever the spelling, and nothing else', () => {
    for (const name of ['password', 'new_password', 'OLD-PASSWORD', 'user_hash', 'userHash', 'client_secret', 'refresh_token', 'refresh-token', 'accessToken', 'download_token', 'oauth_token', 'OAuth-Token', 'api_key', 'x-api-key', 'authorization']) {
      assert.ok(isCredentialName(name), name);
    }
    for (const name of ['name', 'max_num', 'fields', 'tokens_used', 'grant_type', 'username', 'user_name', 'description', 'bypass']) assert.ok(!isCredentialName(name), name);
  });
});

describe('responses kept for Open Last Response', () => {
  it('keeps at most the count, oldest dropped first', () => {
    const kept = new BoundedResponses<string>((text) => text.length, 3, 1000);
    for (const id of ['a', 'b', 'c', 'd']) kept.set(id, id);
    assert.equal(kept.get('a'), undefined);
    assert.deepEqual(['b', 'c', 'd'].map((id) => kept.get(id)), ['b', 'c', 'd']);
  });

  it('keeps within the byte budget, and never a response larger than all of it', () => {
    const kept = new BoundedResponses<string>((text) => text.length, 100, 1000);
    kept.set('a', 'a'.repeat(400));
    kept.set('b', 'b'.repeat(400));
    kept.set('c', 'c'.repeat(400));
    assert.equal(kept.get('a'), undefined);
    assert.ok(kept.get('b') && kept.get('c'));
    assert.ok(kept.bytes <= 1000);
    kept.set('huge', 'h'.repeat(1001));
    assert.equal(kept.get('huge'), undefined);
    assert.ok(kept.get('c'));
    kept.set('c', 'c');
    assert.equal(kept.bytes, 401);
  });
});
