// Short passwords (the demo's admin/admin) in the leak search. A secret of 8 characters or more
// must appear nowhere at rest, as any text (helpers.allSecrets). A short password made of an
// ordinary word cannot be searched so: it is part of ordinary words ("administrator"), and when it
// is also a name the user sees (admin/admin) it is in every line that names the user. What the log
// promises for it (src/core/sugar/secretSet.ts, maskCredentialPositions in redact.ts) is what is
// searched: never in a credential position (password=, "password":"…", Basic user:password),
// and never as a whole word unless it is a word of a name the user sees.

export interface ShortPassword {
  username: string;
  password: string;
  /** The connection and user names shown for it; a password that is a word of one is not searched as a free word. */
  shownNames: string[];
}

const used: ShortPassword[] = [];

/** A short password a test logged in with: the leak search (99-leaks) checks the forms above. */
export function rememberShortPassword(entry: ShortPassword): void {
  used.push(entry);
}

export function shortPasswordsUsed(): readonly ShortPassword[] {
  return used;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Where the password would be a leak, as expressions over a log file's text. */
export function leakPatterns({ username, password, shownNames }: ShortPassword): RegExp[] {
  const json = escapeRegExp(JSON.stringify(password).slice(1, -1));
  const url = escapeRegExp(encodeURIComponent(password));
  const end = '(?![\\p{L}\\p{N}_])';
  const patterns = [
    new RegExp(`password=(?:${url}|${escapeRegExp(password)})${end}`, 'iu'),
    new RegExp(`password\\\\?"\\s*:\\s*\\\\?"${json}\\\\?"`, 'iu'),
    new RegExp(escapeRegExp(Buffer.from(`${username}:${password}`).toString('base64').replace(/=+$/, '')), 'u'),
  ];
  const shownWords = new Set(shownNames.flatMap((name) => name.toLowerCase().split(/[^\p{L}\p{N}_]+/u)));
  if (!shownWords.has(password.toLowerCase())) patterns.push(new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(password)}${end}`, 'iu'));
  return patterns;
}
