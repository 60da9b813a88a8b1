/**
 * PostgreSQL serialises the commits of transactions that NOTIFY (one global queue lock, held while
 * the commit is flushed), so a NOTIFY per event caps a busy server at one disk flush per event.
 * Events published while a NOTIFY is in flight ride together in the next one, the way group commit
 * works: no added delay when idle, one NOTIFY per round trip under load.
 */

/** NOTIFY payloads must stay under 8,000 bytes. */
export const MAX_PAYLOAD_BYTES = 7_500;

export function createNotifyBatcher<T>(send: (payload: string) => Promise<void>) {
  let queue: { json: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running = false;

  const pump = async () => {
    running = true;
    while (queue.length > 0) {
      // Take as many queued events as fit in one payload (at least one).
      let size = 2;
      let n = 0;
      while (n < queue.length && (n === 0 || size + queue[n]!.json.length + 1 <= MAX_PAYLOAD_BYTES)) size += queue[n++]!.json.length + 1;
      const batch = queue.slice(0, n);
      queue = queue.slice(n);
      try {
        await send(`[${batch.map((b) => b.json).join(',')}]`);
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    running = false;
  };

  return (event: T): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      queue.push({ json: JSON.stringify(event), resolve, reject });
      if (!running) void pump();
    });
}

/** A payload is one event (older senders) or a batch of them. */
export function parsePayload<T>(payload: string): T[] {
  const parsed = JSON.parse(payload) as T | T[];
  return Array.isArray(parsed) ? parsed : [parsed];
}
