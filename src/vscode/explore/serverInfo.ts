import * as vscode from 'vscode';
import type { SessionEngine } from '../../core/session/sessionEngine';

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
 * The server's flavor and version, asked once per session in the background after a login
 * (GET /metadata?type_filter=server_info), never delaying the login itself.
 */
export class ServerInfoCache implements vscode.Disposable {
  private readonly known = new Map<string, ServerInfo>();
  private readonly asked = new Set<string>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly engine: SessionEngine) {
    this.subscription = engine.onDidChange((state) => {
      if (state.accessExpiresAt === undefined) {
        this.asked.delete(state.connectionId);
        return;
      }
      if (!this.asked.has(state.connectionId) && !state.activity) {
        this.asked.add(state.connectionId);
        void this.fetch(state.connectionId);
      }
    });
  }

  get(connectionId: string): ServerInfo | undefined {
    return this.known.get(connectionId);
  }

  private async fetch(connectionId: string): Promise<void> {
    try {
      const response = await this.engine.request(connectionId, { method: 'GET', path: '/metadata', query: { type_filter: 'server_info' } });
      const info = (response.json as { server_info?: Record<string, unknown> } | undefined)?.server_info;
      if (response.error || !info) return;
      const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
      this.known.set(connectionId, { flavor: text(info.flavor), version: text(info.version), build: text(info.build), marketingVersion: text(info.marketing_version) });
      this.changed.fire(connectionId);
    } catch {
      this.asked.delete(connectionId);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
