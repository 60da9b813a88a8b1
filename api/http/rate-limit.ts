import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../domain/errors.js';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowMs?: number;
  /** Which bucket a request counts against; null skips counting. */
  key: (c: Context) => string | null;
  name: string;
  disabled?: boolean;
}

/**
 * Fixed-window counter per key, in this process's memory. Behind a load balancer each process
 * counts on its own (see README, "Scaling out"); put a shared limiter in front for hard limits.
 */
export function rateLimit({ limit, windowMs = 60_000, key, name, disabled = false }: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, { count: number; resetAt: number }>();
  let lastSweep = Date.now();
  return async (c, next) => {
    if (disabled) return next();
    const k = key(c);
    if (k === null) return next();
    const now = Date.now();
    if (now - lastSweep > windowMs) {
      for (const [bk, b] of buckets) if (b.resetAt <= now) buckets.delete(bk);
      lastSweep = now;
    }
    let bucket = buckets.get(k);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { count: 0, resetAt: now + windowMs };
      buckets.set(k, bucket);
    }
    bucket.count++;
    if (bucket.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((bucket.resetAt - now) / 1000));
      throw new AppError('rate_limited', `Too many requests (${name}); try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
    return next();
  };
}
