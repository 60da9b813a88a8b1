import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';

/**
 * Emails waiting to be sent. Written in the same unit of work as what caused them; a worker claims
 * due rows (FOR UPDATE SKIP LOCKED), sends, and marks them sent, or schedules a retry with backoff.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    /** One email per cause (e.g. `reply:<messageId>`): enqueuing twice stores one row. */
    dedupeKey: text('dedupe_key').notNull(),
    /** The agent message this email carries, if any: delivered live over SSE → skipped. */
    messageId: uuid('message_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While 'sending': when the claim expires (a crashed sender's row is retried after it). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_dedupe').on(t.dedupeKey), index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_message').on(t.messageId)],
);
