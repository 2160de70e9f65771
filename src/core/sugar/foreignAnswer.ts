// Answers that are not Sugar's JSON error (a proxy's HTML page, an empty body, plain text) turned
// into an explained SugarError; the page's title is read in linear time whatever the page holds.
import { SugarError } from './errors';
import type { AnswerContext } from './explainAnswer';

const MAX_RAW = 2000;

/** An answer that is not Sugar's JSON error: HTML from a proxy, an empty body, text. */
export function explainForeignAnswer(status: number, contentType: string, text: string, ctx: AnswerContext): SugarError {
  const trimmed = text.trim();
  const rawBody = trimmed.length > MAX_RAW ? `${trimmed.slice(0, MAX_RAW)}…` : trimmed;
  if (trimmed.length === 0) {
    return new SugarError({
      kind: 'http',
      status,
      rawBody,
      remedy: 'editConnection',
      explanation: `The server answered HTTP ${status} with an empty body instead of Sugar's JSON; check the instance URL, or a proxy in between.`,
    });
  }
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body)/i.test(trimmed)) {
    const title = htmlTitle(trimmed);
    const from = title ? ` ("${title}")` : '';
    return new SugarError({
      kind: 'http',
      status,
      rawBody,
      remedy: status >= 500 ? 'retry' : 'editConnection',
      explanation:
        status >= 500
          ? `A proxy or load balancer answered HTTP ${status} with an HTML page${from} instead of Sugar's JSON; the instance behind it did not answer.`
          : `The server answered HTTP ${status} with an HTML page${from} instead of Sugar's JSON; the URL may point at a login page or a proxy, not at Sugar's REST API.`,
    });
  }
  if (status === 407) {
    return new SugarError({
      kind: 'http',
      status,
      rawBody,
      remedy: 'editConnection',
      explanation: 'The proxy asks for authentication (HTTP 407); put the credentials in the proxy URL.',
    });
  }
  return new SugarError({
    kind: 'http',
    status,
    rawBody,
    remedy: 'openLog',
    explanation: `The server answered HTTP ${status} with ${describeContent(contentType)} that is not Sugar's JSON (${describeOperation(ctx)}).`,
  });
}

const TITLE_START = /<title/gi;
const TITLE_TEXT = /([^<]{1,120})<\/title>/iy;

/**
 * The text of the first `<title ...>text</title>` with at most 120 characters of text. Linear on
 * any page: a one-regex search (`<title[^>]*>...`) restarts its scan to the next `>` at every
 * `<title`, quadratic on a page of `<title` without `>` (0.8 s for 96 KB). Every `<title` before
 * the same `>` ends the same way, so the search resumes after that `>`.
 */
function htmlTitle(html: string): string | undefined {
  TITLE_START.lastIndex = 0;
  for (let start = TITLE_START.exec(html); start; start = TITLE_START.exec(html)) {
    const close = html.indexOf('>', start.index);
    if (close < 0) return undefined;
    TITLE_TEXT.lastIndex = close + 1;
    const text = TITLE_TEXT.exec(html)?.[1].trim();
    if (text !== undefined) return text;
    TITLE_START.lastIndex = close + 1;
  }
  return undefined;
}

function describeContent(contentType: string): string {
  return contentType ? `"${contentType.split(';')[0]}"` : 'content';
}

function describeOperation(ctx: AnswerContext): string {
  return ctx.operation === 'request' ? describeRequest(ctx).replace(/^for /, '') : ctx.operation;
}

/** "for GET /Accounts", or "for this request" when the context has no request. */
export function describeRequest(ctx: AnswerContext): string {
  if (ctx.method && ctx.path) {
    return `for ${ctx.method.toUpperCase()} ${ctx.path}`;
  }
  return 'for this request';
}
