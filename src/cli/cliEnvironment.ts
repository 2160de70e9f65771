/**
 * The one connection of the command-line runner (and its MCP server), read from the environment:
 * a CI job's secrets arrive as variables, never as arguments (which `ps` shows to every user).
 */
import { readFileSync, statSync } from 'node:fs';
import { createProfile, type Profile } from '../core/profiles/profile';
import { DEFAULT_CLIENT_ID, DEFAULT_PLATFORM } from '../core/profiles/defaults';

/** The variables, in the order `--help` lists them. */
export const CLI_VARIABLES = {
  SUGAR_URL: 'the instance, e.g. https://mycompany.sugarondemand.com (required)',
  SUGAR_USERNAME: 'the user to log in as (required)',
  SUGAR_PASSWORD: 'its password (required)',
  SUGAR_PLATFORM: `the platform to log in on (default ${DEFAULT_PLATFORM}; a login on base ends the user's browser session)`,
  SUGAR_CLIENT_ID: `the OAuth client (default ${DEFAULT_CLIENT_ID})`,
  SUGAR_CLIENT_SECRET: 'its secret (default empty)',
  SUGAR_API_VERSION: 'e.g. v11_24 (default: the highest the instance offers)',
  SUGAR_CA_FILE: 'a PEM file of a CA to trust besides the system ones (a company or self-signed CA)',
  SUGAR_INSECURE_TLS: '1 to skip TLS certificate checks (as --insecure); prefer SUGAR_CA_FILE',
  SUGAR_LOG_LEVEL: 'what goes to stderr: error, warn, info (default), debug or trace',
} as const;

const REQUIRED = ['SUGAR_URL', 'SUGAR_USERNAME', 'SUGAR_PASSWORD'] as const;
/** A CA bundle is a few KB; a larger file is not one. */
const MAX_CA_FILE_BYTES = 1024 * 1024;

/** A problem with the configuration or the login: the runner says it in one sentence and exits with 2. */
export class CliConfigError extends Error {
  readonly exitCode = 2;
}

/** Wrong arguments: said in one sentence, exit code 2. */
export class CliUsageError extends CliConfigError {}

export interface CliConnectionSettings {
  /** A whole profile, password and client secret included, remembered (the store is in memory). */
  profile: Profile;
  /** TLS certificates are not checked: whoever starts the runner must say so on stderr. */
  insecureTls: boolean;
  /** What the checks of the profile warn about (http://, the base platform…), for stderr. */
  warnings: string[];
}

export interface CliEnvironmentOptions {
  /** `--insecure` on the command line. */
  insecureTls?: boolean;
}

/** The profile the environment describes; throws a CliConfigError naming what is missing or wrong. */
export function readCliEnvironment(env: NodeJS.ProcessEnv, options: CliEnvironmentOptions = {}): CliConnectionSettings {
  // An empty variable is a missing one: `SUGAR_PASSWORD: ${{ secrets.X }}` with no such secret gives "".
  const value = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const missing = REQUIRED.filter((name) => value(name) === undefined);
  if (missing.length > 0) {
    const names = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    throw new CliConfigError(`Set ${names} in the environment: the runner takes its connection from SUGAR_URL, SUGAR_USERNAME and SUGAR_PASSWORD (see --help).`);
  }
  const insecureTls = options.insecureTls === true || isOn(value('SUGAR_INSECURE_TLS'));
  const caCertificate = readCaFile(value('SUGAR_CA_FILE'));
  const url = value('SUGAR_URL')!;
  const { profile, issues } = createProfile({
    name: connectionNameOf(url),
    instanceUrl: url,
    username: value('SUGAR_USERNAME')!,
    password: value('SUGAR_PASSWORD'),
    rememberPassword: true,
    platform: value('SUGAR_PLATFORM'),
    clientId: value('SUGAR_CLIENT_ID'),
    clientSecret: value('SUGAR_CLIENT_SECRET') ?? '',
    apiVersion: value('SUGAR_API_VERSION'),
    tls: { verify: !insecureTls, ...(caCertificate ? { caCertificate } : {}) },
  });
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    // The messages name fields of the connection form; here they are variables.
    throw new CliConfigError(errors.map((issue) => `${variableOf(issue.field)}: ${issue.message}`).join(' '));
  }
  const warnings = issues.filter((issue) => issue.severity === 'warning').map((issue) => `${variableOf(issue.field)}: ${issue.message}`);
  return { profile, insecureTls, warnings };
}

function isOn(text: string | undefined): boolean {
  return text !== undefined && /^(?:1|true|yes|on)$/i.test(text.trim());
}

function readCaFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    const size = statSync(path).size;
    if (size > MAX_CA_FILE_BYTES) throw new CliConfigError(`SUGAR_CA_FILE is ${size} bytes, over the ${MAX_CA_FILE_BYTES} a CA file may have.`);
    const text = readFileSync(path, 'utf8');
    if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new CliConfigError('SUGAR_CA_FILE holds no PEM certificate (-----BEGIN CERTIFICATE-----).');
    return text;
  } catch (error) {
    if (error instanceof CliConfigError) throw error;
    throw new CliConfigError(`SUGAR_CA_FILE could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** What the runner calls its one connection in messages: the instance's host. */
function connectionNameOf(url: string): string {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `https://${url.trim()}`).host || 'Sugar';
  } catch {
    return 'Sugar';
  }
}

const FIELD_VARIABLES: Record<string, string> = {
  instanceUrl: 'SUGAR_URL',
  username: 'SUGAR_USERNAME',
  password: 'SUGAR_PASSWORD',
  platform: 'SUGAR_PLATFORM',
  clientId: 'SUGAR_CLIENT_ID',
  clientSecret: 'SUGAR_CLIENT_SECRET',
  apiVersion: 'SUGAR_API_VERSION',
  'tls.caCertificate': 'SUGAR_CA_FILE',
};

function variableOf(field: string): string {
  return FIELD_VARIABLES[field] ?? field;
}
