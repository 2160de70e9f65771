/**
 * A connection profile: where a Sugar instance is and how to log in to it. Only the model and its
 * validation live here; storage (and where the password and secret go) is the store's business.
 */
import { randomBytes } from 'node:crypto';
import { apiVersionFromDotted, isApiVersion } from '../sugar/apiVersion';
import { isLoopbackHost, normalizeInstanceUrl } from '../sugar/instanceUrl';
import { SHARED_PLATFORM_WARNINGS } from './platformWarnings';

export type ApiVersionSetting = 'auto' | string; // 'auto' or a Sugar version like 'v11_24'

export interface TlsOptions {
  verify: boolean;
  caCertificate?: string; // PEM text
}

export interface ProxyOptions {
  mode: 'env' | 'none' | 'url';
  url?: string;
}

export interface Profile {
  id: string;
  name: string;
  instanceUrl: string;
  apiVersion: ApiVersionSetting;
  clientId: string;
  clientSecret: string;
  platform: string;
  username: string;
  password?: string;
  rememberPassword: boolean;
  tls: TlsOptions;
  proxy: ProxyOptions;
  timeouts?: { connectMs?: number; totalMs?: number };
}

import { DEFAULT_CLIENT_ID, DEFAULT_PLATFORM } from './defaults';

export { DEFAULT_CLIENT_ID, DEFAULT_PLATFORM };

export interface ProfileIssue {
  field: keyof Profile | 'tls.caCertificate' | 'proxy.url' | 'timeouts';
  severity: 'error' | 'warning';
  message: string;
}

export interface CreateProfileInput {
  name: string;
  instanceUrl: string;
  username: string;
  password?: string;
  rememberPassword?: boolean;
  platform?: string;
  clientId?: string;
  clientSecret?: string;
  apiVersion?: string;
  tls?: Partial<TlsOptions>;
  proxy?: Partial<ProxyOptions>;
  timeouts?: Profile['timeouts'];
}

const MAX_NAME_LENGTH = 100;
const MAX_PLATFORM_LENGTH = 127;
const REDACTED = '\u2022\u2022\u2022';

// Sane bounds: below the minimum is almost always seconds typed as milliseconds.
const TIMEOUT_LIMITS = {
  connectMs: { label: 'connect timeout', min: 100, max: 300_000 },
  totalMs: { label: 'total timeout', min: 1_000, max: 3_600_000 },
} as const;

export function newProfileId(): string {
  return randomBytes(12).toString('base64url');
}

export function validatePlatform(name: string): ProfileIssue[] {
  if (name === '') return [issue('platform', 'error', `Enter a platform name, such as ${DEFAULT_PLATFORM}.`)];
  const problems: string[] = [];
  if (/[A-Z]/.test(name)) problems.push('it has upper-case letters');
  if (/\s/.test(name)) problems.push('it contains spaces');
  const others = [...new Set(name.replace(/[A-Za-z0-9_\s-]/g, ''))];
  if (others.length > 0) problems.push(`it contains ${others.slice(0, 5).map((c) => `"${c}"`).join(', ')}`);
  if (name.length > MAX_PLATFORM_LENGTH) problems.push(`it is ${name.length} characters long, over the limit of ${MAX_PLATFORM_LENGTH}`);
  if (problems.length > 0) {
    const suggestion = name.trim().toLowerCase().replace(/\s+/g, '_');
    const hint = isValidPlatform(suggestion) ? ` Did you mean ${suggestion}?` : '';
    return [issue('platform', 'error', `The platform name is not valid: ${problems.join('; ')}. Use only a-z, 0-9, _ and -.${hint}`)];
  }
  const warning = SHARED_PLATFORM_WARNINGS[name];
  return warning ? [issue('platform', 'warning', warning)] : [];
}

/**
 * Checks a whole or partial profile, e.g. a form being filled in. Name, address and user name are
 * required; fields that have a default (API version, client, platform, TLS, proxy) are checked only
 * when present.
 */
export function validateProfile(p: Partial<Profile>): ProfileIssue[] {
  return [
    ...validateName(p.name),
    ...validateInstanceUrl(p.instanceUrl),
    ...(p.username?.trim() ? [] : [issue('username', 'error', 'Enter the Sugar user name.')]),
    ...validateApiVersionSetting(p.apiVersion),
    ...validateClient(p.clientId, p.clientSecret),
    ...(p.platform === undefined ? [] : validatePlatform(p.platform)),
    ...validateProxy(p.proxy),
    ...validateTls(p.tls),
    ...validateTimeouts(p.timeouts),
  ];
}

/**
 * Builds a profile with defaults applied, fields trimmed (never the password or secret, whose spaces
 * may be real) and the address normalised. It always returns a profile, so a form can show it with
 * its issues. A version pasted as part of the address (`/rest/v11_4`) does not pin the version: the
 * setting stays `auto` unless given, and a warning says how to pin it. `urlNotes` say what the
 * address normalisation understood or changed.
 */
export function createProfile(input: CreateProfileInput): { profile: Profile; issues: ProfileIssue[]; urlNotes: string[] } {
  const normalized = normalizeInstanceUrl(input.instanceUrl);
  const apiVersion = readApiVersionSetting(input.apiVersion);
  const caCertificate = input.tls?.caCertificate?.trim();
  const proxyUrl = input.proxy?.url?.trim();
  const profile: Profile = {
    id: newProfileId(),
    name: input.name.trim(),
    instanceUrl: normalized.ok ? normalized.url : input.instanceUrl.trim(),
    apiVersion,
    clientId: input.clientId?.trim() || DEFAULT_CLIENT_ID,
    clientSecret: input.clientSecret ?? '',
    platform: input.platform?.trim() || DEFAULT_PLATFORM,
    username: input.username.trim(),
    ...(input.password ? { password: input.password } : {}),
    rememberPassword: input.rememberPassword ?? false,
    tls: { verify: input.tls?.verify ?? true, ...(caCertificate ? { caCertificate } : {}) },
    proxy: { mode: input.proxy?.mode ?? 'env', ...(proxyUrl ? { url: proxyUrl } : {}) },
    ...(input.timeouts ? { timeouts: { ...input.timeouts } } : {}),
  };
  const pasted = normalized.ok ? normalized.apiVersionInUrl : undefined;
  const versionIssues = pasted ? pastedVersionIssues(pasted, input.apiVersion, apiVersion) : [];
  return { profile, issues: [...versionIssues, ...validateProfile(profile)], urlNotes: normalized.ok ? normalized.notes : [] };
}

/** One line for the log: enough to tell connections apart, never the password or client secret. */
export function describeProfileForLog(p: Profile): string {
  return `connection ${JSON.stringify(p.name)} (${p.instanceUrl}, API ${p.apiVersion}, platform ${oneLine(p.platform)}, client ${oneLine(p.clientId)}, user ${oneLine(p.username)})`;
}

/** A copy that is safe to show or dump: password, client secret and a proxy password masked. */
export function redactProfile(p: Profile): Profile {
  const copy: Profile = {
    ...p,
    clientSecret: p.clientSecret ? REDACTED : p.clientSecret,
    tls: { ...p.tls },
    proxy: { ...p.proxy, ...(p.proxy.url ? { url: redactUrlPassword(p.proxy.url) } : {}) },
  };
  if (p.password) copy.password = REDACTED;
  if (p.timeouts) copy.timeouts = { ...p.timeouts };
  return copy;
}

function issue(field: ProfileIssue['field'], severity: ProfileIssue['severity'], message: string): ProfileIssue {
  return { field, severity, message };
}

function isValidPlatform(name: string): boolean {
  return /^[a-z0-9_-]{1,127}$/.test(name);
}

function validateName(name: string | undefined): ProfileIssue[] {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return [issue('name', 'error', 'Give the connection a name.')];
  if (trimmed.length > MAX_NAME_LENGTH) {
    return [issue('name', 'error', `The name is ${trimmed.length} characters long; keep it to ${MAX_NAME_LENGTH}.`)];
  }
  return [];
}

function validateInstanceUrl(instanceUrl: string | undefined): ProfileIssue[] {
  const result = normalizeInstanceUrl(instanceUrl ?? '');
  if (!result.ok) return [issue('instanceUrl', 'error', result.reason)];
  const issues: ProfileIssue[] = [];
  if (result.url !== instanceUrl?.trim()) {
    issues.push(issue('instanceUrl', 'warning', `The address should be written as ${result.url}.`));
  }
  const { protocol, hostname } = new URL(result.url);
  if (protocol === 'http:' && !isLoopbackHost(hostname)) {
    issues.push(issue('instanceUrl', 'warning', 'This connection uses http://: the password and tokens travel unencrypted.'));
  }
  return issues;
}

function validateApiVersionSetting(setting: string | undefined): ProfileIssue[] {
  if (setting === undefined || setting === 'auto' || isApiVersion(setting)) return [];
  const suggestion = apiVersionFromDotted(setting);
  const hint = suggestion ? ` Did you mean ${suggestion}?` : '';
  return [issue('apiVersion', 'error', `The API version must be auto or a Sugar version such as v11_24.${hint}`)];
}

function validateClient(clientId: string | undefined, clientSecret: string | undefined): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  if (clientId !== undefined) {
    if (clientId.trim() === '') issues.push(issue('clientId', 'error', `The client id cannot be empty; Sugar's own is ${DEFAULT_CLIENT_ID}.`));
    else if (/\s/.test(clientId)) issues.push(issue('clientId', 'error', 'The client id cannot contain spaces.'));
  }
  if ((clientId ?? DEFAULT_CLIENT_ID) === DEFAULT_CLIENT_ID && clientSecret) {
    issues.push(issue('clientSecret', 'error', 'The client id sugar has an empty secret; Sugar refuses any other secret.'));
  }
  return issues;
}

function validateProxy(proxy: ProxyOptions | undefined): ProfileIssue[] {
  if (!proxy) return [];
  if (!['env', 'none', 'url'].includes(proxy.mode)) {
    return [issue('proxy', 'error', 'The proxy setting must be env (use the system settings), none or url.')];
  }
  if (proxy.mode !== 'url') return [];
  const example = 'e.g. http://proxy.example.com:3128';
  if (!proxy.url?.trim()) return [issue('proxy.url', 'error', `Enter the proxy address, ${example}.`)];
  let parsed: URL;
  try {
    parsed = new URL(proxy.url.trim());
  } catch {
    return [issue('proxy.url', 'error', `The proxy address is not a valid URL; expected something like http://proxy.example.com:3128.`)];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return [issue('proxy.url', 'error', `The proxy address must start with http:// or https://, ${example}.`)];
  }
  return [];
}

function validateTls(tls: Partial<TlsOptions> | undefined): ProfileIssue[] {
  if (!tls) return [];
  const issues: ProfileIssue[] = [];
  if (tls.verify === false) issues.push(issue('tls', 'warning', 'TLS verification is off for this connection.'));
  const pem = tls.caCertificate?.trim();
  if (pem) {
    if (/PRIVATE KEY-----/.test(pem)) {
      issues.push(issue('tls.caCertificate', 'error', 'This is a private key, not a certificate; paste the CA certificate and keep the key to yourself.'));
    } else if (!pem.includes('-----BEGIN CERTIFICATE-----') || !pem.includes('-----END CERTIFICATE-----')) {
      issues.push(issue('tls.caCertificate', 'error', 'The CA certificate must be PEM text, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.'));
    } else if (tls.verify === false) {
      issues.push(issue('tls.caCertificate', 'warning', 'The CA certificate is not used while TLS verification is off.'));
    }
  }
  return issues;
}

function validateTimeouts(timeouts: Profile['timeouts']): ProfileIssue[] {
  if (!timeouts) return [];
  const issues: ProfileIssue[] = [];
  for (const key of ['connectMs', 'totalMs'] as const) {
    const value = timeouts[key];
    if (value === undefined) continue;
    const { label, min, max } = TIMEOUT_LIMITS[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      issues.push(issue('timeouts', 'error', `The ${label} must be a positive number of milliseconds.`));
    } else if (value < min) {
      issues.push(issue('timeouts', 'error', `The ${label} is ${value} ms, too short to reach any server; did you mean ${value} seconds (${value * 1000} ms)?`));
    } else if (value > max) {
      issues.push(issue('timeouts', 'warning', `The ${label} is ${formatDuration(value)}; a request that slow has usually failed long before.`));
    }
  }
  const { connectMs, totalMs } = timeouts;
  if (connectMs !== undefined && totalMs !== undefined && connectMs > totalMs && issues.length === 0) {
    issues.push(issue('timeouts', 'warning', 'The connect timeout is longer than the total timeout, so the total one applies first.'));
  }
  return issues;
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;
}

function readApiVersionSetting(given: string | undefined): ApiVersionSetting {
  const trimmed = given?.trim() ?? '';
  if (trimmed === '' || trimmed.toLowerCase() === 'auto') return 'auto';
  return apiVersionFromDotted(trimmed) ?? trimmed;
}

function pastedVersionIssues(pasted: string, given: string | undefined, setting: ApiVersionSetting): ProfileIssue[] {
  if (!given?.trim()) {
    return [issue('apiVersion', 'warning', `The pasted address named API version ${pasted}; the connection uses auto (the highest version the instance offers). Set the API version to ${pasted} to pin it.`)];
  }
  if (setting !== 'auto' && setting !== pasted) {
    return [issue('apiVersion', 'warning', `The pasted address named API version ${pasted}, but the connection is set to ${setting}, which is what will be used.`)];
  }
  return [];
}

function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

function redactUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, `$1${REDACTED}@`);
}
