import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { outbox } from '../schema/index.js';
import type { OutboxStore } from '../../api/email/outbox-worker.js';

export const OUTBOX_CHANNEL = 'knowns_outbox';

export function createOutboxStore(db: Db): OutboxStore & {
  /** The widget delivered these agent messages live: their emails are no longer needed. */
  skipDelivered(messageIds: string[]): Promise<number>;
} {
  return {
    async claim(limit, leaseMs) {
      const rows = await db.execute<{ id: string; to: string; subject: string; text: string; html: string | null; attempts: number }>(sql`
        update ${outbox} set status = 'sending', attempts = attempts + 1,
          lease_until = now() + make_interval(secs => ${leaseMs / 1000})
        where id in (
          select id from ${outbox}
          where (status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and lease_until < now())
          order by next_attempt_at
          limit ${limit}
          for update skip locked)
        returning id, "to", subject, text, html, attempts`);
      const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as { id: string; to: string; subject: string; text: string; html: string | null; attempts: number }[];
      return list.map((r) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, html: r.html, attempts: Number(r.attempts) }));
    },
    async markSent(id) {
      await db.update(outbox).set({ status: 'sent', sentAt: new Date(), leaseUntil: null, lastError: null }).where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
    },
    async markFailed(id, error, retryAt) {
      await db
        .update(outbox)
        .set(retryAt ? { status: 'pending', nextAttemptAt: retryAt, leaseUntil: null, lastError: error } : { status: 'failed', leaseUntil: null, lastError: error })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
    },
    async skipDelivered(messageIds) {
      if (!messageIds.length) return 0;
      const rows = await db
        .update(outbox)
        .set({ status: 'skipped', lastError: 'delivered live in the widget' })
        .where(and(inArray(outbox.messageId, messageIds), eq(outbox.status, 'pending')))
        .returning({ id: outbox.id });
      return rows.length;
    },
  };
}
