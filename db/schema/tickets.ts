import { boolean, index, integer, jsonb, pgSequence, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, timestamps } from './columns.js';
import { sites } from './sites.js';
import { conversations } from './conversations.js';
import { contacts } from './contacts.js';
import type { TicketContext } from '../../api/domain/conversations/model.js';

/** Short, human-friendly ticket numbers: #1001, #1002… */
export const ticketNumbers = pgSequence('ticket_number_seq', { startWith: 1001 });

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    number: integer('number').notNull().unique().default(sql`nextval('ticket_number_seq')`),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().unique().references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['new', 'open', 'pending', 'solved', 'closed'] }).notNull().default('new'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull().default('normal'),
    reason: text('reason', { enum: ['information', 'service', 'new-service', 'incident'] }).notNull(),
    intentId: uuid('intent_id'),
    intentName: text('intent_name'),
    confidence: real('confidence'),
    quadrant: text('quadrant', { enum: ['known-known', 'known-unknown', 'unknown-known', 'unknown-unknown'] }).notNull(),
    escalated: boolean('escalated').notNull().default(false),
    /** Copy of the transcript at hand-off; the live one is the conversation's messages. */
    transcript: jsonb('transcript').$type<{ role: string; body: string; at: string }[]>().notNull(),
    context: jsonb('context').$type<TicketContext>().notNull(),
    /** Hand-off summary written by the optional LLM after the ticket opened (null without one). */
    summary: text('summary'),
    assigneeId: uuid('assignee_id'),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true }),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('tickets_site_status').on(t.siteId, t.status)],
);

/** A ticket's history: who did what, when. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: id(),
    ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_events_ticket').on(t.ticketId)],
);
