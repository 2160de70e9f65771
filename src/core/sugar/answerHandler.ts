import type * as Undici from 'undici';
import { AnswerBody, AnswerLimits, AnswerSink } from './answerBody';

export interface RawAnswer extends AnswerBody {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

type ParseHeaders = (raw: Buffer[]) => Record<string, string | string[] | undefined>;

/**
 * One request's answer, taken straight from undici's dispatcher (the handler interface its own
 * `request()` is built on, without the Readable stream and the AbortSignal that it adds per
 * request). `stop` ends the request at any point: the deadline's timer, the caller's signal and
 * the size limits all use it.
 */
export class AnswerHandler implements Undici.Dispatcher.DispatchHandler {
  private abortRequest: ((error: Error) => void) | undefined;
  private reason: Error | undefined;
  private sink: AnswerSink | undefined;
  private status = 0;
  private headers: Record<string, string | string[] | undefined> = {};
  /** True once the status and headers have come. */
  answering = false;
  /** A download's progress: bytes so far and the declared length. */
  onProgress: ((receivedBytes: number, totalBytes: number | undefined) => void) | undefined;
  private received = 0;
  private declared: number | undefined;

  constructor(
    /** A HEAD answer declares the length of a body it does not send. */
    private readonly head: boolean,
    private readonly limits: AnswerLimits,
    private readonly parseHeaders: ParseHeaders,
    private readonly resolve: (answer: RawAnswer) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  /** Ends the request with `reason` as its error; later calls change nothing. */
  stop(reason: Error): void {
    if (this.reason) return;
    this.reason = reason;
    // Not from inside one of undici's callbacks: the parser may be in the middle of a chunk.
    if (this.abortRequest) queueMicrotask(() => this.abortRequest!(reason));
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.reason) abort(this.reason);
    else this.abortRequest = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (status < 200) return true;
    this.status = status;
    this.headers = this.parseHeaders(rawHeaders);
    this.answering = true;
    const contentType = this.headers['content-type'];
    this.sink = new AnswerSink(this.limits, typeof contentType === 'string' ? contentType : '', (error) => this.stop(error), resume);
    const length = this.headers['content-length'];
    if (typeof length === 'string' && !this.head && status !== 204 && status !== 304) {
      this.declared = Number(length);
      this.sink.declare(this.declared);
    }
    return !this.reason;
  }

  onData(chunk: Buffer): boolean {
    if (this.onProgress) {
      this.received += chunk.length;
      try {
        this.onProgress(this.received, this.declared);
      } catch {
        // Progress is only shown: a failing display must not end the download.
      }
    }
    return this.sink ? this.sink.push(chunk) : false;
  }

  onComplete(): void {
    const { sink, status, headers } = this;
    if (!sink) return this.reject(new Error('the answer ended before its status line'));
    const read = sink.finish();
    if (!(read instanceof Promise)) return this.resolve({ status, headers, body: read.body, sizeBytes: read.sizeBytes });
    read.then(({ body, sizeBytes, file }) => this.resolve({ status, headers, body, sizeBytes, file }), (error: unknown) => this.fail(error));
  }

  onError(error: Error): void {
    this.fail(this.reason ?? error);
  }

  private fail(error: unknown): void {
    if (!this.sink) return this.reject(error);
    void this.sink.discard().then(() => this.reject(error));
  }
}
