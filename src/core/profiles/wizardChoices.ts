/**
 * The lists the connection wizard offers: platforms (one's own first, the shared ones last and
 * with what a login on them costs) and API versions. Without the UI, so they can be tested.
 */
import { sugarReleaseForVersion } from '../sugar/apiVersion';
import { DEFAULT_PLATFORM, validatePlatform } from './profile';

const SHARED_PLATFORMS = ['base', 'mobile', 'portal'] as const;
export type SharedPlatform = (typeof SHARED_PLATFORMS)[number];

export type PlatformChoice =
  | { kind: 'platform'; platform: string; label: string; description?: string; detail: string; shared: boolean }
  | { kind: 'other'; label: string; detail: string }
  | { kind: 'separator'; label: string };

const SHARED_DETAILS: Record<SharedPlatform, string> = {
  base: "Sugar's web app: a login here ends this user's own browser session",
  mobile: 'The SugarCRM mobile app: a login here can end this user\u2019s app session',
  portal: 'The customer Self-Service Portal: meant for portal contacts',
};

const SHARED_SESSIONS: Record<SharedPlatform, string> = {
  base: 'browser session',
  mobile: 'mobile app session',
  portal: 'portal session',
};

export function isSharedPlatform(platform: string): platform is SharedPlatform {
  return (SHARED_PLATFORMS as readonly string[]).includes(platform);
}

/** The platform to suggest instead of a shared one: the user's default unless that is shared too. */
export function ownPlatform(defaultPlatform: string): string {
  return defaultPlatform && !isSharedPlatform(defaultPlatform) && validatePlatform(defaultPlatform).length === 0 ? defaultPlatform : DEFAULT_PLATFORM;
}

/** The default platform first, the current one if it is neither, then "another", then the shared ones. */
export function platformChoices(defaultPlatform: string, current?: string): PlatformChoice[] {
  const own = ownPlatform(defaultPlatform);
  const choices: PlatformChoice[] = [
    {
      kind: 'platform',
      platform: own,
      label: own,
      description: own === DEFAULT_PLATFORM ? 'recommended' : 'your default',
      detail: 'Your own platform: your browser session stays logged in',
      shared: false,
    },
  ];
  if (own !== DEFAULT_PLATFORM) {
    choices.push({ kind: 'platform', platform: DEFAULT_PLATFORM, label: DEFAULT_PLATFORM, detail: 'A platform of its own for tools, if an admin registered it', shared: false });
  }
  if (current && current !== own && current !== DEFAULT_PLATFORM && !isSharedPlatform(current)) {
    choices.push({ kind: 'platform', platform: current, label: current, description: 'current', detail: 'Must be registered in Admin > Configure API Platforms', shared: false });
  }
  choices.push({ kind: 'other', label: 'Enter another platform name\u2026', detail: 'One an admin registered in Admin > Configure API Platforms' });
  choices.push({ kind: 'separator', label: "Shared: a login ends someone's session" });
  for (const platform of SHARED_PLATFORMS) {
    choices.push({ kind: 'platform', platform, label: platform, description: '$(warning) not recommended', detail: SHARED_DETAILS[platform], shared: true });
  }
  return choices;
}

export interface SharedPlatformQuestion {
  question: string;
  instead: { platform: string; label: string; detail: string };
  anyway: { platform: string; label: string; detail: string };
}

/** The second question after picking base, mobile or portal: what it costs, and the way out. */
export function sharedPlatformQuestion(platform: SharedPlatform, username: string, defaultPlatform: string): SharedPlatformQuestion {
  const who = username.trim() || 'this user';
  const own = ownPlatform(defaultPlatform);
  return {
    question: `A login on ${platform} ends ${who}'s own ${SHARED_SESSIONS[platform]}. Use a platform of your own?`,
    instead: { platform: own, label: `Use ${own} instead`, detail: 'Recommended: an admin registers it once in Admin > Configure API Platforms' },
    anyway: { platform, label: `Use ${platform} anyway`, detail: `Each login of this connection ends ${who}'s ${SHARED_SESSIONS[platform]}` },
  };
}

export interface VersionChoice {
  kind: 'version' | 'other';
  version?: string;
  label: string;
  description?: string;
  detail?: string;
}

/** Versions people pin: the first of each Sugar release line the API changed with. */
export const COMMON_API_VERSIONS: readonly string[] = ['v11_27', 'v11_26', 'v11_24', 'v11_16', 'v11_1', 'v11', 'v10'];

export function apiVersionChoices(current: string, versionInUrl?: string): VersionChoice[] {
  const choices: VersionChoice[] = [
    { kind: 'version', version: 'auto', label: 'auto', description: 'recommended', detail: 'Learn the highest version the instance offers' },
  ];
  const extra = [versionInUrl, current].filter((v): v is string => !!v && v !== 'auto' && !COMMON_API_VERSIONS.includes(v));
  for (const version of new Set(extra)) {
    choices.push({ kind: 'version', version, label: version, description: version === versionInUrl ? 'from the pasted address' : 'current', detail: sugarReleaseForVersion(version) });
  }
  for (const version of COMMON_API_VERSIONS) {
    const fromUrl = version === versionInUrl ? 'from the pasted address' : undefined;
    choices.push({ kind: 'version', version, label: version, description: fromUrl ?? sugarReleaseForVersion(version) ?? (version === 'v10' ? 'every instance offers it' : undefined) });
  }
  choices.push({ kind: 'other', label: 'Enter a version\u2026', detail: 'Such as v11_20 or 11.20' });
  return choices;
}
