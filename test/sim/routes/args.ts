/** Reading request arguments the lenient way PHP does: absent, null and "" all mean "not given". */

export function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  return s === undefined || s === '' ? undefined : s;
}

export function intArg(value: unknown, fallback: number): number {
  const s = str(value);
  if (s === undefined || !/^-?\d+$/.test(s)) return fallback;
  return Number(s);
}
