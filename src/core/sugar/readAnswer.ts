// One HTTP answer read into an ApiResponse: JSON parsed only when it looks like JSON, every error
// status explained; and the checks the token routes add (an access token, or an explained error).
import type { ApiResponse, TokenAnswer } from './apiTypes';
import { SugarError } from './errors';
import { AnswerContext, explainForeignAnswer, explainSugarError, isSugarErrorBody } from './explainAnswer';

/** The error of a failed answer, re-explained for the operation it answered. */
export function explainResponse(response: ApiResponse, context: AnswerContext): SugarError {
  if (isSugarErrorBody(response.json)) {
    return explainSugarError(response.status, response.json, context);
  }
  return explainForeignAnswer(response.status, response.headers['content-type'] ?? '', response.text, context);
}

function isJsonContentType(contentType: string): boolean {
  return /[/+]json\b/i.test(contentType);
}

/** Starts, after white space, like a JSON object, array or string; without copying the text. */
function looksLikeJson(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '{' || char === '[' || char === '"') return true;
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r' && char !== '\uFEFF') return false;
  }
  return false;
}

/** Parses one answer; JSON is parsed only when it looks like JSON, so a proxy's HTML never crashes. */
export function readAnswer(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  timeMs: number,
  context: AnswerContext,
  /** The file that holds the whole answer when `body` is only its first part: it is not parsed. */
  bodyFile?: { path: string; sizeBytes: number },
): ApiResponse {
  const text = body.toString('utf8');
  const contentType = headers['content-type'] ?? '';
  let json: unknown;
  let isJson = false;
  if (!bodyFile && text.length > 0 && (isJsonContentType(contentType) || looksLikeJson(text))) {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  const response: ApiResponse = { status, headers, json, isJson, text, sizeBytes: bodyFile?.sizeBytes ?? body.length, timeMs };
  if (bodyFile) response.bodyFile = bodyFile.path;
  if (status >= 300) {
    response.error = isJson && isSugarErrorBody(json)
      ? explainSugarError(status, json, context)
      : explainForeignAnswer(status, contentType, text, context);
  }
  return response;
}

export function requireTokenAnswer(response: ApiResponse, operation: 'login' | 'refresh' | 'sudo'): TokenAnswer {
  const json = response.json as Partial<TokenAnswer> | undefined;
  if (json && typeof json.access_token === 'string' && json.access_token.length > 0) {
    return {
      ...json,
      access_token: json.access_token,
      expires_in: Number(json.expires_in ?? 3600),
    };
  }
  throw new SugarError({
    kind: 'http',
    status: response.status,
    remedy: 'openLog',
    explanation: `The instance answered the ${operation} without an access token; the URL may not point at Sugar's REST API.`,
  });
}
