import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { articles } from './articles.js';
import { tickets } from './tickets.js';
import { users } from './users.js';

/** "Flag it": an agent says an article is wrong or incomplete; admins see the open flags. */
export const articleFlags = pgTable(
  'article_flags',
  {
    id: id(),
    articleId: uuid('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    comment: text('comment').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('article_flags_article').on(t.articleId), index('article_flags_status').on(t.status)],
);
