import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { conversations } from './conversations.js';
import type { Decision } from '../../api/domain/routing/types.js';
import type { MessageMeta } from '../../api/domain/conversations/model.js';

export const messages = pgTable(
  'messages',
  {
    id: id(),
    /** Global, monotonic: SSE event ids and ordering. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['customer', 'bot', 'agent', 'note', 'system'] }).notNull(),
    body: text('body').notNull(),
    bodyHtml: text('body_html'),
    /** Client-generated id of a customer message: posting it twice stores it once. */
    clientMessageId: text('client_message_id'),
    /** For replies: the customer message they answer. */
    replyToId: uuid('reply_to_id'),
    /** Position among the replies to one customer message: unique with it, so a set of replies is stored once. */
    replyIndex: smallint('reply_index'),
    decision: jsonb('decision').$type<Decision>(),
    /** The decision's action and intent, kept beside it: routing reads them for every message of a conversation, and the decision itself is large (TOASTed and compressed). */
    decisionAction: text('decision_action').generatedAlwaysAs(sql`decision->>'action'`),
    decisionIntentId: text('decision_intent_id').generatedAlwaysAs(sql`decision->>'intentId'`),
    /** The customer's Yes/No on this answer: a copy of feedback.helpful, written in the same transaction, because routing reads it for every message of a conversation. */
    helpful: boolean('helpful'),
    meta: jsonb('meta').$type<MessageMeta>().notNull().default({}),
    authorId: uuid('author_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_conversation_client_id').on(t.conversationId, t.clientMessageId),
    index('messages_conversation_seq').on(t.conversationId, t.seq),
    uniqueIndex('messages_reply_to_index').on(t.replyToId, t.replyIndex),
  ],
);
