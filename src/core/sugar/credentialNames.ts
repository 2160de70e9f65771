/**
 * Names of fields, parameters and headers that carry credentials, whatever the spelling:
 * `refresh_token`, `refresh-token`, `refreshToken`, `REFRESH_TOKEN`, `new_password`, `user_hash`,
 * `client_secret`, `api_key`, `OAuth-Token`. One list for the log, history and cURL, so that what
 * one hides the others hide too.
 */
const CREDENTIAL_NAME = /(?:password|passwd|passphrase|secret|secretkey|token|apikey|accesskey|privatekey|userhash|credentials?)$|^(?:pwd|pass|authorization)$/;

/** Longer than any credential name's meaningful tail: the test looks at the end of the name only. */
const TAIL = 24;

/** True for a name in the credential family (case, `-`, `_`, `.` and spaces do not matter). */
export function isCredentialName(name: string): boolean {
  // Only the tail decides (suffix match), so a hostile megabyte-long name costs no more than a short one.
  const tail = name.length > TAIL * 2 ? name.slice(-TAIL * 2) : name;
  return CREDENTIAL_NAME.test(tail.toLowerCase().replace(/[-_.\s]/g, ''));
}

/**
 * The same family as a regular-expression source for scanning text: a name that ends in one of
 * these (`accessToken=`, `"new_password":`). Without a leading wildcard, so a scan stays linear.
 */
export const CREDENTIAL_NAME_TAIL = String.raw`(?:passw(?:or)?d|passphrase|secret|secret[-_]?key|token|api[-_]?key|access[-_]?key|private[-_]?key|user[-_]?hash|credentials?|\bpwd|\bpass)`;
