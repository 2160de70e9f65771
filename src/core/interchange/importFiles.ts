/**
 * The files of an import on disk: the input read with its size bounded (even if it grows while
 * being read), and each output file created exclusively, so that an existing file (or one made by
 * someone else in the meantime) is never overwritten: `Accounts.sugar` taken → `Accounts 2.sugar`.
 */

import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { importSizeProblem } from './importLimits';
import { numberedName } from './importNames';

/** A file that cannot be imported (too large); the message is for the user. */
export class ImportFileError extends Error {}

/** The file's text (UTF-8), or ImportFileError when it is larger than an import reads. */
export async function readImportFile(path: string, what: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const problem = importSizeProblem(size, what);
    if (problem) throw new ImportFileError(problem);
    // One byte more than the file has: a file that grows while it is read fills it, and is refused.
    const buffer = Buffer.alloc(size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > size) throw new ImportFileError(`The ${what} changed while it was read; try again.`);
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/** Numbered names tried before giving up (a folder with a thousand "Accounts n.sugar" is not a normal one). */
const MAX_ATTEMPTS = 1000;

/** Creates `<folder>/<base><extension>` (or `<base> 2<extension>`…) and answers its path; never replaces a file. */
export async function writeNewFile(folder: string, base: string, extension: string, text: string): Promise<string> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const path = join(folder, `${numberedName(base, attempt)}${extension}`);
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new ImportFileError(`${join(folder, base)}${extension} and ${MAX_ATTEMPTS - 1} numbered names after it exist already.`);
}
