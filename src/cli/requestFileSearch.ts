/**
 * The `.sugar` files the runner is given: files as named, folders searched recursively. Bounded,
 * because a CI job pointed at the wrong folder (a home directory, a monorepo's root) must fail
 * in a moment with a sentence, not walk a million entries.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { CliUsageError } from './cliEnvironment';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const MAX_REQUEST_FILES = 1000;
/** Directory entries looked at across the whole search. */
export const MAX_ENTRIES_SEEN = 200_000;
export const MAX_FOLDER_DEPTH = 32;
/** Never searched: dependencies and version control hold no request files of the project's. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);


export interface RequestFileRef {
  /** Absolute, for reading. */
  path: string;
  /** As shown and written to the JUnit file: relative to the working folder, with `/`. */
  display: string;
}

/** Every file to run, in the order given (a folder's files sorted by path), each once. */
export async function findRequestFiles(paths: readonly string[], cwd: string): Promise<RequestFileRef[]> {
  const found = new Map<string, RequestFileRef>();
  const budget = { entries: 0 };
  const add = (path: string): void => {
    if (found.has(path)) return;
    if (found.size >= MAX_REQUEST_FILES) {
      throw new CliUsageError(`More than ${MAX_REQUEST_FILES} request files: name fewer files or folders.`);
    }
    found.set(path, { path, display: displayPath(path, cwd) });
  };
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliUsageError(`${given}: ${error.code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${error.code ?? 'error'})`}.`);
    });
    if (info.isDirectory()) {
      const before = found.size;
      const root = await realpath(path);
      for (const file of await searchFolder(path, 0, budget, root)) add(file);
      if (found.size === before) throw new CliUsageError(`${given}: no .sugar files in this folder.`);
    } else {
      // A file named on the command line runs whatever its extension: the caller chose it.
      add(path);
    }
  }
  return [...found.values()];
}

async function searchFolder(folder: string, depth: number, budget: { entries: number }, root: string): Promise<string[]> {
  if (depth > MAX_FOLDER_DEPTH) return [];
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  budget.entries += entries.length;
  if (budget.entries > MAX_ENTRIES_SEEN) {
    throw new CliUsageError(`More than ${MAX_ENTRIES_SEEN} files and folders under the folders given: name the folder that holds the request files.`);
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(folder, entry.name);
    // Linked folders are not followed (a link to a parent would loop); linked files are read only
    // when they point inside the folder searched: a checkout's `x.sugar -> /proc/self/environ` (or
    // `~/.ssh/id_rsa`) would otherwise be read, and its first words shown in a problem on the CI log.
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) files.push(...(await searchFolder(path, depth + 1, budget, root)));
    else if (entry.isFile() && entry.name.endsWith('.sugar')) files.push(path);
    else if (entry.isSymbolicLink() && entry.name.endsWith('.sugar') && (await isFileInside(path, root))) files.push(path);
    if (files.length > MAX_REQUEST_FILES) break;
  }
  return files;
}

/** A link whose target is a regular file under `root` (both real paths). */
async function isFileInside(link: string, root: string): Promise<boolean> {
  try {
    const target = await realpath(link);
    const inside = relative(root, target);
    return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside) && (await stat(target)).isFile();
  } catch {
    return false;
  }
}

function displayPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  // Another drive (Windows) has no relative path.
  const shown = inside === '' || isAbsolute(inside) ? path : inside;
  return shown.split(sep).join('/');
}
