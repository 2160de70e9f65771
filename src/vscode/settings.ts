import vscode = require('vscode');
import type { NetworkDefaults } from '../core/profiles/profileConnections';

/** What users tune, read fresh each time: settings can change while VS Code runs. */
export class Settings {
  private cached: vscode.WorkspaceConfiguration | undefined;

  /** Read once and kept until a change: state derivation asks on every tree row. */
  private get config(): vscode.WorkspaceConfiguration {
    this.cached ??= vscode.workspace.getConfiguration('sugar');
    return this.cached;
  }

  get defaultPlatform(): string {
    return this.config.get<string>('defaultPlatform', 'custom_api') || 'custom_api';
  }

  get keepSessionAlive(): boolean {
    return this.config.get<boolean>('keepSessionAlive', true);
  }

  get expiringSoonMs(): number {
    return Math.max(1, this.config.get<number>('expiryWarningMinutes', 5)) * 60_000;
  }

  get network(): NetworkDefaults {
    return {
      connectTimeoutMs: Math.max(1, this.config.get<number>('connectTimeoutSeconds', 10)) * 1000,
      totalTimeoutMs: Math.max(1, this.config.get<number>('requestTimeoutSeconds', 60)) * 1000,
    };
  }

  /** Larger answers go to a temporary file and only their first part is shown. */
  get responseSizeLimitBytes(): number {
    const megabytes = this.config.get<number>('responseSizeLimitMB', 20);
    return Math.min(512, Math.max(1, Number.isFinite(megabytes) ? megabytes : 20)) * 1024 * 1024;
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('sugar')) return;
      this.cached = undefined;
      listener();
    });
  }
}
