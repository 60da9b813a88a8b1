import { index, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { sites } from './sites.js';

/**
 * Embeddings of published articles and intent examples (optional LLM), for semantic retrieval
 * beside the engine's lexical retrieval. Stored as float4[] with cosine similarity computed in
 * process, so it works on any PostgreSQL and on embedded PGlite (see README, "Optional LLM").
 * A row is keyed by what was embedded (a hash of the text) and the model, so a changed article
 * or a new model gets a new vector and stale rows are removed on the next sync.
 */
export const embeddings = pgTable(
  'embeddings',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['article', 'example'] }).notNull(),
    /** The article id, or the intent id for an example. */
    refId: uuid('ref_id').notNull(),
    textHash: text('text_hash').notNull(),
    model: text('model').notNull(),
    vector: real('vector').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('embeddings_key').on(t.siteId, t.model, t.kind, t.refId, t.textHash),
    index('embeddings_site_model').on(t.siteId, t.model),
  ],
);
