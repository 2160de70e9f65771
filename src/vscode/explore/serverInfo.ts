import vscode = require('vscode');
import type { SessionEngine } from '../../core/session/sessionEngine';
import { hasTokens } from '../../core/session/sessionState';
import { Disposable } from '../lifecycle';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../../core/sugar/requestBounds';

export interface ServerInfo {
  flavor?: string;
  version?: string;
  build?: string;
  marketingVersion?: string;
}

export function describeServer(info: ServerInfo): string {
  const parts = [info.flavor, info.version].filter(Boolean).join(' ');
  return info.marketingVersion ? `${parts} (${info.marketingVersion})` : parts || 'unknown';
}

/**
 * The server's flavor and version, asked once per session in the background
 * (GET /metadata?type_filter=server_info): after a login, or when a stored session's connection is
 * opened in the tree, never for every stored session at start-up, and never delaying a login.
 */
export class ServerInfoCache extends Disposable {
  private readonly known = new Map<string, ServerInfo>();
  private readonly asked = new Set<string>();
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly engine: SessionEngine) {
    super();
    // A logged-out session's server may be another by the next login: ask again then.
    this._register(
      engine.onDidChange((state) => {
        if (!hasTokens(state)) this.asked.delete(state.connectionId);
      }),
    );
  }

  /** Asks once per session, in the background. */
  request(connectionId: string): void {
    if (this.asked.has(connectionId)) return;
    this.asked.add(connectionId);
    void this.fetch(connectionId);
  }

  get(connectionId: string): ServerInfo | undefined {
    return this.known.get(connectionId);
  }

  private async fetch(connectionId: string): Promise<void> {
    try {
      const response = await this.engine.request(connectionId, { method: 'GET', path: '/metadata', query: { type_filter: 'server_info' }, wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES });
      const info = (response.json as { server_info?: Record<string, unknown> } | undefined)?.server_info;
      if (response.error || !info) return;
      const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
      this.known.set(connectionId, { flavor: text(info.flavor), version: text(info.version), build: text(info.build), marketingVersion: text(info.marketing_version) });
      this.changed.fire(connectionId);
    } catch {
      this.asked.delete(connectionId);
    }
  }
}
