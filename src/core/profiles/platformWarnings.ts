/**
 * Kept apart from profile validation so that the tree can warn about a platform without loading
 * the whole validation code at activation.
 */
const OWN_PLATFORM_ADVICE = 'use a platform of your own such as custom_api, registered by an admin in Admin > Configure API Platforms.';

/** Platforms that belong to a person or an app; logging a tool in on them ends someone's session. */
export const SHARED_PLATFORM_WARNINGS: Record<string, string> = {
  base: `A login on base ends this user's own browser session; ${OWN_PLATFORM_ADVICE}`,
  mobile: `A login on mobile takes one of this user's two SugarCRM mobile app sessions and can end their app session; ${OWN_PLATFORM_ADVICE}`,
  portal: `portal is the customer Self-Service Portal's platform, meant for portal contacts and limited to what the portal allows; ${OWN_PLATFORM_ADVICE}`,
};

/** The warning for a platform that belongs to a person or an app, if it is one. */
export function sharedPlatformWarning(platform: string): string | undefined {
  return SHARED_PLATFORM_WARNINGS[platform];
}
