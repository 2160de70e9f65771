import type { CreateProfileInput, Profile, ProfileIssue } from '../../core/profiles/profile';
import { SugarError } from '../../core/sugar/errors';
import { isTreeNode } from '../tree/nodes';

/** What `sugar.addConnection` and `sugar.editConnection` accept from other extensions and tests. */
export type ConnectionArgument = Partial<Omit<CreateProfileInput, 'tls' | 'proxy' | 'timeouts'>> & {
  tlsVerify?: boolean;
  caCertificate?: string;
  proxyUrl?: string;
};

/**
 * An argument object from a caller, not what VS Code hands a menu command: the clicked or focused
 * tree row (a view-title button gets the focused row too) or the list of selected rows.
 */
export function isConnectionArgument(value: unknown): value is ConnectionArgument {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isTreeNode(value);
}

export function toCreateInput(argument: ConnectionArgument, defaultPlatform: string): CreateProfileInput {
  return {
    name: argument.name ?? '',
    instanceUrl: argument.instanceUrl ?? '',
    username: argument.username ?? '',
    password: argument.password,
    // Handing a password over is asking for it to be used: remember it unless told otherwise.
    rememberPassword: argument.rememberPassword ?? argument.password !== undefined,
    platform: argument.platform ?? defaultPlatform,
    clientId: argument.clientId,
    clientSecret: argument.clientSecret,
    apiVersion: argument.apiVersion,
    tls: { verify: argument.tlsVerify ?? true, caCertificate: argument.caCertificate },
    proxy: argument.proxyUrl ? { mode: 'url', url: argument.proxyUrl } : undefined,
  };
}

/** Prefilled answers of the Add Connection wizard (`{ prefill }`): its text fields only, never a password (the wizard asks for it). */
export function wizardPrefill(options: unknown): Partial<CreateProfileInput> | undefined {
  const prefill = isConnectionArgument(options) ? (options as { prefill?: unknown }).prefill : undefined;
  if (!isConnectionArgument(prefill)) return undefined;
  const start: Partial<CreateProfileInput> = {};
  for (const key of ['name', 'instanceUrl', 'username', 'platform', 'clientId', 'clientSecret', 'apiVersion'] as const) {
    const value = (prefill as Record<string, unknown>)[key];
    if (typeof value === 'string') start[key] = value;
  }
  return start;
}

/** The changes an edit argument asks for, as profile fields; only what was given. */
export function toProfileChanges(argument: ConnectionArgument, current: Profile): Partial<Omit<Profile, 'id'>> {
  const changes: Partial<Omit<Profile, 'id'>> = {};
  for (const key of ['name', 'instanceUrl', 'username', 'password', 'rememberPassword', 'platform', 'clientId', 'clientSecret', 'apiVersion'] as const) {
    if (argument[key] !== undefined) (changes as Record<string, unknown>)[key] = argument[key];
  }
  if (argument.password !== undefined && argument.rememberPassword === undefined) changes.rememberPassword = true;
  if (argument.tlsVerify !== undefined || argument.caCertificate !== undefined) {
    changes.tls = { ...current.tls, ...(argument.tlsVerify !== undefined ? { verify: argument.tlsVerify } : {}), ...(argument.caCertificate !== undefined ? { caCertificate: argument.caCertificate || undefined } : {}) };
  }
  if (argument.proxyUrl !== undefined) changes.proxy = argument.proxyUrl ? { mode: 'url', url: argument.proxyUrl } : { mode: 'env' };
  return changes;
}

/** The first error blocks; its message is already one sentence. */
export function throwOnErrors(issues: ProfileIssue[]): void {
  const error = issues.find((issue) => issue.severity === 'error');
  if (error) throw new SugarError({ kind: 'session', remedy: 'none', explanation: error.message });
}

export function uniqueName(wanted: string, taken: string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
