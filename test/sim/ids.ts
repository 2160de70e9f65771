/** Sugar ids are GUID-shaped strings; the seeded data needs them stable across runs. */
import { createHash, randomUUID } from 'node:crypto';

export function stableGuid(seed: string): string {
  const h = createHash('md5').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Tokens and new record ids: unpredictable, distinct per issue, GUID-shaped like Sugar's create_guid(). */
export function newGuid(): string {
  return randomUUID();
}
