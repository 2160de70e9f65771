/** Paste cURL: shell words as a shell reads them, curl's options, and what a request file must not keep. */
import assert from 'node:assert/strict';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { CurlImportError, curlToRequest, curlToSugar, looksLikeCurl } from '../../src/core/interchange/curlImport';
import { shellWords } from '../../src/core/interchange/shellWords';

const request = (text: string) => {
  const [parsed] = parseRequestFile(curlToSugar(text));
  assert.ok(parsed, `no request from ${text}`);
  assert.deepEqual(parsed.errors, []);
  return parsed;
};

describe('Paste cURL: shell words', () => {
  it('reads single and double quotes, escapes, $\'…\' and backslash-newline continuations', () => {
    assert.deepEqual(shellWords(`curl 'a b' "c \\"d\\" \\$e" f\\ g`), ['curl', 'a b', 'c "d" $e', 'f g']);
    assert.deepEqual(shellWords(`curl \\\n  -H 'X: 1' \\\r\n  --data $'{"a":"it\\'s\\n\\x41\\u00e9"}'`), ['curl', '-H', 'X: 1', '--data', `{"a":"it's\nAé"}`]);
    assert.deepEqual(shellWords(`a'b'"c"d`), ['abcd']);
    assert.deepEqual(shellWords(`"unterminated`), ['unterminated']);
  });

  it("reads Windows cmd's caret continuations and escapes (Copy as cURL (cmd))", () => {
    const cmd = 'curl ^"https://h.example/rest/v11_1/Accounts^" ^\r\n  -H ^"accept: application/json^" ^\r\n  --data-raw ^"^{\\^"name\\^":\\^"A ^& B\\^"^}^"';
    assert.deepEqual(shellWords(cmd), ['curl', 'https://h.example/rest/v11_1/Accounts', '-H', 'accept: application/json', '--data-raw', '{"name":"A & B"}']);
    assert.deepEqual(shellWords('curl "https://h/x" ^\n -d "a b"'), ['curl', 'https://h/x', '-d', 'a b']);
  });

  it('is linear: a megabyte of quotes and backslashes is read in one pass', () => {
    const big = `curl ${`"a\\"b" 'c' $'\\x41' d\\ e `.repeat(40_000)}`;
    assert.equal(shellWords(big).length, 1 + 4 * 40_000);
  });
});

describe('Paste cURL: the request', () => {
  it('keeps no credential value of the data: {{name}} stands in its place, with a comment', () => {
    const out = curlToSugar(`curl 'https://h.example/rest/v11_1/custom/endpoint' --data-raw '{"refresh_token":"rt-canary","name":"x"}'`);
    assert.ok(!out.includes('rt-canary'), out);
    assert.deepEqual(JSON.parse(request(`curl 'https://h.example/rest/v11_1/custom/endpoint' --data-raw '{"refresh_token":"rt-canary","name":"x"}'`).body!), { refresh_token: '{{refresh_token}}', name: 'x' });
    assert.match(out, /Left out: the value of refresh_token \(a credential; request files never keep them\): \{\{refresh_token\}\} stands in its place/);
    assert.ok(!curlToSugar(`curl https://h.example/rest/v11_1/x -d 'new_password=pw-canary&a=1'`).includes('pw-canary'));
  });

  it('drops query parameters that carry a credential, also those -G moves from the data, with a comment', () => {
    const out = curlToSugar(`curl -G 'https://h.example/rest/v11_1/Accounts?access_token=url-canary&fields=name' -d 'download_token=dl-canary' -d max_num=3`);
    assert.ok(!out.includes('url-canary') && !out.includes('dl-canary'), out);
    assert.match(out, /Left out: the query parameters access_token, download_token/);
    assert.equal(request(`curl 'https://h.example/rest/v11_1/Accounts?password=pw-canary'`).path, '/Accounts');
  });

  it('turns a copied Sugar request into a .sugar request: path relative to /rest/{version}, JSON pretty, token dropped with a comment', () => {
    const text = `curl -X PUT 'https://acme.sugarondemand.com/rest/v11_1/Accounts/123?erased_fields=true' \\
      -H 'OAuth-Token: 0d1b7c1e-aaaa-bbbb-cccc-token-canary' \\
      -H 'Content-Type: application/json' \\
      --data-raw '{"name":"Acme","industry":"Banking"}' --compressed -sS`;
    const out = curlToSugar(text);
    assert.ok(!out.includes('token-canary'));
    assert.match(out, /^# The token header of the command is left out: the connection logs in and adds its own\.$/m);
    const parsed = request(text);
    assert.equal(parsed.method, 'PUT');
    assert.equal(parsed.path, '/Accounts/123?erased_fields=true');
    assert.deepEqual(parsed.headers, { 'Content-Type': 'application/json' });
    assert.equal(parsed.body, '{\n  "name": "Acme",\n  "industry": "Banking"\n}');
    assert.deepEqual(parsed.warnings, []);
  });

  it('takes POST for data, GET with -G (data into the query), HEAD with -I, and -X over both', () => {
    assert.equal(request(`curl https://h/rest/v11/Accounts -d 'a=1' -d b=2`).method, 'POST');
    assert.equal(request(`curl https://h/rest/v11/Accounts -d 'a=1' -d b=2`).body, 'a=1&b=2');
    const g = request(`curl -G https://h/rest/v11/Accounts?x=0 -d max_num=5 --data-urlencode 'q=a b&c'`);
    assert.equal(g.method, 'GET');
    assert.equal(g.path, '/Accounts?x=0&max_num=5&q=a%20b%26c');
    assert.equal(g.body, undefined);
    assert.equal(request('curl -I https://h/rest/v11/ping').method, 'HEAD');
    assert.equal(request('curl -XDELETE https://h/rest/v11/Accounts/1').method, 'DELETE');
    assert.equal(request('curl --request=PATCH --url https://h/rest/v11/Accounts/1').method, 'PATCH');
  });

  it('--json sets the JSON headers and POST', () => {
    const parsed = request(`curl --json '{"a":1}' https://h/rest/v11_24/Accounts`);
    assert.equal(parsed.method, 'POST');
    assert.deepEqual(parsed.headers, { 'Content-Type': 'application/json', Accept: 'application/json' });
    assert.equal(parsed.body, '{\n  "a": 1\n}');
  });

  it('drops -u, cookies, Authorization: Bearer and -k with comments, never their values', () => {
    const text = `curl -k -u admin:pw-canary -b 'sid=cookie-canary' -H 'Authorization: Bearer bearer-canary' -H 'Cookie: c=cookie2-canary' https://h/rest/v11/me`;
    const out = curlToSugar(text);
    for (const canary of ['pw-canary', 'cookie-canary', 'bearer-canary', 'cookie2-canary']) assert.ok(!out.includes(canary), canary);
    assert.match(out, /Left out: the user and password of -u/);
    assert.match(out, /Left out: the cookies of -b/);
    assert.match(out, /Left out: the header Cookie/);
    assert.match(out, /-k \(no TLS certificate check\) is not carried over/);
    assert.match(out, /token header of the command is left out/);
    assert.deepEqual(request(text).headers, {});
  });

  it('keeps the first 100 headers (what a request may have) and counts the rest in a comment', () => {
    const headers = Array.from({ length: 150 }, (_, i) => `-H 'X-Custom-${i}: v${i}'`).join(' ');
    const request = curlToRequest(`curl ${headers} https://x.example/rest/v11_4/Accounts`);
    assert.equal(request.headers.length, 100);
    assert.deepEqual(request.headers[99], ['X-Custom-99', 'v99']);
    assert.ok(request.comments.includes('Left out: 50 more headers (a request has at most 100).'), request.comments.join('\n'));
    assert.deepEqual(parseRequestFile(curlToSugar(`curl ${headers} https://x.example/rest/v11_4/Accounts`))[0].errors, []);
  });

  it('undoes exactly the escapes a shell undoes inside double quotes', () => {
    assert.deepEqual(shellWords('curl "a\\"b\\\\c\\$d\\`e\\x\\\nf"'), ['curl', 'a"b\\c$d`e\\xf']);
    // An escaped backslash before a newline leaves the newline (it is not a continuation).
    assert.deepEqual(shellWords('curl "a\\\\\nb"'), ['curl', 'a\\\nb']);
    // Unclosed: the rest of the text is the word.
    assert.deepEqual(shellWords('curl "a\\"b'), ['curl', 'a"b']);
  });

  it('skips the values of options it ignores, so they are not taken for the URL', () => {
    const parsed = request('curl -o out.json -m 30 -w "%{http_code}" --proxy http://p:3128 -sSL https://h/rest/v11/me');
    assert.equal(parsed.path, '/me');
  });

  it("keeps no login: a pasted POST /oauth2/token becomes a comment without its body", () => {
    const out = curlToSugar(`curl -X POST https://h/rest/v11/oauth2/token -H 'Content-Type: application/json' -d '{"grant_type":"password","username":"admin","password":"login-canary"}'`);
    assert.ok(!out.includes('login-canary'));
    assert.deepEqual(parseRequestFile(out), []);
    assert.match(out, /^# POST \/oauth2\/token is Sugar's authorization/);
  });

  it('says why a text is not a request, and recognises curl commands cheaply', () => {
    assert.throws(() => curlToRequest('wget https://h'), CurlImportError);
    assert.throws(() => curlToRequest('curl -sS'), /no URL/);
    assert.equal(looksLikeCurl('  curl https://h'), true);
    assert.equal(looksLikeCurl('$ curl -X GET https://h'), true);
    assert.equal(looksLikeCurl('curly braces'), false);
    assert.equal(looksLikeCurl('GET /Accounts'), false);
  });
});
