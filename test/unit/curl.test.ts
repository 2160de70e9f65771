import assert from 'node:assert/strict';
import { curlCommand, curlTokenFormOf, MASKED_TOKEN } from '../../src/core/sugar/curl';

describe('Copy as cURL: masked unless asked for clear', () => {
  it('a programmatic call gets the masked line unless its options ask for { token: "clear" }', () => {
    for (const options of [undefined, null, 'clear', {}, { token: 'CLEAR' }, { token: true }, { clear: true }]) assert.equal(curlTokenFormOf(options), 'masked', JSON.stringify(options));
    assert.equal(curlTokenFormOf({ token: 'clear' }), 'clear');
  });

  it('the masked line names where the token comes from and carries none', () => {
    const line = curlCommand({ method: 'GET', url: 'https://h.example/rest/v11_24/me', token: MASKED_TOKEN });
    assert.equal(line, `curl -sS -H 'OAuth-Token: ${MASKED_TOKEN}' 'https://h.example/rest/v11_24/me'`);
  });
});
