import { boolean, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { conversations } from './conversations.js';
import { messages } from './messages.js';

/** The customer's Yes/No on a bot answer; one per answer (the last click wins). */
export const feedback = pgTable('feedback', {
  id: id(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  messageId: uuid('message_id').notNull().unique().references(() => messages.id, { onDelete: 'cascade' }),
  helpful: boolean('helpful').notNull(),
  createdAt: createdAt(),
});
