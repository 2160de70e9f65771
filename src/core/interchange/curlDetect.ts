/**
 * Whether a text is a curl command: asked of every paste into a .sugar editor, so it is cheap
 * (the first 64 characters, one anchored regex) and small (it is in the activation bundle).
 */
export function looksLikeCurl(text: string): boolean {
  return /^\s*(?:\$\s+)?curl(?:\.exe)?\s/i.test(text.slice(0, 64));
}
