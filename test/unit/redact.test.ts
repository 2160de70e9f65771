import assert from 'node:assert/strict';
import { REDACTED, SecretSet, redactKnownSecrets, redactSecrets } from '../../src/core/sugar/redact';

/** Token-like values, as many as 200 logged-in connections hold. */
const tokens = (count: number, prefix = ''): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i.toString(16).padStart(4, '0')}-6f1c-4e8a-9d2b-${(i * 7919).toString(16).padStart(12, '0')}`);

describe('redaction of known secrets', () => {
  for (const count of [3, 600]) {
    describe(`with ${count} secrets (${count > 16 ? 'one pass over the line' : 'one search per secret'})`, () => {
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
    });
  }

  it('masks a secret that contains another one whole, whatever the order they came in', () => {
    for (const secrets of [['abcd', 'xxabcdyy'], ['xxabcdyy', 'abcd']]) {
      for (const set of [new SecretSet(secrets), new SecretSet([...secrets, ...tokens(40)])]) {
        assert.equal(set.redact('token xxabcdyy and abcd'), `token ${REDACTED} and ${REDACTED}`);
      }
    }
  });

  it('ignores values shorter than four characters (an empty client secret would mangle every line)', () => {
    assert.equal(new SecretSet(['', '1', 'ab']).redact('a 1 ab line'), 'a 1 ab line');
    assert.equal(redactSecrets('a 1 ab line', ['', '1', 'ab']), 'a 1 ab line');
  });

  it('redactKnownSecrets masks the secrets of every group, and follows a group replaced by a new array', () => {
    const engine = tokens(300, 'e');
    const profiles = ['hunter2-password', 'client-secret-value'];
    const line = `${engine[299]} ${profiles[1]}`;
    assert.equal(redactKnownSecrets(line, [engine, profiles]), `${REDACTED} ${REDACTED}`);
    const refreshed = [...engine.slice(0, 299), 'e-new-token-value'];
    assert.equal(redactKnownSecrets('e-new-token-value', [refreshed, profiles]), REDACTED);
  });
});
