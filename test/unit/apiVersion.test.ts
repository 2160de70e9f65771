import assert from 'node:assert/strict';
import {
  PROBE_VERSION,
  apiVersionFromDotted,
  compareApiVersions,
  formatApiVersion,
  isApiVersion,
  parseApiVersion,
  parseIncorrectVersionMessage,
  sugarReleaseForVersion,
  supportsBearerHeader,
} from '../../src/core/sugar/apiVersion';

describe('apiVersion', () => {
  describe('isApiVersion / parseApiVersion', () => {
    const valid: Array<[string, number, number]> = [
      ['v10', 10, 0], ['v11', 11, 0], ['v11_1', 11, 1], ['v11_4', 11, 4], ['v11_24', 11, 24], ['v11_27', 11, 27], ['v99', 99, 0], ['v12_3', 12, 3],
    ];
    for (const [s, major, minor] of valid) {
      it(`${s} is {${major}, ${minor}}`, () => {
        assert.equal(isApiVersion(s), true);
        assert.deepEqual(parseApiVersion(s), { major, minor });
      });
    }
    const invalid = ['', 'v', '11', '11.24', 'v11.24', 'V11_4', 'v11_', 'v11_0', 'v011', 'v11_04', 'v9', 'v1', 'v11_4_1', ' v11', 'auto', 'v11_4/'];
    for (const s of invalid) {
      it(`${JSON.stringify(s)} is not a version`, () => {
        assert.equal(isApiVersion(s), false);
        assert.equal(parseApiVersion(s), undefined);
      });
    }
  });

  describe('formatApiVersion', () => {
    const rows: Array<[number, number, string]> = [[10, 0, 'v10'], [11, 0, 'v11'], [11, 4, 'v11_4'], [11, 24, 'v11_24']];
    for (const [major, minor, expected] of rows) {
      it(`{${major}, ${minor}} -> ${expected}`, () => assert.equal(formatApiVersion({ major, minor }), expected));
    }
    it('round-trips with parseApiVersion', () => {
      for (const v of ['v10', 'v11', 'v11_1', 'v11_27']) assert.equal(formatApiVersion(parseApiVersion(v)!), v);
    });
  });

  describe('compareApiVersions', () => {
    it('orders numerically, not as text', () => {
      assert.ok(compareApiVersions('v11_4', 'v11_24') < 0);
      assert.ok(compareApiVersions('v11_10', 'v11_9') > 0);
      assert.ok(compareApiVersions('v11', 'v11_1') < 0);
      assert.ok(compareApiVersions('v10', 'v11') < 0);
      assert.equal(compareApiVersions('v11_4', 'v11_4'), 0);
      assert.ok(compareApiVersions(PROBE_VERSION, 'v11_27') > 0);
    });
    it('sorts a list', () => {
      assert.deepEqual(['v11_24', 'v10', 'v11_3', 'v11', 'v11_16'].sort(compareApiVersions), ['v10', 'v11', 'v11_3', 'v11_16', 'v11_24']);
    });
    it('throws on a malformed version', () => {
      assert.throws(() => compareApiVersions('11.4', 'v11'), RangeError);
    });
  });

  describe('apiVersionFromDotted', () => {
    const rows: Array<[string, string | undefined]> = [
      ['11.24', 'v11_24'], ['11_24', 'v11_24'], ['v11_24', 'v11_24'], ['V11.24', 'v11_24'], ['v11.24', 'v11_24'],
      ['11', 'v11'], ['10', 'v10'], ['11.0', 'v11'], ['v11_0', 'v11'], [' 11.4 ', 'v11_4'], ['11.1', 'v11_1'],
      ['', undefined], ['9', undefined], ['11.24.1', undefined], ['eleven', undefined], ['11.', undefined], ['auto', undefined],
    ];
    for (const [input, expected] of rows) {
      it(`${JSON.stringify(input)} -> ${expected}`, () => assert.equal(apiVersionFromDotted(input), expected));
    }
  });

  describe('parseIncorrectVersionMessage', () => {
    const rows: Array<[string, string | undefined]> = [
      ['Please change your requested API version to value between 10 and 11.24.', 'v11_24'],
      ['Please change your requested API version to value between 10 and 11.24', 'v11_24'],
      ['Please change your requested API version to value between 10 and 11_24.', 'v11_24'],
      ['Please change your requested API version to value between 10 and v11_24.', 'v11_24'],
      ['Please change your requested API version to value between 10 and 11.1.', 'v11_1'],
      ['Please change your requested API version to value between 10 and 11.', 'v11'],
      ['please change your requested api version to value between v10 and 11.27.', 'v11_27'],
      ['Please change your requested API version to value between 10   and\n11.16.', 'v11_16'],
      ['Something else went wrong.', undefined],
      ['', undefined],
    ];
    for (const [message, expected] of rows) {
      it(`${JSON.stringify(message)} -> ${expected}`, () => assert.equal(parseIncorrectVersionMessage(message), expected));
    }
  });

  describe('supportsBearerHeader', () => {
    const rows: Array<[string, boolean]> = [
      ['v10', false], ['v11', false], ['v11_2', false], ['v11_3', true], ['v11_4', true], ['v11_24', true], ['v12', true], ['11.4', false], ['auto', false],
    ];
    for (const [version, expected] of rows) {
      it(`${version} -> ${expected}`, () => assert.equal(supportsBearerHeader(version), expected));
    }
  });

  describe('PROBE_VERSION', () => {
    it('is well formed and above every real version', () => {
      assert.equal(isApiVersion(PROBE_VERSION), true);
      assert.ok(compareApiVersions(PROBE_VERSION, 'v11_99') > 0);
    });
  });

  describe('sugarReleaseForVersion', () => {
    const rows: Array<[string, string | undefined]> = [
      ['v10', undefined], ['v11', undefined], ['v11_1', 'Sugar 8.1 or later'], ['v11_15', 'Sugar 8.1 or later'],
      ['v11_16', 'Sugar 12.0 or later'], ['v11_23', 'Sugar 12.0 or later'], ['v11_24', 'Sugar 14.0 or later'],
      ['v11_25', 'Sugar 14.0 or later'], ['v11_26', 'Sugar 14.2 or later'], ['v11_27', 'Sugar 26.1 or later'],
      ['v11_30', 'Sugar 26.1 or later'], ['11.24', undefined],
    ];
    for (const [version, expected] of rows) {
      it(`${version} -> ${expected}`, () => assert.equal(sugarReleaseForVersion(version), expected));
    }
  });
});
