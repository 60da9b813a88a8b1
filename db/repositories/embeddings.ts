import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { embeddings } from '../schema/index.js';
import type { EmbeddingStore } from '../../api/domain/llm/semantic-index.js';

export function createEmbeddingStore(db: Db): EmbeddingStore {
  return {
    async list(siteId, model) {
      const rows = await db
        .select({ kind: embeddings.kind, refId: embeddings.refId, textHash: embeddings.textHash, vector: embeddings.vector })
        .from(embeddings)
        .where(and(eq(embeddings.siteId, siteId), eq(embeddings.model, model)));
      return rows;
    },
    async save(siteId, model, rows) {
      if (rows.length === 0) return;
      await db
        .insert(embeddings)
        .values(rows.map((r) => ({ siteId, model, kind: r.kind, refId: r.refId, textHash: r.textHash, vector: r.vector })))
        .onConflictDoNothing();
    },
    async prune(siteId, model, keep) {
      const wanted = new Set(keep.map((k) => `${k.kind}:${k.refId}:${k.textHash}`));
      const rows = await db
        .select({ id: embeddings.id, kind: embeddings.kind, refId: embeddings.refId, textHash: embeddings.textHash })
        .from(embeddings)
        .where(and(eq(embeddings.siteId, siteId), eq(embeddings.model, model)));
      const stale = rows.filter((r) => !wanted.has(`${r.kind}:${r.refId}:${r.textHash}`));
      for (const r of stale) await db.delete(embeddings).where(eq(embeddings.id, r.id));
    },
  };
}
