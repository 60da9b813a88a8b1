import { boolean, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';
import { sites } from './sites.js';
import { articles } from './articles.js';

/** What a customer is asking for, with the evidence the router uses and the approved answer. */
export const intents = pgTable(
  'intents',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    reason: text('reason', { enum: ['information', 'service', 'new-service', 'incident'] }).notNull().default('information'),
    keywords: text('keywords').array().notNull().default([]),
    phrases: text('phrases').array().notNull().default([]),
    negativeKeywords: text('negative_keywords').array().notNull().default([]),
    examples: text('examples').array().notNull().default([]),
    answerKind: text('answer_kind', { enum: ['article', 'canned', 'action'] }),
    answerArticleId: uuid('answer_article_id').references(() => articles.id, { onDelete: 'set null' }),
    answerText: text('answer_text'),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('intents_site_name').on(t.siteId, t.name)],
);
