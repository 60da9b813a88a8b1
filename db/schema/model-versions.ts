import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { sites } from './sites.js';

/** A compiled routing model: what it was built from, when, by whom. */
export const modelVersions = pgTable('model_versions', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  version: text('version').notNull(),
  stats: jsonb('stats').$type<Record<string, number>>().notNull(),
  builtBy: text('built_by').notNull().default('system'),
  createdAt: createdAt(),
});
