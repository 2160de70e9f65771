import assert from 'node:assert/strict';
import { isLoopbackHost, normalizeInstanceUrl, restBaseUrl } from '../../src/core/sugar/instanceUrl';

interface Accepted {
  input: string;
  url: string;
  /** Substrings that must each appear in some note; `[]` means no notes at all. */
  notes: string[];
  version?: string;
}

interface Rejected {
  input: string;
  reason: string;
  /** Text that must never appear in the reason (credentials). */
  notIn?: string;
}

const accepted: Accepted[] = [
  { input: 'https://mycompany.sugarondemand.com', url: 'https://mycompany.sugarondemand.com', notes: [] },
  { input: 'mycompany.sugarondemand.com', url: 'https://mycompany.sugarondemand.com', notes: ['Added https://'] },
  { input: 'https://mycompany.sugarondemand.com/', url: 'https://mycompany.sugarondemand.com', notes: ['trailing slash'] },
  { input: 'https://crm.example.com///', url: 'https://crm.example.com', notes: ['trailing slash'] },
  { input: 'https://crm.example.com/rest/v11_4', url: 'https://crm.example.com', notes: ['Removed /rest/v11_4 from the end; the API version is chosen separately.', 'Detected API version v11_4'], version: 'v11_4' },
  { input: 'https://crm.example.com/rest/v10/', url: 'https://crm.example.com', notes: ['Removed /rest/v10', 'Detected API version v10'], version: 'v10' },
  { input: 'https://crm.example.com/rest/v11_4/Accounts/123', url: 'https://crm.example.com', notes: ['Removed /rest/v11_4/Accounts/123', 'v11_4'], version: 'v11_4' },
  { input: 'https://crm.example.com/REST/V11_24/me', url: 'https://crm.example.com', notes: ['Detected API version v11_24'], version: 'v11_24' },
  { input: 'https://crm.example.com/rest/', url: 'https://crm.example.com', notes: ['Removed /rest'] },
  { input: 'https://crm.example.com/api/rest.php/v11_4/me', url: 'https://crm.example.com', notes: ['Removed /api/rest.php/v11_4/me', 'v11_4'], version: 'v11_4' },
  { input: 'https://crm.example.com/index.php', url: 'https://crm.example.com', notes: ['Removed /index.php'] },
  { input: 'https://crm.example.com/index.php?module=Home&action=index', url: 'https://crm.example.com', notes: ['Removed /index.php', 'query string (module, action)'] },
  { input: 'https://crm.example.com/#Home', url: 'https://crm.example.com', notes: ['Removed #Home'] },
  { input: 'https://crm.example.com/#Accounts/123', url: 'https://crm.example.com', notes: ['Removed #Accounts/123', 'trailing slash'] },
  { input: 'https://crm.example.com/?lang=en_us', url: 'https://crm.example.com', notes: ['query string (lang)', 'trailing slash'] },
  { input: 'HTTPS://CRM.Example.COM/Sugar', url: 'https://crm.example.com/Sugar', notes: [] },
  { input: '  https://crm.example.com \n', url: 'https://crm.example.com', notes: [] },
  { input: '"https://crm.example.com/"', url: 'https://crm.example.com', notes: ['quotes', 'trailing slash'] },
  { input: "'crm.example.com'", url: 'https://crm.example.com', notes: ['quotes', 'Added https://'] },
  { input: '<https://crm.example.com>', url: 'https://crm.example.com', notes: ['quotes'] },
  { input: '“https://crm.example.com/”', url: 'https://crm.example.com', notes: ['quotes'] },
  { input: '"https://crm.example.com', url: 'https://crm.example.com', notes: ['quotes'] },
  { input: 'https://example.com/sugar/', url: 'https://example.com/sugar', notes: ['trailing slash'] },
  { input: 'https://example.com/sugar/rest/v11_20/Contacts', url: 'https://example.com/sugar', notes: ['Removed /rest/v11_20/Contacts'], version: 'v11_20' },
  { input: 'https://example.com/crm/sugar/index.php#Home', url: 'https://example.com/crm/sugar', notes: ['Removed /index.php', 'Removed #Home'] },
  // A sub-path literally called "rest" cannot be kept: normalising must be idempotent.
  { input: 'https://example.com/rest/rest/v11', url: 'https://example.com', notes: ['Removed /rest/rest/v11'], version: 'v11' },
  { input: 'https://crm.example.com:8443/', url: 'https://crm.example.com:8443', notes: ['trailing slash'] },
  { input: 'crm.example.com:8443/sugar', url: 'https://crm.example.com:8443/sugar', notes: ['Added https://'] },
  { input: 'https://crm.example.com:443', url: 'https://crm.example.com', notes: [] },
  { input: 'crm.example.com:80', url: 'http://crm.example.com', notes: ['Added http:// because port 80', 'unencrypted'] },
  { input: 'localhost:8080', url: 'http://localhost:8080', notes: ['Added http:// because this is a local address'] },
  { input: 'localhost/sugar/', url: 'http://localhost/sugar', notes: ['Added http://'] },
  { input: '127.0.0.1:8080/rest/v11_24', url: 'http://127.0.0.1:8080', notes: ['Added http://', 'v11_24'], version: 'v11_24' },
  { input: '[::1]:8080', url: 'http://[::1]:8080', notes: ['Added http://'] },
  { input: 'https://localhost:8443', url: 'https://localhost:8443', notes: [] },
  { input: 'http://localhost:8080', url: 'http://localhost:8080', notes: [] },
  { input: 'https://[2001:db8::1]:8443/sugar', url: 'https://[2001:db8::1]:8443/sugar', notes: [] },
  { input: '[2001:DB8::1]', url: 'https://[2001:db8::1]', notes: ['Added https://'] },
  { input: 'http://crm.example.com', url: 'http://crm.example.com', notes: ['Kept http://', 'unencrypted'] },
  { input: 'http://mycompany.sugarondemand.com/', url: 'https://mycompany.sugarondemand.com', notes: ['Switched to https://'] },
  { input: 'mycompany.sugarondemand.com:80', url: 'https://mycompany.sugarondemand.com', notes: ['Added https://'] },
  { input: 'bücher.example/sugar', url: 'https://xn--bcher-kva.example/sugar', notes: ['Added https://', 'xn--bcher-kva.example'] },
  { input: 'https://xn--bcher-kva.example', url: 'https://xn--bcher-kva.example', notes: [] },
  { input: 'https://crm.example.com./', url: 'https://crm.example.com', notes: ['dot at the end', 'trailing slash'] },
  { input: 'https//crm.example.com', url: 'https://crm.example.com', notes: ['colon was missing'] },
  { input: 'https:/crm.example.com', url: 'https://crm.example.com', notes: [] },
  { input: '//crm.example.com', url: 'https://crm.example.com', notes: ['Added https://'] },
  { input: 'https://crm.example.com//sugar//', url: 'https://crm.example.com/sugar', notes: ['doubled slashes', 'trailing slash'] },
  { input: 'crm', url: 'https://crm', notes: ['Added https://'] }, // intranet hosts can be one label
  { input: '\u200Bhttps://crm.example.com\uFEFF', url: 'https://crm.example.com', notes: [] },
];

const rejected: Rejected[] = [
  { input: '', reason: 'Enter the address' },
  { input: '   \n ', reason: 'Enter the address' },
  { input: '""', reason: 'Enter the address' },
  { input: 'hello world', reason: 'space' },
  { input: 'https://exa mple.com', reason: 'space' },
  { input: 'https://crm.example.com\nhttps://other.example.com', reason: 'line break' },
  { input: 'http://', reason: 'no host name' },
  { input: 'https:', reason: 'no host name' },
  { input: 'https://user:s3cret-pass@crm.example.com', reason: 'user name or password', notIn: 's3cret-pass' },
  { input: 'admin:hunter2@crm.example.com', reason: 'user name or password', notIn: 'hunter2' },
  { input: 'https://admin@crm.example.com/sugar', reason: 'user name or password', notIn: 'admin' },
  { input: 'ftp://crm.example.com', reason: 'starts with ftp:' },
  { input: 'javascript:alert(1)', reason: 'starts with javascript:' },
  { input: 'file:///etc/passwd', reason: 'starts with file:' },
  { input: 'mailto:someone@example.com', reason: 'starts with mailto:' },
  { input: 'wss://crm.example.com', reason: 'Only http:// and https://' },
  { input: 'https://crm.example.com:99999', reason: 'port 99999 is out of range' },
  { input: 'https://exa!mple.com', reason: 'host name' },
  { input: 'https://.example.com', reason: 'host name' },
  { input: 'https://crm..example.com', reason: 'host name' },
  { input: 'https://-crm.example.com', reason: 'host name' },
  { input: 'fe80::1', reason: 'square brackets' },
  { input: '2001:db8::1', reason: 'square brackets' },
  { input: 'https://sugarondemand.com', reason: "SugarCloud's domain" },
  { input: 'www.sugarondemand.com', reason: "SugarCloud's domain" },
  { input: 'https://[::1', reason: 'does not look like a web address' },
];

describe('normalizeInstanceUrl', () => {
  describe('accepts every shape users paste', () => {
    for (const row of accepted) {
      it(`${JSON.stringify(row.input)} -> ${row.url}`, () => {
        const result = normalizeInstanceUrl(row.input);
        assert.ok(result.ok, `rejected: ${result.ok ? '' : result.reason}`);
        assert.equal(result.url, row.url);
        assert.equal(result.apiVersionInUrl, row.version);
        if (row.notes.length === 0) assert.deepEqual(result.notes, []);
        for (const expected of row.notes) {
          assert.ok(result.notes.some((note) => note.includes(expected)), `no note with ${JSON.stringify(expected)} in ${JSON.stringify(result.notes)}`);
        }
      });
    }
  });

  describe('rejects with one clear sentence', () => {
    for (const row of rejected) {
      it(`${JSON.stringify(row.input)} -> ${row.reason}`, () => {
        const result = normalizeInstanceUrl(row.input);
        assert.equal(result.ok, false, `accepted as ${result.ok ? result.url : ''}`);
        if (result.ok) return;
        assert.ok(result.reason.includes(row.reason), result.reason);
        assert.match(result.reason, /^[^\n]+[.]$/, 'a single sentence ending with a period');
        if (row.notIn) assert.ok(!result.reason.includes(row.notIn), `the reason echoes ${row.notIn}`);
      });
    }
  });

  it('is idempotent: a normalised URL comes back unchanged and without notes', () => {
    for (const row of accepted) {
      const first = normalizeInstanceUrl(row.input);
      assert.ok(first.ok);
      const second = normalizeInstanceUrl(first.url);
      assert.ok(second.ok);
      assert.equal(second.url, first.url);
      // The only note that survives is the reminder that plain http is unencrypted.
      assert.ok(second.notes.every((n) => n.includes('unencrypted')), `${first.url}: ${JSON.stringify(second.notes)}`);
    }
  });

  it('never echoes query values, which can hold tokens', () => {
    const result = normalizeInstanceUrl('https://crm.example.com/index.php?download_token=abc123secret#access_token=zzz999');
    assert.ok(result.ok);
    const notes = result.notes.join(' ');
    assert.ok(!notes.includes('abc123secret'));
    assert.ok(!notes.includes('zzz999'));
    assert.ok(notes.includes('download_token'));
  });
});

describe('restBaseUrl', () => {
  const rows: Array<[string, string, string]> = [
    ['https://crm.example.com', 'v11_24', 'https://crm.example.com/rest/v11_24'],
    ['https://crm.example.com/sugar', 'v10', 'https://crm.example.com/sugar/rest/v10'],
    ['https://crm.example.com/', 'v11', 'https://crm.example.com/rest/v11'],
    ['http://127.0.0.1:8080', 'v99', 'http://127.0.0.1:8080/rest/v99'],
  ];
  for (const [url, version, expected] of rows) {
    it(`${url} + ${version}`, () => assert.equal(restBaseUrl(url, version), expected));
  }

  it('refuses a malformed version instead of building a broken URL', () => {
    assert.throws(() => restBaseUrl('https://crm.example.com', 'auto'), RangeError);
    assert.throws(() => restBaseUrl('https://crm.example.com', '11.4'), RangeError);
  });
});

describe('isLoopbackHost', () => {
  const rows: Array<[string, boolean]> = [
    ['localhost', true], ['LOCALHOST', true], ['sugar.localhost', true], ['127.0.0.1', true], ['127.8.9.10', true],
    ['[::1]', true], ['localhost.', true], ['example.com', false], ['128.0.0.1', false], ['[2001:db8::1]', false], ['mylocalhost', false],
  ];
  for (const [host, expected] of rows) {
    it(`${host} -> ${expected}`, () => assert.equal(isLoopbackHost(host), expected));
  }
});
