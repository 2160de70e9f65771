import { SugarError, SugarErrorRemedy } from './errors';
import { apiVersionFromDotted, parseIncorrectVersionMessage } from './apiVersion';
import { describeRequest } from './foreignAnswer';

export { explainForeignAnswer } from './foreignAnswer';

/** What we were doing when the answer came: the same label means different things per operation. */
export type SugarOperation = 'login' | 'refresh' | 'logout' | 'sudo' | 'request' | 'probe';

export interface AnswerContext {
  operation: SugarOperation;
  method?: string;
  path?: string;
  apiVersion?: string;
  platform?: string;
  username?: string;
  clientId?: string;
  sudoUser?: string;
}

/** Sugar's error body: always `error` and usually `error_message`, sometimes more (`url`). */
export interface SugarErrorBody {
  error: string;
  error_message?: string;
  url?: string;
}

export function isSugarErrorBody(value: unknown): value is SugarErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string';
}

interface Explained {
  explanation: string;
  remedy: SugarErrorRemedy;
  sessionEnded?: boolean;
  maxVersion?: string;
}

const has = (text: string | undefined, needle: string): boolean =>
  (text ?? '').toLowerCase().includes(needle.toLowerCase());

/** The explanation of one Sugar JSON error answer; every row of sugar-api.md's table is here. */
export function explainSugarError(status: number, body: SugarErrorBody, ctx: AnswerContext): SugarError {
  const explained = explainLabel(status, body, ctx);
  let explanation = explained.explanation;
  if (body.url) {
    explanation += ` Sign in through ${body.url}.`;
  }
  return new SugarError({
    kind: 'sugar',
    explanation,
    remedy: explained.remedy,
    status,
    label: body.error,
    sugarMessage: body.error_message,
    loginUrl: body.url,
    maxVersion: explained.maxVersion,
    sessionEnded: explained.sessionEnded,
  });
}

function explainLabel(status: number, body: SugarErrorBody, ctx: AnswerContext): Explained {
  const message = body.error_message;
  const quoted = message ? `: ${trimSentence(message)}.` : '.';
  switch (body.error) {
    case 'incorrect_version': {
      const max = parseIncorrectVersionMessage(message ?? '');
      const version = max ? apiVersionFromDotted(max) ?? max : undefined;
      return {
        explanation: version
          ? `This instance does not offer API version ${ctx.apiVersion ?? 'requested'}; the highest it offers is ${version}.`
          : `This instance does not offer API version ${ctx.apiVersion ?? 'requested'}.`,
        remedy: 'editConnection',
        maxVersion: version,
      };
    }
    case 'invalid_request':
      return { explanation: `Sugar refused the request as incomplete${quoted}`, remedy: 'openLog' };
    case 'invalid_client':
      return {
        explanation: `The instance does not accept client id "${ctx.clientId ?? 'sugar'}" with this client secret; check both against Admin > OAuth Keys.`,
        remedy: 'editConnection',
      };
    case 'unsupported_grant_type':
      return { explanation: 'The instance does not accept this kind of login (grant type).', remedy: 'openLog' };
    case 'invalid_grant':
      return explainInvalidGrant(status, message, ctx);
    case 'need_login':
      return explainNeedLogin(message, ctx);
    case 'not_authorized':
      if (ctx.operation === 'sudo') {
        return {
          explanation: 'Only an admin can act as another user, and not from within a sudo session.',
          remedy: 'editConnection',
        };
      }
      return { explanation: `This user is not allowed to do that${quoted}`, remedy: 'none' };
    case 'client_not_allowed':
      return {
        explanation: `Client id "${ctx.clientId ?? 'sugar'}" is not allowed to log in here${quoted}`,
        remedy: 'editConnection',
      };
    case 'license_seats_needed':
      return {
        explanation: 'The user has no license seat for this; an admin assigns licenses in Admin > User Management.',
        remedy: 'none',
      };
    case 'no_method':
      return {
        explanation: `This instance has no endpoint ${describeRequest(ctx)} in API ${ctx.apiVersion ?? 'this version'}.`,
        remedy: 'none',
      };
    case 'not_found':
      if (ctx.operation === 'sudo') {
        return { explanation: `There is no active user named "${ctx.sudoUser ?? '?'}" on this instance.`, remedy: 'none' };
      }
      return { explanation: `Sugar found nothing there${quoted}`, remedy: 'none' };
    case 'edit_conflict':
      return { explanation: 'Someone changed the record after it was read; read it again before saving.', remedy: 'none' };
    case 'metadata_out_of_date':
      return {
        explanation: 'The metadata hash sent with the request is out of date; fetch /metadata again.',
        remedy: 'none',
      };
    case 'request_too_large':
      return { explanation: 'The request is larger than the instance accepts.', remedy: 'none' };
    case 'missing_parameter':
      return { explanation: `A required parameter is missing${quoted}`, remedy: 'none' };
    case 'invalid_parameter':
      if (has(message, 'invalid platform')) {
        return {
          explanation: `The platform "${ctx.platform ?? '?'}" is not registered on this instance; an admin adds it in Admin > Configure API Platforms.`,
          remedy: 'editConnection',
        };
      }
      return { explanation: `Sugar rejected a parameter${quoted}`, remedy: 'none' };
    case 'request_failure':
      return { explanation: `The request failed on the server${quoted}`, remedy: 'openLog' };
    case 'client_outdated':
      return { explanation: 'The instance says this client is outdated and must be updated.', remedy: 'none' };
    case 'fatal_error':
    case 'unknown_error':
    case 'db_error':
      return {
        explanation: `The instance failed with an internal error (${body.error})${quoted} Its sugarcrm.log has the details.`,
        remedy: 'openLog',
      };
    case 'bad_gateway':
      return { explanation: 'A gateway in front of the instance failed (bad gateway).', remedy: 'retry' };
    case 'maintenance':
      return {
        explanation: 'The instance is in maintenance mode; only admins can use it until an admin turns that off.',
        remedy: 'retry',
      };
    case 'service_unavailable':
      return { explanation: `The instance is temporarily unavailable${quoted}`, remedy: 'retry' };
    default:
      return {
        explanation: `Sugar answered HTTP ${status} ${body.error}${quoted}`,
        remedy: 'openLog',
      };
  }
}

function explainInvalidGrant(status: number, message: string | undefined, ctx: AnswerContext): Explained {
  if (ctx.operation === 'refresh') {
    if (has(message, 'expired')) {
      return { explanation: 'The refresh token has expired; log in again.', remedy: 'login', sessionEnded: true };
    }
    return {
      explanation: `The session was replaced, most likely by a login with the same user and platform (${ctx.platform ?? 'this platform'}) somewhere else; log in again.`,
      remedy: 'login',
      sessionEnded: true,
    };
  }
  if (ctx.operation === 'login' || status === 400) {
    return { explanation: `Sugar refused the credentials${message ? `: ${trimSentence(message)}` : ''}.`, remedy: 'editConnection' };
  }
  if (has(message, 'your authentication token is invalid')) {
    return {
      explanation:
        'The instance refused the token for this address; it probably binds tokens to the IP address they were issued to (Validate user IP address).',
      remedy: 'login',
    };
  }
  if (has(message, 'expired')) {
    return { explanation: 'The access token has expired.', remedy: 'login' };
  }
  return {
    explanation: 'The access token is no longer valid: the session was logged out, refreshed, or replaced by another login.',
    remedy: 'login',
  };
}

function explainNeedLogin(message: string | undefined, ctx: AnswerContext): Explained {
  if (has(message, 'too many failed')) {
    return {
      explanation: `The user "${ctx.username ?? '?'}" is locked out after too many failed login attempts; wait, or ask an admin to unlock them.`,
      remedy: 'none',
    };
  }
  if (has(message, 'maintenance')) {
    return { explanation: 'The instance is in maintenance mode; only admins can log in now.', remedy: 'retry' };
  }
  if (ctx.operation === 'login') {
    return {
      explanation: `The instance did not accept username "${ctx.username ?? '?'}" with this password.`,
      remedy: 'editConnection',
    };
  }
  return { explanation: 'The instance did not see a valid login on this request; log in again.', remedy: 'login' };
}

const DOT_OR_SPACE = /[.\s]/;

/** Without its closing dots and spaces; a `[.\s]+$` regex is quadratic on a long inner run of them. */
function trimSentence(text: string): string {
  const trimmed = text.trim();
  let end = trimmed.length;
  while (end > 0 && DOT_OR_SPACE.test(trimmed[end - 1])) end--;
  return trimmed.slice(0, end);
}
