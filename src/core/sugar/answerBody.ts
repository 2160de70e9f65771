import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MB = 1024 * 1024;

/** How much of one answer may be held, and where the rest goes. */
export interface AnswerLimits {
  /** Answers up to this size are kept in memory whole. */
  memoryBytes: number;
  /**
   * Larger answers are streamed to a new file in this folder and only their first part is kept;
   * without a folder a larger answer is an error (the caller needs it whole: a token answer, /help).
   */
  fileDirectory?: string;
  /** Beyond this many bytes the request is stopped, file or not: memory and disk stay bounded. */
  hardCapBytes: number;
}

export const DEFAULT_ANSWER_LIMITS: AnswerLimits = { memoryBytes: 20 * MB, fileDirectory: tmpdir(), hardCapBytes: 1024 * MB };

/**
 * The default limits with the user's size limit, read on every request: the same object while the
 * size is unchanged, so the request path allocates nothing for it.
 */
export function answerLimitsWith(sizeLimitBytes: () => number): () => AnswerLimits {
  let limits = DEFAULT_ANSWER_LIMITS;
  return () => {
    const bytes = sizeLimitBytes();
    if (bytes !== limits.memoryBytes) limits = { ...DEFAULT_ANSWER_LIMITS, memoryBytes: Math.min(bytes, DEFAULT_ANSWER_LIMITS.hardCapBytes) };
    return limits;
  };
}

/** How much of an answer that went to a file is kept in memory to be shown. */
export const PREVIEW_BYTES = 1 * MB;

export interface AnswerBody {
  /** The whole body; for an answer that went to a file, its first part. */
  body: Buffer;
  sizeBytes: number;
  /** The file that holds the whole body, when it was larger than the memory limit. */
  file?: string;
}

/** An answer larger than it may be; explainTransport.ts turns it into the user's sentence. */
export class AnswerTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    /** True for the hard cap (the request was stopped), false for an answer that had to be whole. */
    readonly hardCap: boolean,
  ) {
    super(`answer larger than ${limitBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}

/** The answer could not be written to its file (a full disk, a folder that cannot be written). */
export class AnswerFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: unknown,
  ) {
    super(`could not write ${file}: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'AnswerFileError';
  }
}

const EXTENSIONS: Array<[RegExp, string]> = [
  [/[/+]json\b/i, 'json'],
  [/html/i, 'html'],
  [/[/+]xml\b/i, 'xml'],
  [/^text\//i, 'txt'],
];

function fileName(directory: string, contentType: string): string {
  const extension = EXTENSIONS.find(([pattern]) => pattern.test(contentType))?.[1] ?? 'bin';
  const unique = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  return join(directory, `sugar-response-${unique}.${extension}`);
}

/** Cuts before a last UTF-8 sequence that the cut split, so the first part decodes cleanly. */
function onCharacterBoundary(head: Buffer): Buffer {
  for (let start = head.length - 1; start >= 0 && start >= head.length - 4; start--) {
    const byte = head[start];
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return head.length - start >= needed ? head : head.subarray(0, start);
  }
  return head;
}

/**
 * Takes an answer body chunk by chunk within its limits: in memory up to `memoryBytes`, then (with
 * a folder) into a new file while only the first part stays in memory, and never beyond
 * `hardCapBytes`. `push` answers false while the file catches up (the socket is paused until
 * `resume`), so memory stays bounded whatever the server sends. Fed by the HTTP layer's handler.
 */
export class AnswerSink {
  private chunks: Buffer[] = [];
  private size = 0;
  private file: WriteStream | undefined;
  private path = '';
  /** A copy of the first part: views into the socket's reads would keep those whole reads alive. */
  private head: Buffer | undefined;
  private headSize = 0;
  private failed = false;
  private failure: Error | undefined;

  constructor(
    private readonly limits: AnswerLimits,
    private readonly contentType: string,
    /** Stops the request: the HTTP layer then reports the error. */
    private readonly stop: (error: Error) => void,
    /** Lets the paused socket flow again. */
    private readonly resume: () => void,
  ) {}

  /** Refuses a declared length over the limits at once, before a byte of the body. */
  declare(contentLength: number): void {
    if (contentLength > this.limits.hardCapBytes) return this.fail(new AnswerTooLargeError(this.limits.hardCapBytes, true));
    if (contentLength <= this.limits.memoryBytes) return;
    if (!this.limits.fileDirectory) return this.fail(new AnswerTooLargeError(this.limits.memoryBytes, false));
    this.toFile(this.limits.fileDirectory);
  }

  /** False: pause the socket until `resume` is called. */
  push(chunk: Buffer): boolean {
    if (this.failed) return false;
    this.size += chunk.length;
    if (this.size > this.limits.hardCapBytes) {
      this.fail(new AnswerTooLargeError(this.limits.hardCapBytes, true));
      return false;
    }
    if (this.file) {
      this.keepHead(chunk);
      return this.file.write(chunk);
    }
    this.chunks.push(chunk);
    if (this.size <= this.limits.memoryBytes) return true;
    if (!this.limits.fileDirectory) {
      this.fail(new AnswerTooLargeError(this.limits.memoryBytes, false));
      return false;
    }
    this.toFile(this.limits.fileDirectory);
    return !this.file!.writableNeedDrain;
  }

  /** The whole answer has come. */
  finish(): Promise<AnswerBody> | AnswerBody {
    const { file, size } = this;
    if (this.failure) return Promise.reject(this.failure);
    if (!file) return { body: this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, size), sizeBytes: size };
    return new Promise((resolve, reject) => {
      file.once('error', reject);
      file.end(() => resolve({ body: onCharacterBoundary(this.head ? this.head.subarray(0, this.headSize) : Buffer.alloc(0)), sizeBytes: size, file: this.path }));
    });
  }

  /** The request failed: the partial file is of no use and nothing else knows its name. */
  discard(): Promise<void> {
    this.failed = true;
    this.chunks = [];
    this.head = undefined;
    const { file, path } = this;
    if (!file) return Promise.resolve();
    this.file = undefined;
    // Removed once closed (an open still under way would create it again).
    return new Promise<void>((resolve) => {
      const remove = (): void => void fsp.rm(path, { force: true }).catch(() => undefined).finally(resolve);
      if (file.closed) return remove();
      file.once('close', remove);
      file.destroy();
    });
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.failure = error;
    this.stop(error);
  }

  private keepHead(chunk: Buffer): void {
    if (this.headSize >= PREVIEW_BYTES) return;
    this.head ??= Buffer.allocUnsafe(PREVIEW_BYTES);
    this.headSize += chunk.copy(this.head, this.headSize, 0, Math.min(chunk.length, PREVIEW_BYTES - this.headSize));
  }

  private toFile(directory: string): void {
    const path = fileName(directory, this.contentType);
    const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    this.path = path;
    this.file = file;
    file.on('error', (error) => this.fail(new AnswerFileError(path, error)));
    file.on('drain', this.resume);
    for (const chunk of this.chunks) {
      this.keepHead(chunk);
      file.write(chunk);
    }
    this.chunks = [];
  }
}
