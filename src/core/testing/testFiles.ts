/**
 * What VS Code's Testing view lists of a `.sugar` file: one test per request, for files where at
 * least one request checks its answer (`?? …` lines). Pure: the VS Code side reads the files (with
 * the bounds below) and makes the TestItems.
 */
import { open } from 'node:fs/promises';
import { requestName } from '../checks/fileRunner';
import { substituteFileVariables } from '../explore/fileVariables';
import { parseRequestFile, type FileRequest } from '../explore/requestFile';

export const TEST_DISCOVERY_LIMITS = {
  /** Workspace `.sugar` files looked at in one discovery; a workspace with more gets the first ones and a log line. */
  maxFiles: 2000,
  /** A request file is written by hand: one larger than this is skipped, and never read past this size. */
  maxFileBytes: 1024 * 1024,
  /** Bytes looked at for a NUL (git's test for a binary file). */
  binarySniffBytes: 8000,
  /** A test's label: enough to tell requests apart in the tree. */
  maxLabelChars: 200,
};

/** One request of a file, as a test. */
export interface RequestTest {
  /** Position among the file's requests (what the runner's `only` and the outcomes count by). */
  index: number;
  /** The `###` title, else `METHOD path`. */
  label: string;
  /** 0-based line of the request line. */
  line: number;
  /** Distinguishes requests across edits: a renamed or moved request is a new test (its old result does not stick to another one). */
  id: string;
}

/** Why a file is not read: said once in the log, never as an error dialog. */
export type SkipReason = 'tooLarge' | 'binary';

/** The request's title, else its method and path; one line, bounded. */
export function requestLabel(request: FileRequest): string {
  const text = requestName(request).replace(/\s+/g, ' ').trim() || '(no request line)';
  return text.length > TEST_DISCOVERY_LIMITS.maxLabelChars ? `${text.slice(0, TEST_DISCOVERY_LIMITS.maxLabelChars - 1)}…` : text;
}

/**
 * The tests of a request file, or undefined when none of its requests has an assertion (such a
 * file is not a test file and stays out of the Testing view). Every request of a test file is a
 * test, those without assertions too: they run in order, and a later one may use their answers.
 */
export function requestTests(text: string): RequestTest[] | undefined {
  // Most `.sugar` files have no assertion at all: no parse for them.
  if (!text.includes('??')) return undefined;
  const requests = parseRequestFile(text);
  return requests.some((request) => request.assertions.length > 0) ? testsOf(requests) : undefined;
}

/** The tests of parsed requests, one each, in file order. */
export function testsOf(requests: FileRequest[]): RequestTest[] {
  return requests.map((request, index) => {
    const label = requestLabel(request);
    return { index, label, line: request.startLine, id: `${index}:${label}` };
  });
}

/** True when a `{{variable}}` of the request (path, header values, body) is one the file does not define: an answer above provides it. */
function needsAnswers(request: FileRequest, fileVariables: ReadonlyMap<string, string>): boolean {
  const texts = [request.path, ...Object.values(request.headers), request.body ?? ''];
  // A file variable's value may itself hold {{x}} of an answer: what is left after filling them in counts.
  return texts.some((text) => text.includes('{{') && substituteFileVariables(text, fileVariables).includes('{{'));
}

/**
 * Which requests of a file a run of some of them sends (the runner's `only`), in file order. A
 * chosen request that uses `{{variables}}` gets them from the answers above it, as when the file
 * runs from the top: the requests before it are sent first. One that uses none, or only the file's
 * own `@name = value` ones, is sent alone (no write above it is sent for nothing).
 */
export function requestsToRun(requests: FileRequest[], chosen: Iterable<number>, fileVariables: ReadonlyMap<string, string> = new Map()): number[] {
  const indexes = new Set<number>();
  let through = -1;
  for (const index of chosen) {
    if (index < 0 || index >= requests.length) continue;
    indexes.add(index);
    if (needsAnswers(requests[index], fileVariables)) through = Math.max(through, index);
  }
  for (let index = 0; index < through; index++) indexes.add(index);
  return [...indexes].sort((a, b) => a - b);
}

/** True when the first bytes hold a NUL: a binary file named `.sugar` is not parsed. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, TEST_DISCOVERY_LIMITS.binarySniffBytes);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * The text of a file read with at most `maxFileBytes + 1` bytes (so an over-long file is known
 * without reading it whole), or why it is skipped.
 */
export function decodeRequestFile(bytes: Uint8Array, limit = TEST_DISCOVERY_LIMITS.maxFileBytes): { text: string } | { skipped: SkipReason } {
  if (bytes.length > limit) return { skipped: 'tooLarge' };
  if (looksBinary(bytes)) return { skipped: 'binary' };
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}

/** A local file is read in pieces of this size: a small file costs a small buffer. */
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * A local file's text, reading at most `limit + 1` bytes through a file handle: a huge file is
 * known to be too large without being read whole (nor held in memory past the cap).
 */
export async function readRequestFile(path: string, limit = TEST_DISCOVERY_LIMITS.maxFileBytes): Promise<{ text: string } | { skipped: SkipReason }> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= limit) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return decodeRequestFile(Buffer.concat(chunks, total), limit);
  } finally {
    await handle.close();
  }
}

/** The log line for a skipped file. */
export function skipMessage(path: string, reason: SkipReason): string {
  return reason === 'tooLarge'
    ? `Testing: ${path} is larger than ${TEST_DISCOVERY_LIMITS.maxFileBytes / 1024 / 1024} MB and is not listed as tests (request files are written by hand; is it generated?).`
    : `Testing: ${path} holds binary data and is not listed as tests.`;
}
