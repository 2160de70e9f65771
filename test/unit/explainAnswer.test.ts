import assert from 'node:assert/strict';
import { AnswerContext, explainForeignAnswer, explainSugarError } from '../../src/core/sugar/explainAnswer';
import type { SugarErrorRemedy } from '../../src/core/sugar/errors';

interface Row {
  status: number;
  error: string;
  message?: string;
  url?: string;
  ctx?: Partial<AnswerContext>;
  says: RegExp;
  remedy: SugarErrorRemedy;
  sessionEnded?: boolean;
  maxVersion?: string;
}

const request: AnswerContext = { operation: 'request', method: 'GET', path: '/Accounts', apiVersion: 'v11_24', platform: 'custom_api', clientId: 'sugar' };

/** Every status and label pair of sugar-api.md, each with the sentence a user sees. */
const rows: Row[] = [
  { status: 301, error: 'incorrect_version', message: 'Please change your requested API version to value between 10 and 11.24.', ctx: { apiVersion: 'v99' }, says: /does not offer API version v99; the highest it offers is v11_24/, remedy: 'editConnection', maxVersion: 'v11_24' },
  { status: 400, error: 'invalid_request', message: 'Missing parameters: password', ctx: { operation: 'login' }, says: /refused the request as incomplete: Missing parameters: password/, remedy: 'openLog' },
  { status: 400, error: 'invalid_client', message: 'The client credentials are invalid', ctx: { operation: 'login', clientId: 'mine' }, says: /client id "mine".*Admin > OAuth Keys/, remedy: 'editConnection' },
  { status: 400, error: 'invalid_grant', message: 'Invalid refresh token', ctx: { operation: 'refresh', platform: 'custom_api' }, says: /session was replaced, most likely by a login with the same user and platform \(custom_api\) somewhere else/, remedy: 'login', sessionEnded: true },
  { status: 400, error: 'invalid_grant', message: 'Refresh token has expired: 2026-01-01', ctx: { operation: 'refresh' }, says: /refresh token has expired; log in again/, remedy: 'login', sessionEnded: true },
  { status: 400, error: 'unsupported_grant_type', ctx: { operation: 'login' }, says: /does not accept this kind of login/, remedy: 'openLog' },
  { status: 401, error: 'need_login', message: 'You must specify a valid username and password.', ctx: { operation: 'login', username: 'jim' }, says: /did not accept username "jim" with this password/, remedy: 'editConnection' },
  { status: 401, error: 'need_login', message: 'Too many failed login attempts.', ctx: { operation: 'login', username: 'jim' }, says: /"jim" is locked out after too many failed login attempts/, remedy: 'none' },
  { status: 401, error: 'need_login', message: 'SugarCRM is in maintenance mode. Only admins can login. Please contact your System Administrator.', ctx: { operation: 'login' }, says: /maintenance mode; only admins can log in/, remedy: 'retry' },
  { status: 401, error: 'need_login', message: 'You must specify a valid username and password.', url: 'https://login.example.test/', ctx: { operation: 'login', username: 'jim' }, says: /Sign in through https:\/\/login\.example\.test\//, remedy: 'editConnection' },
  { status: 401, error: 'need_login', message: 'No valid authentication for user.', says: /did not see a valid login on this request; log in again/, remedy: 'login' },
  { status: 401, error: 'invalid_grant', message: 'The access token provided has expired.', says: /access token has expired/, remedy: 'login' },
  { status: 401, error: 'invalid_grant', message: 'The access token provided is invalid.', says: /no longer valid: the session was logged out, refreshed, or replaced/, remedy: 'login' },
  { status: 401, error: 'invalid_grant', message: 'Your authentication token is invalid.', says: /binds tokens to the IP address/, remedy: 'login' },
  { status: 403, error: 'not_authorized', message: 'Not an admin', ctx: { operation: 'sudo', sudoUser: 'jim' }, says: /Only an admin can act as another user/, remedy: 'editConnection' },
  { status: 403, error: 'not_authorized', message: 'No access to edit records', says: /not allowed to do that: No access to edit records/, remedy: 'none' },
  { status: 403, error: 'client_not_allowed', message: 'Client not allowed', ctx: { clientId: 'x' }, says: /Client id "x" is not allowed/, remedy: 'editConnection' },
  { status: 403, error: 'license_seats_needed', message: 'Need seats', says: /no license seat.*User Management/, remedy: 'none' },
  { status: 404, error: 'no_method', message: 'Could not find a route with 1 elements', says: /no endpoint for GET \/Accounts in API v11_24/, remedy: 'none' },
  { status: 404, error: 'not_found', message: 'Could not find record: 1 in module: Accounts', says: /found nothing there: Could not find record/, remedy: 'none' },
  { status: 404, error: 'not_found', message: 'User not found', ctx: { operation: 'sudo', sudoUser: 'ghost' }, says: /no active user named "ghost"/, remedy: 'none' },
  { status: 409, error: 'edit_conflict', message: 'Edit conflict', says: /changed the record after it was read/, remedy: 'none' },
  { status: 412, error: 'metadata_out_of_date', message: 'Metadata is out of date', says: /metadata hash .* out of date/, remedy: 'none' },
  { status: 413, error: 'request_too_large', message: 'Too large', says: /larger than the instance accepts/, remedy: 'none' },
  { status: 422, error: 'missing_parameter', message: 'Missing parameter: name', says: /required parameter is missing: Missing parameter: name/, remedy: 'none' },
  { status: 422, error: 'invalid_parameter', message: 'Invalid platform specified.', ctx: { operation: 'login', platform: 'my_tool' }, says: /platform "my_tool" is not registered on this instance; an admin adds it in Admin > Configure API Platforms/, remedy: 'editConnection' },
  { status: 422, error: 'invalid_parameter', message: 'Invalid field: foo', says: /rejected a parameter: Invalid field: foo/, remedy: 'none' },
  { status: 424, error: 'request_failure', message: 'Upstream failed', says: /failed on the server: Upstream failed/, remedy: 'openLog' },
  { status: 433, error: 'client_outdated', message: 'Outdated', says: /client is outdated/, remedy: 'none' },
  { status: 500, error: 'fatal_error', message: 'Boom', says: /internal error \(fatal_error\): Boom\. Its sugarcrm\.log/, remedy: 'openLog' },
  { status: 500, error: 'unknown_error', message: 'Unknown', says: /internal error \(unknown_error\)/, remedy: 'openLog' },
  { status: 500, error: 'db_error', message: 'DB down', says: /internal error \(db_error\)/, remedy: 'openLog' },
  { status: 502, error: 'bad_gateway', message: 'Bad gateway', says: /gateway in front of the instance failed/, remedy: 'retry' },
  { status: 503, error: 'maintenance', message: 'Maintenance', says: /maintenance mode; only admins can use it/, remedy: 'retry' },
  { status: 503, error: 'service_unavailable', message: 'Try later', says: /temporarily unavailable: Try later/, remedy: 'retry' },
  { status: 418, error: 'teapot', message: 'I am a teapot', says: /HTTP 418 teapot: I am a teapot/, remedy: 'openLog' },
];

describe('Sugar error explanations (every row of sugar-api.md)', () => {
  for (const row of rows) {
    it(`${row.status} ${row.error}${row.ctx?.operation ? ` during ${row.ctx.operation}` : ''}${row.message ? `: ${row.message}` : ''}`, () => {
      const error = explainSugarError(row.status, { error: row.error, error_message: row.message, url: row.url }, { ...request, ...row.ctx });
      assert.match(error.message, row.says);
      assert.equal(error.kind, 'sugar');
      assert.equal(error.remedy, row.remedy);
      assert.equal(error.status, row.status);
      assert.equal(error.label, row.error);
      assert.equal(error.sugarMessage, row.message);
      assert.equal(error.sessionEnded, row.sessionEnded ?? false);
      if (row.maxVersion) assert.equal(error.maxVersion, row.maxVersion);
      // One sentence (or two short ones): ends with a full stop, no raw JSON.
      assert.match(error.message, /\.$/);
      assert.doesNotMatch(error.message, /[{}]/);
    });
  }

  describe('answers that are not Sugar JSON', () => {
    it('an HTML 502 from a proxy names the page and blames the hop', () => {
      const error = explainForeignAnswer(502, 'text/html', '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', request);
      assert.equal(error.kind, 'http');
      assert.match(error.message, /proxy or load balancer answered HTTP 502 with an HTML page \("502 Bad Gateway"\)/);
      assert.match(error.rawBody ?? '', /nginx/);
    });
    it('an HTML 200 login page says the URL may not be the REST API', () => {
      const error = explainForeignAnswer(200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><title>Sign in</title></html>', request);
      assert.match(error.message, /HTML page \("Sign in"\).*login page or a proxy/);
    });
    it('an empty body says so', () => {
      const error = explainForeignAnswer(200, '', '', request);
      assert.match(error.message, /empty body instead of Sugar's JSON/);
    });
    it('a 407 asks for proxy credentials', () => {
      assert.match(explainForeignAnswer(407, 'text/plain', 'auth', request).message, /proxy asks for authentication/);
    });
    it('other text keeps the raw body, cut to 2000 characters', () => {
      const error = explainForeignAnswer(500, 'text/plain', 'x'.repeat(5000), request);
      assert.match(error.message, /HTTP 500 with "text\/plain" that is not Sugar's JSON \(GET \/Accounts\)/);
      assert.equal(error.rawBody?.length, 2001);
    });
  });
});
