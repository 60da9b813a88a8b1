import { bigint, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { conversations } from './conversations.js';

/**
 * Token use of every LLM call, per conversation (null: not tied to one, e.g. embeddings on save),
 * with a cost estimate in millionths of a US dollar, summed for admins.
 */
export const llmUsage = pgTable(
  'llm_usage',
  {
    id: id(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    purpose: text('purpose', { enum: ['answer', 'classify', 'summary', 'embed', 'draft'] }).notNull(),
    model: text('model').notNull(),
    promptTokens: integer('prompt_tokens').notNull(),
    completionTokens: integer('completion_tokens').notNull(),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('llm_usage_conversation').on(t.conversationId), index('llm_usage_created').on(t.createdAt)],
);
