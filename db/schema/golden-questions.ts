import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { sites } from './sites.js';

/**
 * A saved question with the intent it must route to (null: it must not be answered by any intent).
 * Replay runs them through the draft before a publish and lists those that would fail.
 */
export const goldenQuestions = pgTable(
  'golden_questions',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    expectedIntent: text('expected_intent'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('golden_questions_site_text').on(t.siteId, t.text)],
);
