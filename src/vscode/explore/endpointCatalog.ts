import vscode = require('vscode');
import type { Endpoint } from '../../core/explore/helpPage';
import { lazy } from '../../lazyLoader';
import { SugarError } from '../../core/sugar/errors';
import type { SessionEngine } from '../../core/session/sessionEngine';
import type { SugarApi } from '../../core/sugar/client';
import { Disposable } from '../lifecycle';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../../core/sugar/requestBounds';

const CACHE_PREFIX = 'sugar.endpoints.';

/**
 * The endpoints an instance offers, read from its GET /help page (no token needed) and kept per
 * instance and API version, in memory and in globalState: the list is public and costs a page load.
 */
export class EndpointCatalog extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires with the connection id whose list was (re)loaded. */
  readonly onDidChange = this.changed.event;
  private readonly memory = new Map<string, Endpoint[]>();
  private readonly loading = new Map<string, Promise<Endpoint[]>>();

  constructor(
    private readonly engine: SessionEngine,
    private readonly client: SugarApi,
    private readonly state: vscode.Memento,
  ) {
    super();
  }

  async list(connectionId: string, options: { reload?: boolean; signal?: AbortSignal } = {}): Promise<Endpoint[]> {
    const target = await this.engine.targetFor(connectionId, options.signal);
    const key = `${target.instanceUrl}|${target.apiVersion}`;
    if (!options.reload) {
      const known = this.memory.get(key) ?? this.state.get<Endpoint[]>(CACHE_PREFIX + key);
      if (known) {
        this.memory.set(key, known);
        return known;
      }
    }
    let running = this.loading.get(key);
    if (!running) {
      running = this.fetch(connectionId, key, options.signal).finally(() => this.loading.delete(key));
      this.loading.set(key, running);
    }
    const endpoints = await running;
    if (options.reload) this.changed.fire(connectionId);
    return endpoints;
  }

  private async fetch(connectionId: string, key: string, signal?: AbortSignal): Promise<Endpoint[]> {
    const target = await this.engine.targetFor(connectionId, signal);
    const response = await this.client.request(target, undefined, { method: 'GET', path: '/help', wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES }, signal);
    if (response.error) throw response.error;
    // The /help parser is the one heavy parser (an HTML tokenizer): it stays behind the lazy seam,
    // which the request above has loaded already.
    const { endpoints, note } = lazy().readHelpPage(response.text);
    // A page over the size limit was read in part: say so rather than show a list that looks whole.
    if (note) void vscode.window.showWarningMessage(note);
    if (endpoints.length === 0) {
      throw new SugarError({
        kind: 'http',
        remedy: 'openLog',
        explanation: `The instance's /help page listed no endpoints (HTTP ${response.status}, ${response.sizeBytes} bytes); it may be disabled or replaced by a proxy page.`,
      });
    }
    this.memory.set(key, endpoints);
    await this.state.update(CACHE_PREFIX + key, endpoints);
    return endpoints;
  }
}
