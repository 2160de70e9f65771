/**
 * The connection wizard without the UI: the answers it collects, how each typed value is judged,
 * how the answers become a profile or a set of changes, and how they are shown. The VS Code layer
 * only shows these; keeping them here lets them be tested without VS Code. The lists it offers
 * (wizardChoices.ts) and the check's step labels (checkStepLabels.ts) are re-exported from here.
 */
import { apiVersionFromDotted, sugarReleaseForVersion } from '../sugar/apiVersion';
import { normalizeInstanceUrl } from '../sugar/instanceUrl';
import {
  CreateProfileInput,
  createProfile,
  DEFAULT_CLIENT_ID,
  DEFAULT_PLATFORM,
  Profile,
  ProfileIssue,
  validatePlatform,
  validateProfile,
} from './profile';

/** Everything the wizard asks, as the user last answered it. */
export interface ConnectionAnswers {
  instanceUrl: string;
  /** A version found in the pasted address (`/rest/v11_4`), offered as a pinned choice. */
  apiVersionInUrl?: string;
  username: string;
  /** The password to use: typed in this wizard, or the stored one; never shown. */
  password?: string;
  rememberPassword: boolean;
  platform: string;
  clientId: string;
  clientSecret: string;
  apiVersion: string;
  name: string;
  // Not asked by the wizard, only carried through (a duplicated connection keeps them).
  tls?: CreateProfileInput['tls'];
  proxy?: CreateProfileInput['proxy'];
  timeouts?: CreateProfileInput['timeouts'];
}

export type WizardField = 'instanceUrl' | 'username' | 'password' | 'platform' | 'clientId' | 'clientSecret' | 'apiVersion' | 'name';

/** The order of the new-connection wizard; a field's step number is its place here plus one. */
export const WIZARD_FIELDS: readonly WizardField[] = ['instanceUrl', 'username', 'password', 'platform', 'clientId', 'clientSecret', 'apiVersion', 'name'];

export const FIELD_LABELS: Record<WizardField, string> = {
  instanceUrl: 'Instance URL',
  username: 'User name',
  password: 'Password',
  platform: 'Platform',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  apiVersion: 'API version',
  name: 'Connection name',
};

/** What the UI shows under a value being typed: an error blocks, a warning and a note do not. */
export interface FieldFeedback {
  error?: string;
  warning?: string;
  /** Replaces the prompt, e.g. "Understood as https://…". */
  note?: string;
}

export const MASK = '\u2022\u2022\u2022';

// --- answers in and out ---------------------------------------------------------------------

export function answersForNewConnection(defaultPlatform: string, start: Partial<CreateProfileInput> = {}): ConnectionAnswers {
  const url = start.instanceUrl ? normalizeInstanceUrl(start.instanceUrl) : undefined;
  return {
    instanceUrl: url?.ok ? url.url : start.instanceUrl?.trim() ?? '',
    ...(url?.ok && url.apiVersionInUrl ? { apiVersionInUrl: url.apiVersionInUrl } : {}),
    username: start.username?.trim() ?? '',
    ...(start.password ? { password: start.password } : {}),
    rememberPassword: start.rememberPassword ?? true,
    platform: start.platform?.trim() || defaultPlatform || DEFAULT_PLATFORM,
    clientId: start.clientId?.trim() || DEFAULT_CLIENT_ID,
    clientSecret: start.clientSecret ?? '',
    apiVersion: start.apiVersion?.trim() || 'auto',
    name: start.name?.trim() ?? '',
    ...(start.tls ? { tls: start.tls } : {}),
    ...(start.proxy ? { proxy: start.proxy } : {}),
    ...(start.timeouts ? { timeouts: start.timeouts } : {}),
  };
}

export function answersFromProfile(profile: Profile): ConnectionAnswers {
  return {
    instanceUrl: profile.instanceUrl,
    username: profile.username,
    ...(profile.rememberPassword && profile.password ? { password: profile.password } : {}),
    rememberPassword: profile.rememberPassword,
    platform: profile.platform,
    clientId: profile.clientId,
    clientSecret: profile.clientSecret,
    apiVersion: profile.apiVersion,
    name: profile.name,
  };
}

/**
 * The answers as createProfile's input. A password the user chose not to remember is left out:
 * whatever is in a profile gets stored.
 */
export function toCreateProfileInput(answers: ConnectionAnswers): CreateProfileInput {
  const remember = answers.rememberPassword && Boolean(answers.password);
  return {
    name: answers.name.trim(),
    instanceUrl: answers.instanceUrl,
    username: answers.username.trim(),
    ...(remember ? { password: answers.password } : {}),
    rememberPassword: remember,
    platform: answers.platform,
    clientId: answers.clientId,
    clientSecret: answers.clientSecret,
    apiVersion: answers.apiVersion,
    ...(answers.tls ? { tls: answers.tls } : {}),
    ...(answers.proxy ? { proxy: answers.proxy } : {}),
    ...(answers.timeouts ? { timeouts: answers.timeouts } : {}),
  };
}

/** A profile to check before anything is saved; `original` keeps its id, TLS, proxy and timeouts. */
export function draftProfile(answers: ConnectionAnswers, original?: Profile): Profile {
  const { profile } = createProfile(toCreateProfileInput(answers));
  if (!original) return profile;
  return { ...original, ...profile, id: original.id, tls: original.tls, proxy: original.proxy, ...(original.timeouts ? { timeouts: original.timeouts } : {}) };
}

/**
 * Only the fields that differ from the profile. A secret is included only when it really
 * changed; a password no longer to be remembered is removed (`password: undefined`).
 */
export function changedFields(profile: Profile, answers: ConnectionAnswers): Partial<Omit<Profile, 'id'>> {
  const changes: Partial<Omit<Profile, 'id'>> = {};
  const plain = ['name', 'instanceUrl', 'username', 'platform', 'clientId', 'apiVersion'] as const;
  for (const key of plain) {
    const value = key === 'name' || key === 'username' ? answers[key].trim() : answers[key];
    if (value !== profile[key]) changes[key] = value;
  }
  if (answers.clientSecret !== profile.clientSecret) changes.clientSecret = answers.clientSecret;
  const remember = answers.rememberPassword && Boolean(answers.password);
  if (remember !== profile.rememberPassword) changes.rememberPassword = remember;
  if (remember && answers.password !== profile.password) changes.password = answers.password;
  if (!remember && profile.password !== undefined) changes.password = undefined;
  return changes;
}

export function changedFieldNames(profile: Profile, answers: ConnectionAnswers): WizardField[] {
  const changes = changedFields(profile, answers);
  return WIZARD_FIELDS.filter((field) => field in changes || (field === 'password' && 'rememberPassword' in changes));
}

// --- judging typed values -------------------------------------------------------------------

export function judgeInstanceUrl(value: string): FieldFeedback {
  const result = normalizeInstanceUrl(value);
  if (!result.ok) return { error: result.reason };
  // Notes are sentences (one lacks its period); joined into one clause list after the dash.
  const notes = result.notes.map((note) => lowerFirst(note.replace(/\.$/, '')));
  const explained = notes.length > 0 ? ` \u2014 ${notes.join('; ')}` : '';
  const warning = firstIssue(validateProfile({ instanceUrl: result.url }), 'instanceUrl', 'warning');
  return { note: `Understood as ${result.url}${explained}`, ...(warning ? { warning } : {}) };
}

export function judgeUsername(value: string): FieldFeedback {
  return feedbackOf(validateProfile({ username: value }), 'username');
}

export function judgePlatformName(value: string): FieldFeedback {
  return feedbackOf(validatePlatform(value.trim()), 'platform');
}

export function judgeClientId(value: string): FieldFeedback {
  return feedbackOf(validateProfile({ clientId: value.trim() }), 'clientId');
}

export function judgeClientSecret(clientId: string, secret: string): FieldFeedback {
  return feedbackOf(validateProfile({ clientId, clientSecret: secret }), 'clientSecret');
}

/** Accepts the ways people write versions (`11.24`, `v11_24`, `auto`) and says what it read. */
export function judgeApiVersion(value: string): FieldFeedback {
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === 'auto') return { note: 'Understood as auto: the highest version the instance offers.' };
  const version = apiVersionFromDotted(trimmed);
  if (version) return { note: `Understood as ${describeVersion(version)}.` };
  return feedbackOf(validateProfile({ apiVersion: trimmed || ' ' }), 'apiVersion');
}

/** The setting to store for a typed version: `auto` or the URL spelling, e.g. `v11_24`. */
export function readApiVersion(value: string): string {
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === 'auto') return 'auto';
  return apiVersionFromDotted(trimmed) ?? trimmed;
}

/** `existingNames` may include the name being edited (`ownName`), which does not count as taken. */
export function judgeName(value: string, existingNames: readonly string[], ownName?: string): FieldFeedback {
  const basic = feedbackOf(validateProfile({ name: value }), 'name');
  if (basic.error) return basic;
  const wanted = value.trim().toLowerCase();
  const taken = existingNames.some((name) => name.toLowerCase() === wanted && name.toLowerCase() !== ownName?.toLowerCase());
  return taken ? { error: `A connection named "${value.trim()}" exists already; choose another name.` } : basic;
}

/**
 * `user @ host` (the host with its port), made unique among the existing names: two connections
 * to one instance usually differ by their user.
 */
export function defaultConnectionName(instanceUrl: string, username: string, existingNames: readonly string[]): string {
  const result = normalizeInstanceUrl(instanceUrl);
  const host = result.ok ? new URL(result.url).host : instanceUrl.trim() || 'Sugar';
  const withUser = `${username.trim()} @ ${host}`;
  const fits = username.trim() !== '' && !judgeName(`${withUser} (99)`, []).error;
  return uniqueName(fits ? withUser : host, existingNames);
}

export function uniqueName(base: string, existingNames: readonly string[]): string {
  const taken = new Set(existingNames.map((name) => name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export { checkStepLabel, fieldToFix } from './checkStepLabels';
export {
  apiVersionChoices,
  COMMON_API_VERSIONS,
  isSharedPlatform,
  ownPlatform,
  platformChoices,
  sharedPlatformQuestion,
  type PlatformChoice,
  type SharedPlatformQuestion,
  type VersionChoice,
} from './wizardChoices';

// --- showing answers and results ------------------------------------------------------------

/** The value shown next to a field; secrets never appear, only whether one is set. */
export function displayValue(answers: ConnectionAnswers, field: WizardField): string {
  switch (field) {
    case 'password':
      if (!answers.password) return 'asked at each login';
      return answers.rememberPassword ? `${MASK} (remembered)` : `${MASK} (for this check only; asked at each login)`;
    case 'clientSecret':
      return answers.clientSecret ? MASK : '(empty)';
    case 'apiVersion':
      return answers.apiVersion === 'auto' ? 'auto (the highest the instance offers)' : describeVersion(answers.apiVersion);
    default:
      return answers[field] || '(not set)';
  }
}

/** One line about the whole connection, without any secret. */
export function describeAnswers(answers: ConnectionAnswers): string {
  const version = answers.apiVersion === 'auto' ? 'API auto' : `API ${answers.apiVersion}`;
  return `${answers.username} on ${answers.instanceUrl}, platform ${answers.platform}, client ${answers.clientId}, ${version}`;
}

function describeVersion(version: string): string {
  const release = sugarReleaseForVersion(version);
  return release ? `${version} (${release})` : version;
}

function feedbackOf(issues: ProfileIssue[], field: ProfileIssue['field']): FieldFeedback {
  const error = firstIssue(issues, field, 'error');
  if (error) return { error };
  const warning = firstIssue(issues, field, 'warning');
  return warning ? { warning } : {};
}

function firstIssue(issues: ProfileIssue[], field: ProfileIssue['field'], severity: ProfileIssue['severity']): string | undefined {
  return issues.find((i) => i.field === field && i.severity === severity)?.message;
}

function lowerFirst(note: string): string {
  return /^[A-Z][a-z]/.test(note) ? note[0].toLowerCase() + note.slice(1) : note;
}
