/**
 * The spellings under which a known secret can reach a log line, lower-cased (the log matches
 * case-insensitively, so an upper-cased token is caught too).
 */
export interface SecretForm {
  text: string;
  /**
   * `anywhere`: masked wherever it occurs. `word`: only as a whole token, so that a short password
   * ("admin") does not eat ordinary words ("administrator"). `base64`: a run of base64 that holds
   * the secret; the whole run is masked (its other characters encode neighbouring bytes).
   */
  kind: 'anywhere' | 'word' | 'base64';
}

/** From this length a secret is masked anywhere and in every encoding; shorter ones as whole tokens only. */
export const LONG_SECRET = 8;
/** Shorter values are masked only in credential positions (`password=…`): as free words they would mangle every line. */
export const SHORT_SECRET = 4;

export function formsOf(secret: string): SecretForm[] {
  if (secret.length < SHORT_SECRET) return [];
  const texts = new Set<string>([secret, ...encodings(secret)].map((text) => text.toLowerCase()));
  if (secret.length < LONG_SECRET) return [...texts].map((text) => ({ text, kind: 'word' }));
  const forms: SecretForm[] = [...texts].map((text) => ({ text, kind: 'anywhere' }));
  for (const core of new Set(base64Cores(secret).map((text) => text.toLowerCase()))) forms.push({ text: core, kind: 'base64' });
  return forms;
}

/** URL (both component and form encoding), JSON string (also with `\/`, and JSON within JSON). */
function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    json,
    json.replace(/\//g, '\\/'),
    JSON.stringify(json).slice(1, -1),
  ];
}

/**
 * Base64 of the secret inside a longer value (Basic auth's `client_id:secret`, `user:password`):
 * whatever precedes it, the secret starts at one of three byte offsets within a 3-byte group, and
 * for each the groups made of secret bytes only encode to a fixed text. Standard and URL alphabets.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (const skip of [0, 1, 2]) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    if (whole < 6) continue;
    const core = bytes.subarray(skip, skip + whole).toString('base64');
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}
