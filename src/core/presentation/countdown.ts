/** Minutes while more than two are left, then seconds: the text users watch in the status bar. */
export const SECONDS_BELOW_MS = 2 * 60_000;

export function formatRemaining(expiresAt: number, now: number): string {
  const remaining = expiresAt - now;
  if (remaining <= 0) return 'expired';
  if (!Number.isFinite(remaining)) return 'never';
  if (remaining <= SECONDS_BELOW_MS) return `${Math.ceil(remaining / 1000)} s`;
  const minutes = Math.ceil(remaining / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/**
 * When the text of `formatRemaining` next changes; undefined once expired. Thresholds that are
 * whole minutes (the expiry warning) fall on these same instants, so one timer serves them too.
 */
export function nextCountdownChange(expiresAt: number, now: number): number | undefined {
  const remaining = expiresAt - now;
  if (remaining <= 0) return undefined;
  if (remaining <= SECONDS_BELOW_MS) return now + (remaining % 1000 || 1000);
  if (remaining <= 120 * 60_000) return now + (remaining % 60_000 || 60_000);
  return now + (remaining % 3_600_000 || 3_600_000);
}
