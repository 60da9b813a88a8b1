import type { Brain } from '../knowledge/brain.js';
import type { Embedder, LlmCallContext } from './ports.js';

/**
 * Semantic retrieval with the optional LLM: embeddings of a site's published articles and intent
 * examples, kept in the database and compared with the customer's question by cosine similarity.
 * It works beside the engine's lexical retrieval (it never replaces a decision): related articles
 * it finds may ground an LLM answer the engine alone would not have had material for.
 */
export interface StoredEmbedding {
  kind: 'article' | 'example';
  refId: string;
  textHash: string;
  vector: number[];
}

export interface EmbeddingStore {
  list(siteId: string, model: string): Promise<StoredEmbedding[]>;
  save(siteId: string, model: string, rows: StoredEmbedding[]): Promise<void>;
  /** Removes this site's rows for the model that are not in `keep` (changed or deleted texts). */
  prune(siteId: string, model: string, keep: { kind: string; refId: string; textHash: string }[]): Promise<void>;
}

export interface SemanticMatch {
  kind: 'article' | 'example';
  /** Article id, or intent id for an example. */
  refId: string;
  score: number;
}

export interface SemanticIndex {
  /** Embeds what is new or changed in the brain's knowledge and drops stale vectors. Returns how many were embedded. */
  sync(siteId: string, brain: Brain): Promise<number>;
  /** Best matches for a question, best first, above `minScore`; one per article or intent. */
  search(siteId: string, brain: Brain, question: string, ctx: LlmCallContext, options?: { limit?: number; minScore?: number }): Promise<SemanticMatch[]>;
}

export interface SemanticIndexDeps {
  embedder: Embedder;
  store: EmbeddingStore;
  /** The embedding model: vectors of different models are never compared. */
  model: string;
  /** Runs a sync off the request path when the knowledge changed since the last one. */
  background?: (task: () => Promise<void>) => void;
}

const BATCH = 64;
/** A batch embedded in the background may take longer than a customer waits for a reply. */
const SYNC_TIMEOUT_MS = 60_000;
export const DEFAULT_MIN_SCORE = 0.5;

/** A stable 64-bit text fingerprint (two FNV-1a variants): what changed gets embedded again. */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** What gets embedded for a brain: each published article (title and text) and each enabled intent's examples. */
function textsOf(brain: Brain): { kind: 'article' | 'example'; refId: string; text: string }[] {
  const out: { kind: 'article' | 'example'; refId: string; text: string }[] = [];
  for (const a of brain.articles.values()) out.push({ kind: 'article', refId: a.id, text: `${a.title}\n\n${a.body || a.summary}`.slice(0, 8000) });
  for (const i of brain.intents.values()) if (i.enabled) for (const e of i.examples) out.push({ kind: 'example', refId: i.id, text: e });
  return out;
}

export function createSemanticIndex(deps: SemanticIndexDeps): SemanticIndex {
  /** Per site: the vectors in memory and the model version they were synced for. */
  const cache = new Map<string, { version: string | null; rows: StoredEmbedding[] }>();
  const syncing = new Map<string, Promise<number>>();

  const sync = (siteId: string, brain: Brain): Promise<number> => {
    const running = syncing.get(siteId);
    if (running) return running;
    const run = (async () => {
      const wanted = textsOf(brain).map((t) => ({ ...t, textHash: textHash(t.text) }));
      const have = await deps.store.list(siteId, deps.model);
      const key = (r: { kind: string; refId: string; textHash: string }) => `${r.kind}:${r.refId}:${r.textHash}`;
      const known = new Set(have.map(key));
      const missing = wanted.filter((w) => !known.has(key(w)));
      const added: StoredEmbedding[] = [];
      for (let i = 0; i < missing.length; i += BATCH) {
        const batch = missing.slice(i, i + BATCH);
        const vectors = await deps.embedder.embed(batch.map((b) => b.text), { conversationId: null, timeoutMs: SYNC_TIMEOUT_MS });
        const rows = batch.map((b, j) => ({ kind: b.kind, refId: b.refId, textHash: b.textHash, vector: vectors[j]! }));
        await deps.store.save(siteId, deps.model, rows);
        added.push(...rows);
      }
      await deps.store.prune(siteId, deps.model, wanted);
      const keep = new Set(wanted.map(key));
      cache.set(siteId, { version: brain.model.version, rows: [...have.filter((r) => keep.has(key(r))), ...added] });
      return added.length;
    })().finally(() => syncing.delete(siteId));
    syncing.set(siteId, run);
    return run;
  };

  return {
    sync,
    async search(siteId, brain, question, ctx, options = {}) {
      let entry = cache.get(siteId);
      if (!entry) {
        entry = { version: null, rows: await deps.store.list(siteId, deps.model) };
        cache.set(siteId, entry);
      }
      // Knowledge changed since the last sync (a publish): catch up off the request path.
      if (entry.version !== brain.model.version && deps.background && !syncing.has(siteId)) {
        deps.background(async () => void (await sync(siteId, brain)));
      }
      if (entry.rows.length === 0) return [];
      const [q] = await deps.embedder.embed([question], ctx);
      if (!q) return [];
      const best = new Map<string, SemanticMatch>();
      for (const r of entry.rows) {
        // Only what is still live in this brain.
        if (r.kind === 'article' ? !brain.articles.has(r.refId) : !brain.intents.get(r.refId)?.enabled) continue;
        const score = cosine(q, r.vector);
        const k = `${r.kind}:${r.refId}`;
        if (score >= (options.minScore ?? DEFAULT_MIN_SCORE) && score > (best.get(k)?.score ?? -1)) best.set(k, { kind: r.kind, refId: r.refId, score });
      }
      return [...best.values()].sort((a, b) => b.score - a.score).slice(0, options.limit ?? 5);
    },
  };
}
