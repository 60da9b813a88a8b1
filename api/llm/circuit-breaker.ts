/**
 * A circuit breaker around the LLM: after `failures` consecutive failed calls it opens and every
 * call fails at once (the caller takes the deterministic path without waiting for a timeout);
 * after `cooldownMs` one trial call is let through (half-open): success closes it, failure opens
 * it again for another cooldown.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failures?: number;
  cooldownMs?: number;
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

export class CircuitOpenError extends Error {
  constructor() {
    super('The LLM circuit is open: recent calls failed.');
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreaker {
  readonly state: BreakerState;
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.failures ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let state: BreakerState = 'closed';
  let consecutive = 0;
  let openedAt = 0;
  let trialInFlight = false;

  const set = (next: BreakerState) => {
    if (next !== state) {
      state = next;
      options.onStateChange?.(next);
    }
  };

  return {
    get state() {
      if (state === 'open' && now() - openedAt >= cooldownMs) return 'half-open';
      return state;
    },
    async run(fn) {
      if (state === 'open') {
        if (now() - openedAt < cooldownMs) throw new CircuitOpenError();
        set('half-open');
      }
      const trial = state === 'half-open';
      if (trial) {
        if (trialInFlight) throw new CircuitOpenError();
        trialInFlight = true;
      }
      try {
        const result = await fn();
        consecutive = 0;
        set('closed');
        return result;
      } catch (e) {
        consecutive++;
        if (trial || consecutive >= threshold) {
          openedAt = now();
          set('open');
        }
        throw e;
      } finally {
        if (trial) trialInFlight = false;
      }
    },
  };
}
