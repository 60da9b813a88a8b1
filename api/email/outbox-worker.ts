import type { Logger } from '../log.js';
import type { Email, Mailer } from './mailer.js';

export interface ClaimedEmail extends Email {
  id: string;
  attempts: number;
}

/** Storage the worker needs (db/repositories/outbox.ts). */
export interface OutboxStore {
  /** Atomically claims due rows (FOR UPDATE SKIP LOCKED): no two processes get the same one. */
  claim(limit: number, leaseMs: number): Promise<ClaimedEmail[]>;
  markSent(id: string): Promise<void>;
  /** Schedules a retry, or gives up ('failed') after the last attempt. */
  markFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  mailer: Mailer;
  log: Logger;
  /** How often to look for due emails when nothing wakes the worker. */
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs?: number;
  maxAttempts?: number;
  /** Wake-up on NOTIFY (an email was just queued). */
  listen?: (onWake: () => void) => Promise<() => Promise<void>>;
  random?: () => number;
}

/** Exponential backoff with jitter (half to full delay), capped. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (0.5 + random() * 0.5));
}

/**
 * Sends what the outbox holds. An SMTP outage leaves rows pending with a growing delay; when the
 * server is back they go out once. A row is marked sent right after the server accepted it.
 */
export async function startOutboxWorker(o: OutboxWorkerOptions): Promise<{ stop(): Promise<void>; kick(): void }> {
  const maxAttempts = o.maxAttempts ?? 12;
  const retryMaxMs = o.retryMaxMs ?? 3_600_000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const drain = async () => {
    do {
      again = false;
      let batch: ClaimedEmail[] = [];
      try {
        batch = await o.store.claim(10, 60_000);
      } catch (e) {
        o.log.warn('outbox: claim failed', { error: (e as Error).message });
        return;
      }
      for (const email of batch) {
        if (stopped) return;
        try {
          await o.mailer.send(email);
          await o.store.markSent(email.id);
          o.log.info('outbox: email sent', { id: email.id, attempts: email.attempts });
        } catch (e) {
          const last = email.attempts >= maxAttempts;
          const retryAt = last ? null : new Date(Date.now() + retryDelay(email.attempts, o.retryBaseMs, retryMaxMs, o.random));
          o.log.warn('outbox: send failed', { id: email.id, attempts: email.attempts, retryAt: retryAt?.toISOString() ?? null, error: (e as Error).message });
          await o.store.markFailed(email.id, (e as Error).message.slice(0, 500), retryAt).catch(() => undefined);
        }
      }
      if (batch.length === 10) again = true;
    } while (again && !stopped);
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = null;
    });
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      kick();
      schedule();
    }, o.pollMs);
  };
  const unlisten = o.listen ? await o.listen(kick) : null;
  kick();
  schedule();
  return {
    kick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await unlisten?.().catch(() => undefined);
      await running;
      o.mailer.close();
    },
  };
}
