import assert from 'node:assert/strict';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_PLATFORM,
  Profile,
  ProfileIssue,
  createProfile,
  describeProfileForLog,
  newProfileId,
  redactProfile,
  validatePlatform,
  validateProfile,
} from '../../src/core/profiles/profile';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';

function goodProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'abc',
    name: 'Production',
    instanceUrl: 'https://crm.example.com',
    apiVersion: 'auto',
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: '',
    platform: DEFAULT_PLATFORM,
    username: 'jim',
    rememberPassword: false,
    tls: { verify: true },
    proxy: { mode: 'env' },
    ...overrides,
  };
}

function find(issues: ProfileIssue[], field: string, severity: 'error' | 'warning'): ProfileIssue | undefined {
  return issues.find((i) => i.field === field && i.severity === severity);
}

describe('profile', () => {
  describe('validatePlatform', () => {
    const errors: Array<[string, string]> = [
      ['', 'Enter a platform name'],
      ['Custom_API', 'upper-case'],
      ['my platform', 'spaces'],
      ['custom.api', '"."'],
      ['custom/api', '"/"'],
      ['a'.repeat(128), 'over the limit of 127'],
      [' custom_api', 'spaces'],
    ];
    for (const [name, expected] of errors) {
      it(`${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…` : name)} is an error mentioning ${expected}`, () => {
        const issues = validatePlatform(name);
        assert.equal(issues.length, 1);
        assert.equal(issues[0].severity, 'error');
        assert.equal(issues[0].field, 'platform');
        assert.ok(issues[0].message.includes(expected), issues[0].message);
      });
    }

    it('suggests the fixed name when it can', () => {
      assert.ok(validatePlatform('My Integration')[0].message.includes('Did you mean my_integration?'));
      assert.ok(!validatePlatform('my.platform')[0].message.includes('Did you mean'));
    });

    const fine = ['custom_api', 'my-tool', 'a', 'x'.repeat(127), 'opi', 'sugar_2024'];
    for (const name of fine) {
      it(`${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…` : name)} is fine`, () => assert.deepEqual(validatePlatform(name), []));
    }

    const shared: Array<[string, string]> = [
      ['base', "A login on base ends this user's own browser session; use a platform of your own such as custom_api, registered by an admin in Admin > Configure API Platforms."],
      ['mobile', 'mobile app'],
      ['portal', 'Portal'],
    ];
    for (const [name, expected] of shared) {
      it(`${name} is a warning`, () => {
        const issues = validatePlatform(name);
        assert.equal(issues.length, 1);
        assert.equal(issues[0].severity, 'warning');
        assert.ok(issues[0].message.includes(expected), issues[0].message);
      });
    }
  });

  describe('validateProfile', () => {
    it('accepts a complete, ordinary profile without issues', () => {
      assert.deepEqual(validateProfile(goodProfile()), []);
    });

    const rows: Array<{ title: string; change: Partial<Profile>; field: string; severity: 'error' | 'warning'; message: string }> = [
      { title: 'missing name', change: { name: '  ' }, field: 'name', severity: 'error', message: 'name' },
      { title: 'long name', change: { name: 'n'.repeat(101) }, field: 'name', severity: 'error', message: '101 characters' },
      { title: 'bad URL', change: { instanceUrl: 'ftp://x.example.com' }, field: 'instanceUrl', severity: 'error', message: 'http' },
      { title: 'empty URL', change: { instanceUrl: '' }, field: 'instanceUrl', severity: 'error', message: 'Enter the address' },
      { title: 'URL with credentials', change: { instanceUrl: 'https://a:b@x.example.com' }, field: 'instanceUrl', severity: 'error', message: 'password' },
      { title: 'URL not normalised', change: { instanceUrl: 'https://crm.example.com/rest/v11_4' }, field: 'instanceUrl', severity: 'warning', message: 'https://crm.example.com.' },
      { title: 'plain http', change: { instanceUrl: 'http://crm.example.com' }, field: 'instanceUrl', severity: 'warning', message: 'unencrypted' },
      { title: 'missing user name', change: { username: '' }, field: 'username', severity: 'error', message: 'user name' },
      { title: 'bad API version', change: { apiVersion: 'latest' }, field: 'apiVersion', severity: 'error', message: 'auto or a Sugar version' },
      { title: 'dotted API version', change: { apiVersion: '11.24' }, field: 'apiVersion', severity: 'error', message: 'Did you mean v11_24?' },
      { title: 'empty client id', change: { clientId: '' }, field: 'clientId', severity: 'error', message: 'cannot be empty' },
      { title: 'client id with spaces', change: { clientId: 'my client', clientSecret: 'x' }, field: 'clientId', severity: 'error', message: 'spaces' },
      { title: 'sugar with a secret', change: { clientSecret: 'oops' }, field: 'clientSecret', severity: 'error', message: 'The client id sugar has an empty secret; Sugar refuses any other secret.' },
      { title: 'platform in capitals', change: { platform: 'BASE' }, field: 'platform', severity: 'error', message: 'upper-case' },
      { title: 'platform base', change: { platform: 'base' }, field: 'platform', severity: 'warning', message: 'browser session' },
      { title: 'proxy url missing', change: { proxy: { mode: 'url' } }, field: 'proxy.url', severity: 'error', message: 'Enter the proxy address' },
      { title: 'proxy url not a URL', change: { proxy: { mode: 'url', url: 'proxy here' } }, field: 'proxy.url', severity: 'error', message: 'not a valid URL' },
      { title: 'proxy url socks', change: { proxy: { mode: 'url', url: 'socks5://proxy:1080' } }, field: 'proxy.url', severity: 'error', message: 'http:// or https://' },
      { title: 'proxy mode unknown', change: { proxy: { mode: 'auto' as 'env' } }, field: 'proxy', severity: 'error', message: 'env' },
      { title: 'TLS verification off', change: { tls: { verify: false } }, field: 'tls', severity: 'warning', message: 'TLS verification is off for this connection.' },
      { title: 'CA not PEM', change: { tls: { verify: true, caCertificate: 'MIIBszCCAVmgAwIBAgIU' } }, field: 'tls.caCertificate', severity: 'error', message: '-----BEGIN CERTIFICATE-----' },
      { title: 'CA is a private key', change: { tls: { verify: true, caCertificate: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' } }, field: 'tls.caCertificate', severity: 'error', message: 'private key' },
      { title: 'CA unused without verification', change: { tls: { verify: false, caCertificate: PEM } }, field: 'tls.caCertificate', severity: 'warning', message: 'not used' },
      { title: 'negative timeout', change: { timeouts: { connectMs: -1 } }, field: 'timeouts', severity: 'error', message: 'positive' },
      { title: 'NaN timeout', change: { timeouts: { totalMs: Number.NaN } }, field: 'timeouts', severity: 'error', message: 'positive' },
      { title: 'seconds typed as ms', change: { timeouts: { totalMs: 30 } }, field: 'timeouts', severity: 'error', message: 'did you mean 30 seconds' },
      { title: 'huge timeout', change: { timeouts: { totalMs: 10 * 3_600_000 } }, field: 'timeouts', severity: 'warning', message: '600 minutes' },
      { title: 'connect longer than total', change: { timeouts: { connectMs: 30_000, totalMs: 10_000 } }, field: 'timeouts', severity: 'warning', message: 'longer than the total' },
    ];
    for (const row of rows) {
      it(`${row.title}: ${row.severity} on ${row.field}`, () => {
        const issues = validateProfile(goodProfile(row.change));
        const hit = find(issues, row.field, row.severity);
        assert.ok(hit, `no ${row.severity} on ${row.field} in ${JSON.stringify(issues)}`);
        assert.ok(hit.message.includes(row.message), hit.message);
      });
    }

    const clean: Array<[string, Partial<Profile>]> = [
      ['a custom client with a secret', { clientId: 'my_integration', clientSecret: 's3cret' }],
      ['a custom client with an empty secret', { clientId: 'my_integration', clientSecret: '' }],
      ['a pinned version', { apiVersion: 'v11_24' }],
      ['http on localhost', { instanceUrl: 'http://localhost:8080' }],
      ['a PEM CA certificate', { tls: { verify: true, caCertificate: PEM } }],
      ['a proxy URL', { proxy: { mode: 'url', url: 'http://proxy.example.com:3128' } }],
      ['no proxy', { proxy: { mode: 'none' } }],
      ['ordinary timeouts', { timeouts: { connectMs: 10_000, totalMs: 60_000 } }],
      ['a 100-character name', { name: 'n'.repeat(100) }],
    ];
    for (const [title, change] of clean) {
      it(`accepts ${title}`, () => assert.deepEqual(validateProfile(goodProfile(change)), []));
    }

    it('checks a partial profile, requiring only name, address and user name', () => {
      const issues = validateProfile({});
      assert.deepEqual(issues.map((i) => i.field).sort(), ['instanceUrl', 'name', 'username']);
      assert.ok(issues.every((i) => i.severity === 'error'));
    });
  });

  describe('createProfile', () => {
    it('applies defaults and normalises the address', () => {
      const { profile, issues, urlNotes } = createProfile({ name: ' Prod ', instanceUrl: ' crm.example.com/ ', username: ' jim ' });
      assert.deepEqual(issues, []);
      assert.ok(urlNotes.includes('Added https://'));
      assert.deepEqual({ ...profile, id: 'x' }, {
        id: 'x',
        name: 'Prod',
        instanceUrl: 'https://crm.example.com',
        apiVersion: 'auto',
        clientId: 'sugar',
        clientSecret: '',
        platform: 'custom_api',
        username: 'jim',
        rememberPassword: false,
        tls: { verify: true },
        proxy: { mode: 'env' },
      });
      assert.match(profile.id, /^[A-Za-z0-9_-]{16}$/);
    });

    it('treats undefined options as not given', () => {
      const { profile, issues } = createProfile({
        name: 'n', instanceUrl: 'http://127.0.0.1:8080', username: 'admin', password: 'admin', rememberPassword: true,
        clientId: undefined, clientSecret: undefined, apiVersion: undefined, tls: undefined, platform: undefined,
      });
      assert.deepEqual(issues, []);
      assert.equal(profile.clientId, 'sugar');
      assert.equal(profile.platform, 'custom_api');
      assert.equal(profile.password, 'admin');
      assert.equal(profile.rememberPassword, true);
    });

    it('keeps every given option, trimming all but the password and secret', () => {
      const { profile, issues } = createProfile({
        name: 'Dev', instanceUrl: 'https://dev.example.com', username: 'jim', password: ' pass with spaces ',
        platform: ' my_tool ', clientId: ' my_client ', clientSecret: ' s ', apiVersion: ' 11.24 ',
        tls: { verify: true, caCertificate: `\n${PEM}\n` }, proxy: { mode: 'url', url: ' http://proxy:3128 ' },
        timeouts: { connectMs: 5000, totalMs: 30000 },
      });
      assert.deepEqual(issues, []);
      assert.equal(profile.password, ' pass with spaces ');
      assert.equal(profile.clientSecret, ' s ');
      assert.equal(profile.platform, 'my_tool');
      assert.equal(profile.clientId, 'my_client');
      assert.equal(profile.apiVersion, 'v11_24');
      assert.equal(profile.tls.caCertificate, PEM.trim());
      assert.deepEqual(profile.proxy, { mode: 'url', url: 'http://proxy:3128' });
      assert.deepEqual(profile.timeouts, { connectMs: 5000, totalMs: 30000 });
    });

    it('keeps auto when the pasted address names a version, and says how to pin it', () => {
      const { profile, issues } = createProfile({ name: 'n', instanceUrl: 'https://crm.example.com/rest/v11_4/me', username: 'u' });
      assert.equal(profile.instanceUrl, 'https://crm.example.com');
      assert.equal(profile.apiVersion, 'auto');
      assert.equal(issues.length, 1);
      assert.equal(issues[0].severity, 'warning');
      assert.equal(issues[0].field, 'apiVersion');
      assert.ok(issues[0].message.includes('Set the API version to v11_4'));
    });

    it('says which version wins when the pasted one differs from the one given', () => {
      const { profile, issues } = createProfile({ name: 'n', instanceUrl: 'crm.example.com/rest/v11_4', username: 'u', apiVersion: 'v11_20' });
      assert.equal(profile.apiVersion, 'v11_20');
      assert.ok(find(issues, 'apiVersion', 'warning')?.message.includes('v11_20'));
      assert.deepEqual(createProfile({ name: 'n', instanceUrl: 'crm.example.com/rest/v11_4', username: 'u', apiVersion: 'v11_4' }).issues, []);
      assert.deepEqual(createProfile({ name: 'n', instanceUrl: 'crm.example.com/rest/v11_4', username: 'u', apiVersion: 'auto' }).issues, []);
    });

    it('still returns a profile when the address is unusable, with the error', () => {
      const { profile, issues } = createProfile({ name: 'n', instanceUrl: ' javascript:alert(1) ', username: 'u' });
      assert.equal(profile.instanceUrl, 'javascript:alert(1)');
      assert.ok(find(issues, 'instanceUrl', 'error'));
    });

    it('reports a bad version as given, not silently replaced', () => {
      const { profile, issues } = createProfile({ name: 'n', instanceUrl: 'crm.example.com', username: 'u', apiVersion: 'latest' });
      assert.equal(profile.apiVersion, 'latest');
      assert.ok(find(issues, 'apiVersion', 'error'));
    });

    it('leaves the password out when none is given', () => {
      const { profile } = createProfile({ name: 'n', instanceUrl: 'crm.example.com', username: 'u', password: '' });
      assert.equal('password' in profile, false);
    });
  });

  describe('newProfileId', () => {
    it('is url-safe and does not repeat', () => {
      const ids = new Set(Array.from({ length: 1000 }, () => newProfileId()));
      assert.equal(ids.size, 1000);
      for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]+$/);
    });
  });

  describe('describeProfileForLog', () => {
    it('names the connection without its password or secret', () => {
      const p = goodProfile({ clientId: 'my_client', clientSecret: 'TOPSECRET', password: 'hunter2', rememberPassword: true });
      const line = describeProfileForLog(p);
      for (const part of ['Production', 'https://crm.example.com', 'custom_api', 'my_client', 'jim']) assert.ok(line.includes(part), line);
      assert.ok(!line.includes('TOPSECRET'));
      assert.ok(!line.includes('hunter2'));
      assert.ok(!line.includes('\n'));
    });

    it('keeps a crafted name on one line', () => {
      assert.ok(!describeProfileForLog(goodProfile({ name: 'a\nFAKE LOG LINE', username: 'u\r\nx' })).includes('\n'));
    });
  });

  describe('redactProfile', () => {
    it('masks the password, the secret and a proxy password, leaving the original alone', () => {
      const p = goodProfile({
        clientSecret: 'TOPSECRET', password: 'hunter2', proxy: { mode: 'url', url: 'http://me:proxypass@proxy:3128' }, timeouts: { totalMs: 1000 },
      });
      const r = redactProfile(p);
      assert.equal(r.password, '•••');
      assert.equal(r.clientSecret, '•••');
      assert.equal(r.proxy.url, 'http://me:•••@proxy:3128');
      assert.ok(!JSON.stringify(r).includes('hunter2'));
      assert.ok(!JSON.stringify(r).includes('TOPSECRET'));
      assert.ok(!JSON.stringify(r).includes('proxypass'));
      assert.equal(p.password, 'hunter2');
      assert.equal(p.clientSecret, 'TOPSECRET');
      assert.equal(p.proxy.url, 'http://me:proxypass@proxy:3128');
      assert.notEqual(r.tls, p.tls);
      assert.notEqual(r.timeouts, p.timeouts);
    });

    it('leaves empty or absent secrets as they are', () => {
      const r = redactProfile(goodProfile());
      assert.equal(r.clientSecret, '');
      assert.equal('password' in r, false);
      assert.deepEqual(r, goodProfile());
    });
  });
});
