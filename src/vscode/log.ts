import vscode = require('vscode');
import type { Logger } from '../core/ports';
import { SecretRedactor, type SecretRedactorOptions } from '../core/sugar/redact';

/**
 * The "Sugar" LogOutputChannel. The core never logs a secret; this masks every token, password
 * and client secret it knows of (now or in the last hour, in every encoding) and every value in a
 * credential position anyway, because a log is the place secrets leak from (see SecretRedactor).
 */
export class RedactingLog implements Logger, vscode.Disposable {
  private created: vscode.LogOutputChannel | undefined;

  private readonly redactor: SecretRedactor;

  /** Each group is handed out again unchanged until its secrets change (see SecretRedactor). */
  constructor(knownSecrets: () => Iterable<readonly string[]>, options: SecretRedactorOptions = {}) {
    this.redactor = new SecretRedactor(knownSecrets, options);
  }

  /** Created on the first line or Show Log, not at activation: most starts log nothing. */
  get channel(): vscode.LogOutputChannel {
    this.created ??= vscode.window.createOutputChannel('Sugar', { log: true });
    return this.created;
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.created?.dispose();
  }

  private clean(message: string): string {
    return this.redactor.redact(message);
  }
}
