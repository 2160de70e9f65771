/**
 * Sugar's error answers: always JSON `{"error","error_message"}`; never `error_description`.
 * Handlers throw SugarError and the server turns it into the answer, so every path shares one shape.
 */

export class SugarError extends Error {
  constructor(
    readonly status: number,
    readonly label: string,
    readonly errorMessage: string | undefined,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${status} ${label}${errorMessage ? `: ${errorMessage}` : ''}`);
  }

  body(): Record<string, unknown> {
    // unsupported_grant_type is the one answer Sugar sends without error_message.
    const body: Record<string, unknown> = { error: this.label };
    if (this.errorMessage !== undefined) body.error_message = this.errorMessage;
    return { ...body, ...this.extra };
  }
}

export const MSG = {
  badCredentials: 'You must specify a valid username and password.',
  lockout: 'Too many failed login attempts.',
  maintenanceLogin:
    'SugarCRM is in maintenance mode. Only admins can login. Please contact your administrator for details.',
  maintenance:
    'SugarCRM is in maintenance mode. Only admins can login. Please contact your administrator for details.',
  noAuth: 'No valid authentication for user.',
  tokenExpired: 'The access token provided has expired.',
  tokenInvalid: 'The access token provided is invalid.',
  invalidClient: 'The client credentials are invalid',
  invalidPlatform: 'Invalid platform specified.',
  invalidRefresh: 'Invalid refresh token',
  notAuthorized:
    'You are not authorized to perform this action. Contact your administrator if you need access.',
  metadataOutOfDate: 'Your metadata or user hash did not match the server. Please resync your metadata.',
  fatal: 'Your request failed to complete.  A fatal error occurred.  Check logs for more details.',
} as const;

export const needLogin = (message: string): SugarError => new SugarError(401, 'need_login', message);
export const invalidGrant401 = (message: string): SugarError => new SugarError(401, 'invalid_grant', message);
export const invalidGrant400 = (message: string): SugarError => new SugarError(400, 'invalid_grant', message);
export const invalidRequest = (message: string): SugarError => new SugarError(400, 'invalid_request', message);
export const invalidClient = (): SugarError => new SugarError(400, 'invalid_client', MSG.invalidClient);
export const unsupportedGrantType = (): SugarError => new SugarError(400, 'unsupported_grant_type', undefined);
export const invalidPlatform = (): SugarError => new SugarError(422, 'invalid_parameter', MSG.invalidPlatform);
export const notAuthorized = (): SugarError => new SugarError(403, 'not_authorized', MSG.notAuthorized);
export const notFound = (message: string): SugarError => new SugarError(404, 'not_found', message);
export const noMethod = (elements: number): SugarError =>
  new SugarError(404, 'no_method', `Could not find a route with ${elements} elements`);
export const metadataOutOfDate = (): SugarError => new SugarError(412, 'metadata_out_of_date', MSG.metadataOutOfDate);
export const maintenance = (): SugarError => new SugarError(503, 'maintenance', MSG.maintenance);
export const fatalError = (): SugarError => new SugarError(500, 'fatal_error', MSG.fatal);
export const requestTooLarge = (): SugarError =>
  new SugarError(413, 'request_too_large', 'Request is too large');
export const incorrectVersion = (max: string): SugarError =>
  new SugarError(
    301,
    'incorrect_version',
    `Please change your requested API version to value between 10 and ${max}.`,
  );
