/**
 * File names made from collection and folder names, which anyone can choose: no path separators,
 * no `..`, no names Windows reserves, no control characters, a bounded length. What is left is
 * only ever joined to the folder the user chose, never resolved as a path.
 */

import { MAX_FILE_NAME_CHARS } from './importLimits';

// Windows' reserved device names, with or without an extension (CON.txt is CON).
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;
// Characters Windows refuses in file names, controls, and the direction marks that disguise a name.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g;

/** A safe base name (no extension) for `name`; `fallback` when nothing usable is left. */
export function safeFileName(name: string, fallback = 'Requests'): string {
  let safe = name.replace(UNSAFE, ' ').replace(/\.{2,}/g, '.').replace(/\s+/g, ' ').trim();
  // Code points, not UTF-16 units: a cut never splits a surrogate pair.
  const points = [...safe];
  if (points.length > MAX_FILE_NAME_CHARS) safe = points.slice(0, MAX_FILE_NAME_CHARS).join('').trim();
  // Windows drops trailing dots and spaces; a leading dot would hide the file.
  safe = safe.replace(/^[.\s]+|[.\s]+$/g, '');
  if (safe === '') return fallback;
  return RESERVED.test(safe) ? `${safe}_` : safe;
}

/** `base`, then `base 2`, `base 3`… : the n-th candidate name for a file that must not overwrite another. */
export function numberedName(base: string, attempt: number): string {
  return attempt <= 1 ? base : `${base} ${attempt}`;
}
