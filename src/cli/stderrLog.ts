import type { Logger } from '../core/ports';
import { SecretRedactor, type SecretRedactorOptions } from '../core/sugar/redact';
import { terminalLine } from './safeText';

/** A log line longer than this is cut (a server's message quoted whole is not worth a screen). */
const MAX_LINE_CHARS = 4000;

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(text: string | undefined): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text ?? '');
}

/**
 * The runner's log, on stderr (stdout holds the results, or the MCP protocol). Every line and
 * every text the runner prints goes through the same redaction as the extension's log: the
 * tokens, password and client secret it knows of, and any value in a credential position.
 */
export class StderrLog implements Logger {
  private readonly redactor: SecretRedactor;
  private readonly rank: number;
  private readonly write: (line: string) => void;

  constructor(
    knownSecrets: () => Iterable<readonly string[]>,
    options: SecretRedactorOptions & { level?: LogLevel; write?: (line: string) => void } = {},
  ) {
    this.redactor = new SecretRedactor(knownSecrets, options);
    this.rank = LOG_LEVELS.indexOf(options.level ?? 'info');
    this.write = options.write ?? ((line) => void process.stderr.write(line));
  }

  /** Masks every known secret in a text the runner is about to print or write to a file. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  error(message: string): void {
    this.line('error', message);
  }
  warn(message: string): void {
    this.line('warn', message);
  }
  info(message: string): void {
    this.line('info', message);
  }
  debug(message: string): void {
    this.line('debug', message);
  }
  trace(message: string): void {
    this.line('trace', message);
  }

  private line(level: LogLevel, message: string): void {
    if (LOG_LEVELS.indexOf(level) > this.rank) return;
    // One line each, redacted first, then with terminal controls shown instead of acted on: lines
    // carry servers' messages, which could otherwise recolour, retitle or clear a CI log.
    this.write(`[${level}] ${terminalLine(this.redact(message), MAX_LINE_CHARS)}\n`);
  }
}
