import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { sites } from './sites.js';
import type { PublishSnapshot } from '../../api/domain/knowledge/snapshot.js';

/**
 * One row per publish (and per rollback, which republishes an older snapshot). The live model of a
 * site is compiled from its latest row; every API process rebuilds when told through NOTIFY.
 */
export const publishes = pgTable(
  'publishes',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per site. */
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').$type<PublishSnapshot>().notNull(),
    note: text('note').notNull().default(''),
    /** User id, or 'system' / 'seed'. */
    publishedBy: text('published_by').notNull().default('system'),
    /** Set on a rollback: the publish whose snapshot this one restored. */
    restoredFromId: uuid('restored_from_id'),
    /** Summary of what changed, shown in the history. */
    changes: jsonb('changes').$type<{ intents: number; articles: number }>().notNull().default({ intents: 0, articles: 0 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('publishes_site_number').on(t.siteId, t.number), index('publishes_site_created').on(t.siteId, t.createdAt)],
);
