/**
 * The defaults a connection falls back to. A file of their own: the stored-connection reader
 * needs them at activation, and must not pull the whole profile validation (instance URLs, API
 * versions) into the activation bundle with them.
 */

/** Not `base`: a login on base would end the user's own browser session (one session per platform). */
export const DEFAULT_PLATFORM = 'custom_api';
/** Sugar's built-in client, whose secret is empty. */
export const DEFAULT_CLIENT_ID = 'sugar';
