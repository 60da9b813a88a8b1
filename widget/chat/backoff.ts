/** Retry delay: exponential from 1 s, capped at 30 s, with jitter so tabs and visitors spread out. */
export function backoff(attempt: number, retryAfterSeconds: number | null): number {
  if (retryAfterSeconds) return retryAfterSeconds * 1000;
  return Math.min(30_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
}
