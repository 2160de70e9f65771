/**
 * "Check connection": does this profile reach its instance, on an API version it offers, on a
 * platform it accepts, with credentials it accepts? Each answer is one step with one sentence.
 *
 * With a password the check really logs in on the profile's platform and logs out again at once,
 * so that it leaves no session behind. Sugar keeps one session per user and platform, so that
 * login ends an earlier session of the same user on the same platform (on base: their browser).
 * A connection that is logged in is therefore checked through its own session instead (GET /me
 * and the server info with its token): a new login would end the very session being checked.
 */
import type { ApiRequest, ApiResponse, SugarApi, SugarTarget, TokenAnswer } from '../sugar/client';
import { compareApiVersions, isApiVersion, sugarReleaseForVersion } from '../sugar/apiVersion';
import { isCancellation, SugarError } from '../sugar/errors';
import type { NetworkOptions } from '../sugar/http';
import type { Profile } from './profile';
import { NetworkDefaults, networkOf } from './profileConnections';

export type CheckStepName = 'reachable' | 'apiVersion' | 'platform' | 'login';

export interface CheckStep {
  name: CheckStepName;
  ok: boolean;
  /** Not tried (no password, or an earlier step failed); a skipped step does not fail the check. */
  skipped?: boolean;
  /** One sentence. */
  detail: string;
  error?: SugarError;
}

export interface CheckReport {
  /** True when no step failed; skipped steps do not count. */
  ok: boolean;
  /** Always the four steps, in the order above. */
  steps: CheckStep[];
  highestVersion?: string;
}

/** The connection's live session, for checking without a new login. */
export interface LiveSession {
  /** The platform the session was issued on. */
  platform: string;
  /** A request with the session's own token (refreshed as needed). */
  request(request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse>;
}

export interface CheckOptions {
  /** Checks through this session instead of logging in; wins over any password. */
  session?: LiveSession;
  /** Wins over a remembered password. */
  password?: string;
  signal?: AbortSignal;
  network?: NetworkDefaults;
}

// Transport failures: nothing answered, so nothing after this can be learned.
const UNREACHABLE_KINDS = new Set(['dns', 'refused', 'timeout', 'tls', 'network']);

/** Throws only when cancelled (a SugarError of kind `cancelled`); every other failure is a step. */
export async function checkConnection(client: SugarApi, profile: Profile, options: CheckOptions = {}): Promise<CheckReport> {
  const network = networkOf(profile, options.network);
  const password = options.password || (profile.rememberPassword ? profile.password : undefined) || undefined;

  const probe = await probeVersion(client, profile, network, options.signal);
  const steps: CheckStep[] = [probe.reachable, probe.apiVersion];
  if (!probe.loginVersion) {
    const why = probe.reachable.ok ? 'the API version is not known' : 'the instance did not answer';
    steps.push(skipped('platform', `Not checked: ${why}.`), skipped('login', `Not checked: ${why}.`));
  } else if (options.session) {
    steps.push(...(await checkSession(options.session, options.signal)));
  } else if (!password) {
    steps.push(skipped('platform', 'Not checked without a password.'), skipped('login', 'Not checked without a password.'));
  } else {
    const target: SugarTarget = {
      instanceUrl: profile.instanceUrl,
      apiVersion: probe.loginVersion,
      clientId: profile.clientId,
      clientSecret: profile.clientSecret,
      platform: profile.platform,
      network,
    };
    const pinned = pinnedVersion(profile);
    const onOtherVersion = pinned !== undefined && pinned !== probe.loginVersion;
    steps.push(...(await checkLogin(client, target, profile.username, password, onOtherVersion, options.signal)));
  }
  return {
    ok: steps.every((step) => step.ok || step.skipped),
    steps,
    ...(probe.highestVersion ? { highestVersion: probe.highestVersion } : {}),
  };
}

interface VersionProbe {
  reachable: CheckStep;
  apiVersion: CheckStep;
  highestVersion?: string;
  /** The version to try the login on; undefined when none is known. */
  loginVersion?: string;
}

async function probeVersion(client: SugarApi, profile: Profile, network: NetworkOptions, signal?: AbortSignal): Promise<VersionProbe> {
  const pinned = pinnedVersion(profile);
  let highest: string;
  try {
    highest = await client.detectHighestVersion(profile.instanceUrl, network, signal);
  } catch (error) {
    const explained = asSugarError(error);
    if (isCancellation(explained)) throw explained;
    if (UNREACHABLE_KINDS.has(explained.kind)) {
      return {
        reachable: failed('reachable', explained),
        apiVersion: skipped('apiVersion', 'Not checked: the instance did not answer.'),
      };
    }
    // Something answered, just not the way Sugar answers a version probe (a proxy, a login page).
    return {
      reachable: { name: 'reachable', ok: true, detail: `A server answered at ${profile.instanceUrl}.` },
      apiVersion: failed('apiVersion', explained),
      loginVersion: pinned,
    };
  }

  const reachable: CheckStep = { name: 'reachable', ok: true, detail: `The instance answered at ${profile.instanceUrl}.` };
  const offers = `It offers API versions up to ${withRelease(highest)}`;
  if (pinned && !isApiVersion(pinned)) {
    const detail = `${offers}, but this connection is set to ${JSON.stringify(pinned)}, which is not an API version; choose ${highest} or auto.`;
    return { reachable, apiVersion: { name: 'apiVersion', ok: false, detail }, highestVersion: highest, loginVersion: highest };
  }
  if (pinned && compareApiVersions(pinned, highest) > 0) {
    return {
      reachable,
      apiVersion: {
        name: 'apiVersion',
        ok: false,
        detail: `This connection is set to API version ${pinned}, but the instance offers versions up to ${withRelease(highest)}; choose ${highest} or auto.`,
      },
      highestVersion: highest,
      // Still worth learning whether platform and password are right, on a version that works.
      loginVersion: highest,
    };
  }
  const detail = pinned && pinned !== highest ? `${offers}; this connection uses ${pinned}.` : `${offers}.`;
  return { reachable, apiVersion: { name: 'apiVersion', ok: true, detail }, highestVersion: highest, loginVersion: pinned ?? highest };
}

async function checkLogin(
  client: SugarApi,
  target: SugarTarget,
  username: string,
  password: string,
  onOtherVersion: boolean,
  signal?: AbortSignal,
): Promise<CheckStep[]> {
  let tokens: TokenAnswer;
  try {
    tokens = await client.passwordLogin(target, username, password, signal);
  } catch (error) {
    const explained = asSugarError(error);
    if (isCancellation(explained)) throw explained;
    if (explained.status === 422 && explained.label === 'invalid_parameter') {
      return [failed('platform', explained), skipped('login', 'Not checked: the instance refused the platform first.')];
    }
    return [platformAfterFailedLogin(target.platform, explained), failed('login', explained)];
  }

  const platform: CheckStep = { name: 'platform', ok: true, detail: `The instance accepts platform ${target.platform}.` };
  const on = onOtherVersion ? ` (on API ${target.apiVersion})` : '';
  const loggedOut = await logoutQuietly(client, target, tokens);
  const login: CheckStep = loggedOut
    ? {
        name: 'login',
        ok: true,
        detail: `Logged in as ${username}${on} and out again, which ended any earlier session of ${username} on platform ${target.platform}.`,
      }
    : {
        name: 'login',
        ok: true,
        detail: `Logged in as ${username}${on}, but logging out again failed, so that session stays until it expires.`,
      };
  return [platform, login];
}

/** GET /me and the server info through the live session: no login, so the session stays. */
async function checkSession(session: LiveSession, signal?: AbortSignal): Promise<CheckStep[]> {
  const notChecked = skipped('platform', 'Not checked: the session could not be used.');
  let me: ApiResponse;
  try {
    me = await session.request({ method: 'GET', path: '/me' }, signal);
  } catch (error) {
    const explained = asSugarError(error);
    if (isCancellation(explained)) throw explained;
    return [notChecked, failed('login', explained)];
  }
  if (me.error) return [notChecked, failed('login', me.error)];
  const user = shortText((me.json as { current_user?: { user_name?: unknown } } | undefined)?.current_user?.user_name);
  if (!user) {
    const explanation = `The session's GET /me answered HTTP ${me.status} without a current user; the answer may come from a proxy rather than Sugar.`;
    return [notChecked, failed('login', new SugarError({ kind: 'http', remedy: 'openLog', status: me.status, explanation }))];
  }
  const server = await serverInfo(session, signal);
  return [
    { name: 'platform', ok: true, detail: `The instance accepts platform ${session.platform}: the session on it works.` },
    {
      name: 'login',
      ok: true,
      detail: `The session of ${user} works${server ? ` on ${server}` : ''}; checked with its own token, without a new login that would end it.`,
    },
  ];
}

/** "Sugar ENT 14.0.0", or nothing when the instance does not say (the check does not fail for it). */
async function serverInfo(session: LiveSession, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const response = await session.request({ method: 'GET', path: '/metadata', query: { type_filter: 'server_info' } }, signal);
    const info = (response.json as { server_info?: { flavor?: unknown; version?: unknown } } | undefined)?.server_info;
    if (response.error || !info) return undefined;
    const text = [shortText(info.flavor), shortText(info.version)].filter(Boolean).join(' ');
    return text ? `Sugar ${text}` : undefined;
  } catch (error) {
    if (isCancellation(error)) throw error;
    return undefined;
  }
}

/** A server's short value for a sentence: printable, bounded, else nothing. */
function shortText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return text ? text.slice(0, 60) : undefined;
}

/**
 * Sugar checks the platform before the credentials, so its 400 and 401 answers mean the platform
 * passed; any other failure (a proxy, a 500, a timeout) says nothing about it.
 */
function platformAfterFailedLogin(platform: string, error: SugarError): CheckStep {
  if (error.kind === 'sugar' && (error.status === 400 || error.status === 401)) {
    return { name: 'platform', ok: true, detail: `The instance accepts platform ${platform} (it checks the platform before the password).` };
  }
  return { name: 'platform', ok: false, detail: 'Not checked: the login failed first.' };
}

/**
 * Not cancellable on purpose: a user who cancels right after the login still should not leave a
 * session behind. The network's own time limits bound it.
 */
async function logoutQuietly(client: SugarApi, target: SugarTarget, tokens: TokenAnswer): Promise<boolean> {
  try {
    await client.logout(target, tokens.access_token, tokens.refresh_token);
    return true;
  } catch {
    return false;
  }
}

function pinnedVersion(profile: Profile): string | undefined {
  return profile.apiVersion === 'auto' ? undefined : profile.apiVersion;
}

function withRelease(version: string): string {
  const release = sugarReleaseForVersion(version);
  return release ? `${version} (${release})` : version;
}

function failed(name: CheckStepName, error: SugarError): CheckStep {
  return { name, ok: false, detail: error.message, error };
}

function skipped(name: CheckStepName, detail: string): CheckStep {
  return { name, ok: false, skipped: true, detail };
}

function asSugarError(error: unknown): SugarError {
  if (error instanceof SugarError) return error;
  return new SugarError({ kind: 'network', remedy: 'openLog', explanation: `The check failed unexpectedly: ${String(error)}.`, cause: error });
}
