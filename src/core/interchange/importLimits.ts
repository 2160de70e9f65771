/**
 * Bounds on what an import reads: a collection, an environment or a pasted command comes from
 * outside (a download, a colleague, a web page) and may be hostile. Fixed, not settings: Sugar's
 * own collection is about 200 KB with some 300 requests, far below every one of them.
 */

/** The largest file read (20 MB); larger is refused before it is read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Requests imported from one collection; the rest are left out, and the first file says so. */
export const MAX_IMPORT_REQUESTS = 5000;
/** Folder nesting followed; deeper folders are left out (and named in a comment). */
export const MAX_FOLDER_DEPTH = 16;
/** Files written by one import (one per top-level folder). */
export const MAX_IMPORT_FILES = 200;
/** Lines of one description kept as comments. */
export const MAX_DESCRIPTION_LINES = 40;
/** A pasted curl command longer than this (1 MB) is not parsed. */
export const MAX_CURL_CHARS = 1024 * 1024;
/** Longest file name made from a collection or folder name, without the extension. */
export const MAX_FILE_NAME_CHARS = 80;

/** Why a file cannot be imported because of its size; undefined when it can. */
export function importSizeProblem(bytes: number, what: string): string | undefined {
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  return `The ${what} is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB an import reads.`;
}
