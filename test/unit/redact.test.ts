import assert from 'node:assert/strict';
import { describeRequestForLog, REDACTED, RETAIN_REPLACED_MS, SecretRedactor, SecretSet } from '../../src/core/sugar/redact';

/** Token-like values, as many as 200 logged-in connections hold. */
const tokens = (count: number, prefix = ''): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i.toString(16).padStart(4, '0')}-6f1c-4e8a-9d2b-${(i * 7919).toString(16).padStart(12, '0')}`);

/** The function RedactingLog (src/vscode/log.ts) runs every line through, over fixed groups. */
const logRedactor = (groups: Array<readonly string[]>, options: ConstructorParameters<typeof SecretRedactor>[1] = {}) => new SecretRedactor(() => groups, options);
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('redaction of known secrets', () => {
  for (const count of [3, 600]) {
    describe(`with ${count} secrets (${count > 8 ? 'one pass over the line' : 'one search per form'})`, () => {
      const secrets = tokens(count);
      const set = new SecretSet(secrets);

      it('masks every occurrence of every secret in the line', () => {
        const line = `GET /x?a=${secrets[0]} then ${secrets[count - 1]} and ${secrets[0]} again`;
        assert.equal(set.redact(line), `GET /x?a=${REDACTED} then ${REDACTED} and ${REDACTED} again`);
      });

      it('leaves a line without secrets as it is', () => {
        const line = 'POST /rest/v11_24/oauth2/token 200 12ms 512B';
        assert.equal(set.redact(line), line);
      });

      it('masks a secret at the very start and at the very end', () => {
        assert.equal(set.redact(`${secrets[1]}:${secrets[2]}`), `${REDACTED}:${REDACTED}`);
      });

      it('masks an upper-cased secret and one split across lines', () => {
        const token = secrets[count - 1];
        assert.equal(set.redact(`token ${token.toUpperCase()}.`), `token ${REDACTED}.`);
        assert.equal(set.redact(`token ${token.slice(0, 10)}\n    ${token.slice(10)} end`), `token ${REDACTED} end`);
      });
    });
  }

  it('masks a secret that contains another one whole, whatever the order they came in', () => {
    for (const secrets of [['abcdefgh', 'xxabcdefghyy'], ['xxabcdefghyy', 'abcdefgh']]) {
      for (const set of [new SecretSet(secrets), new SecretSet([...secrets, ...tokens(40)])]) {
        assert.equal(set.redact('token xxabcdefghyy and abcdefgh'), `token ${REDACTED} and ${REDACTED}`);
      }
    }
  });

  it('does not mask values under four characters as free words (an empty client secret would mangle every line)', () => {
    assert.equal(new SecretSet(['', '1', 'ab']).redact('a 1 ab line'), 'a 1 ab line');
  });
});

describe('the log masks every encoding of a known secret', () => {
  const clientSecret = 'cl1ent/s3cret+value=x&y "q" \\z';
  const token = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
  const redactor = logRedactor([[token], [clientSecret]]);
  const masks = (line: string, secret: string) => {
    const out = redactor.redact(line);
    assert.ok(!out.includes(secret), `not masked: ${out}`);
    assert.ok(out.includes(REDACTED), out);
    return out;
  };

  it('URL-encoded (component and form encoding)', () => {
    masks(`GET /x?secret_copy=${encodeURIComponent(clientSecret)}&max_num=3`, encodeURIComponent(clientSecret));
    const form = new URLSearchParams({ value: clientSecret }).toString();
    masks(`body ${form} sent`, form.slice(6));
  });

  it('JSON-escaped, also within JSON and with escaped slashes', () => {
    const json = JSON.stringify({ value: clientSecret });
    masks(`answer ${json}`, JSON.stringify(clientSecret).slice(1, -1));
    const twice = JSON.stringify(json);
    masks(`answer ${twice}`, JSON.stringify(JSON.stringify(clientSecret).slice(1, -1)).slice(1, -1));
    masks(`answer {"v":"${JSON.stringify(clientSecret).slice(1, -1).replace(/\//g, '\\/')}"}`, 'cl1ent\\/s3cret');
  });

  it('base64 inside Basic auth (client_id:secret) and inside any other base64 run', () => {
    for (const clientId of ['sugar', 'x', 'my-client']) {
      const basic = b64(`${clientId}:${clientSecret}`);
      assert.equal(redactor.redact(`Authorization: Basic ${basic}`), `Authorization: Basic ${REDACTED}`);
      assert.equal(redactor.redact(`blob ${basic} end`), `blob ${REDACTED} end`);
    }
    assert.equal(redactor.redact(`blob ${b64(`prefix ${token} suffix`)} end`), `blob ${REDACTED} end`);
  });

  it('upper-cased and split across lines', () => {
    masks(`token ${token.toUpperCase()}`, token.toUpperCase());
    const out = masks(`token ${token.slice(0, 12)}\r\n\t${token.slice(12)} then the next line`, token.slice(12));
    assert.match(out, /then the next line$/);
  });

  it('a token just replaced by a refresh stays masked for an hour, then is forgotten', () => {
    let now = 1_000_000;
    let engine: readonly string[] = ['old-access-token-0001'];
    const log = new SecretRedactor(() => [engine], { now: () => now });
    assert.equal(log.redact('t old-access-token-0001'), `t ${REDACTED}`);
    engine = ['new-access-token-0002'];
    assert.equal(log.redact('t old-access-token-0001 new-access-token-0002'), `t ${REDACTED} ${REDACTED}`);
    now += RETAIN_REPLACED_MS - 1;
    assert.equal(log.redact('t old-access-token-0001'), `t ${REDACTED}`);
    now += 2;
    assert.equal(log.redact('t old-access-token-0001'), 't old-access-token-0001');
    assert.equal(log.redact('t new-access-token-0002'), `t ${REDACTED}`);
  });

  it('prepares again only when the secrets change, even from a source that hands out copies', () => {
    let preparations = 0;
    const secrets = ['copy-token-000001'];
    let current = [...secrets];
    const log = new SecretRedactor(() => [[...current]], { publicTexts: () => (preparations++, []) });
    for (let i = 0; i < 100; i++) assert.equal(log.redact(`t copy-token-000001 ${i}`), `t ${REDACTED} ${i}`);
    assert.equal(preparations, 1);
    current = ['copy-token-000002'];
    assert.equal(log.redact('t copy-token-000002 copy-token-000001'), `t ${REDACTED} ${REDACTED}`);
    assert.equal(preparations, 2);
  });

  it('a source that throws (a damaged store) leaves the last secrets masked', () => {
    let broken = false;
    const log = new SecretRedactor(() => {
      if (broken) throw new TypeError('damaged');
      return [[token]];
    });
    assert.equal(log.redact(token), REDACTED);
    broken = true;
    assert.equal(log.redact(`x ${token}`), `x ${REDACTED}`);
  });
});

describe('short passwords: masked where they are credentials, never inside words', () => {
  const redactor = logRedactor([[], ['admin', 'abc']]);

  it('keeps ordinary words that contain the password', () => {
    for (const line of ['Contact your administrator.', 'Admins and sub-administrators', 'abcd is not abcabc']) assert.equal(redactor.redact(line), line);
  });

  it('masks the password as a whole word', () => {
    assert.equal(redactor.redact('password was admin, then "admin"'), `password was ${REDACTED}, then "${REDACTED}"`);
  });

  it('does not blank out a short password that is also a shown name (the demo admin/admin)', () => {
    const demo = logRedactor([[], ['admin']], { publicTexts: () => ['Simulator (admin)', 'admin'] });
    assert.equal(demo.redact('Logged out of Simulator (admin).'), 'Logged out of Simulator (admin).');
    assert.equal(demo.redact('Contact your administrator'), 'Contact your administrator');
    assert.equal(demo.redact('grant_type=password&username=admin&password=admin'), `grant_type=password&username=admin&password=${REDACTED}`);
  });

  it('masks passwords of any length, even unknown ones, in credential positions', () => {
    const none = logRedactor([]);
    const rows: Array<[string, string]> = [
      ['grant_type=password&password=ab&x=1', `grant_type=password&password=${REDACTED}&x=1`],
      ['{"username":"max","password":"ab"}', `{"username":"max","password":"${REDACTED}"}`],
      ['{\\"new_password\\":\\"xy\\"}', `{\\"new_password\\":\\"${REDACTED}\\"}`],
      ['?refresh-token=r1&accessToken=a1&api_key=k', `?refresh-token=${REDACTED}&accessToken=${REDACTED}&api_key=${REDACTED}`],
      ['OAuth-Token: 1a2b3c', `OAuth-Token: ${REDACTED}`],
      [`Authorization: Basic ${b64('max:ab')}`, `Authorization: Basic ${REDACTED}`],
      [`sent Basic ${b64('sugar:')} to the server`, `sent Basic ${REDACTED} to the server`],
      ['header Bearer 0123456789abcdef', `header Bearer ${REDACTED}`],
    ];
    for (const [line, expected] of rows) assert.equal(none.redact(line), expected);
  });

  it('leaves ordinary sentences about passwords and basics alone', () => {
    const none = logRedactor([]);
    for (const line of ['No password is remembered for Demo; enter it to log in.', 'Basic information about the instance', 'Refreshed the session of Demo.', 'POST /rest/v11_24/oauth2/token 200 12ms 512B']) {
      assert.equal(none.redact(line), line);
    }
  });
});

describe('redaction stays linear on hostile lines', () => {
  it('masks a megabyte of credential-looking text and secrets in one pass', () => {
    const secrets = tokens(600);
    const redactor = logRedactor([secrets, ['admin']]);
    const line = `${'"password\\":'.repeat(40_000)}${'adminadmin '.repeat(20_000)}${`${secrets[5]} `.repeat(2_000)}${'Basic '.repeat(20_000)}`;
    const out = redactor.redact(line);
    assert.ok(!out.includes(secrets[5]));
    assert.ok(out.includes('adminadmin'));
  });
});

describe('describeRequestForLog', () => {
  it('masks credential parameters of every spelling', () => {
    assert.equal(
      describeRequestForLog('GET', 'https://h.example/rest/v11_24/x?refresh-token=r&accessToken=a&api_key=k&max_num=3'),
      `GET /rest/v11_24/x?refresh-token=${REDACTED}&accessToken=${REDACTED}&api_key=${REDACTED}&max_num=3`,
    );
  });
});
