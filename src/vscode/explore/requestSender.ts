import type { HistoryEntry } from '../../core/explore/history';
import { withoutRefusedHeaders } from '../../core/explore/requestHeaders';
import { formatSize, type RenderedResponse, renderResponse } from '../../core/explore/responseView';
import { parseSessionRef } from '../../core/session/sessionState';
import type { ApiRequest, ApiResponse } from '../../core/sugar/client';
import { buildApiUrl } from '../../core/sugar/apiUrl';
import { SugarError } from '../../core/sugar/errors';
import type { Clock } from '../../core/ports';
import type { ProfileStore } from '../../core/profiles/profileStore';
import type { SessionEngine } from '../../core/session/sessionEngine';
import type { HistoryStore } from './historyStore';
import { BoundedResponses } from '../../core/explore/responseRetention';
import type { ShownResponse } from './responseTabs';
import type { Assertion } from '../../core/checks/assertion';
import { type AssertionResult, evaluateAssertions } from '../../core/checks/evaluate';
import { assertionLines } from '../../core/checks/resultText';
import { checkedResponse } from '../../core/checks/sessionSend';

/** What `sugar.sendRequest` answers to other extensions and tests. */
export interface SentResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  timeMs: number;
  /** Set when the answer was over the size limit: `body` is its first part as text, the file holds all of it. */
  bodyFile?: string;
  sizeBytes: number;
}

/** The response tab of an answer over the size limit says so first, and where the whole answer is. */
export function withBodyFileNote(rendered: RenderedResponse, response: ApiResponse): RenderedResponse {
  if (!response.bodyFile) return rendered;
  const note = [
    `⚠ This answer is ${formatSize(response.sizeBytes)}, more than the response size limit (sugar.responseSizeLimitMB): only its first ${formatSize(Buffer.byteLength(response.text))} is shown below.`,
    `⚠ The whole answer is in ${response.bodyFile} (a temporary file, removed when VS Code closes or 20 newer ones exist: save a copy to keep it).`,
    '',
  ];
  return { language: 'plaintext', text: `${note.join('\n')}\n${rendered.text}` };
}

/** Where responses show (ResponseTabs; the unit tests send without showing). */
export interface ResponseShower {
  show(response: ShownResponse): Promise<unknown>;
  keepBodyFile(path: string): void;
  offerBodyFile(path: string, sizeBytes: number, onFailed: (error: unknown) => void): void;
}

/** How a send's response tab is chosen and what its Re-run does. */
export interface SendTabOptions {
  /** Requests with the same key share a tab; by default the connection, method and URL. */
  tabKey?: string;
  preserveFocus?: boolean;
  rerun?: () => Promise<unknown>;
  /** A request file's `??` lines: checked against the answer, the results shown above its body and returned. */
  assertions?: Assertion[];
}

type Answer = { response: ApiResponse; url: string; sessionLabel: string; checks?: AssertionResult[] };

/** One tab per request: the same user and connection, method and URL. */
const defaultTabKey = (method: string, answer: Answer) => `${answer.sessionLabel} ${method} ${answer.url}`;

/** Sends a request through the session engine (one shared refresh, retry once), records it, shows it. */
export class RequestSender {
  constructor(
    private readonly onShowFailed: (error: unknown) => void,
    private readonly engine: SessionEngine,
    private readonly profiles: ProfileStore,
    private readonly clock: Clock,
    private readonly history: HistoryStore,
    private readonly documents: ResponseShower,
  ) {}

  /** How each recent History entry's tab was chosen, so that Open Last Response shows it in the same tab. */
  private readonly tabs = new BoundedResponses<SendTabOptions>(() => 1, 200, 200);

  /**
   * A Host, framing or token header in `request.headers` is never sent, whoever asked (a request
   * file refuses them on their lines; another extension's `sugar.sendRequest` loses them, as
   * fetch() drops forbidden headers): the session's own token goes only to its own instance.
   */
  async send(
    sessionId: string,
    asked: ApiRequest,
    options: { signal?: AbortSignal; show?: boolean } & SendTabOptions = {},
  ): Promise<{ response: ApiResponse; result: SentResponse; checks?: AssertionResult[] }> {
    const request: ApiRequest = asked.headers ? { ...asked, headers: withoutRefusedHeaders(asked.headers) } : asked;
    const { connectionId, sudoUser } = parseSessionRef(sessionId);
    const profile = await this.profiles.get(connectionId);
    const sessionLabel = `${sudoUser ?? profile?.username ?? '?'} @ ${profile?.name ?? connectionId}`;
    const entry: HistoryEntry = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      sessionId,
      method: request.method.toUpperCase(),
      path: request.path,
      query: request.query ? Object.fromEntries(Object.entries(request.query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) : undefined,
      body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body, null, 2),
      at: this.clock.now(),
    };
    let response: ApiResponse;
    try {
      response = await this.engine.request(sessionId, request, options.signal);
    } catch (error) {
      await this.history.add(connectionId, { ...entry, failure: error instanceof SugarError ? error.message : String(error) });
      throw error;
    }
    if (response.bodyFile) {
      this.documents.keepBodyFile(response.bodyFile);
      if (options.show !== false) this.documents.offerBodyFile(response.bodyFile, response.sizeBytes, this.onShowFailed);
    }
    const url = buildApiUrl(await this.engine.targetFor(connectionId), request);
    const checks = options.assertions && options.assertions.length > 0 ? evaluateAssertions(options.assertions, checkedResponse(response)) : undefined;
    const answer: Answer = { response, url, sessionLabel, checks };
    await this.history.add(connectionId, { ...entry, status: response.status, timeMs: Math.round(response.timeMs) }, answer);
    // The answer is the caller's whatever happens to its tab (a closing window, a superseded editor).
    if (options.show !== false) {
      const tab = { tabKey: options.tabKey ?? defaultTabKey(entry.method, answer), preserveFocus: options.preserveFocus, rerun: options.rerun };
      this.tabs.set(entry.id, tab);
      await this.showResponse(entry.method, answer, entry.id).catch((error: unknown) => this.onShowFailed(error));
    }
    const result: SentResponse = { status: response.status, headers: response.headers, body: response.isJson ? response.json : response.text, timeMs: response.timeMs, sizeBytes: response.sizeBytes };
    if (response.bodyFile) result.bodyFile = response.bodyFile;
    return { response, result, checks };
  }

  /** Shows an answer in its request's tab (History's Open Last Response gives the entry it answers). */
  async showResponse(method: string, answer: Answer, entryId?: string): Promise<void> {
    const tab = entryId ? this.tabs.get(entryId) : undefined;
    await this.documents.show({
      key: tab?.tabKey ?? defaultTabKey(method, answer),
      method,
      url: answer.url,
      rendered: withBodyFileNote(renderResponse(answer.response, { method, url: answer.url, sessionLabel: answer.sessionLabel, checks: answer.checks && assertionLines(answer.checks) }), answer.response),
      response: answer.response,
      entryId,
      rerun: tab?.rerun,
      preserveFocus: tab?.preserveFocus,
    });
  }
}
