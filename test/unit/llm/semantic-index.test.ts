import { describe, expect, it } from 'vitest';
import { cosine, createSemanticIndex, textHash, type EmbeddingStore, type StoredEmbedding } from '../../../api/domain/llm/semantic-index.js';
import type { Brain } from '../../../api/domain/knowledge/brain.js';
import type { IntentSpec } from '../../../api/domain/routing/types.js';
import { fakeEmbedding } from '../../helpers/fake-openai.js';

const intent = (id: string, examples: string[]): IntentSpec => ({
  id, name: id, description: '', reason: 'information', keywords: [], phrases: [], negativeKeywords: [], examples, answer: null, enabled: true,
});
const brainOf = (version: string, body: string): Brain => ({
  model: { version, builtAt: '', stats: { intents: 1, examples: 2, articles: 1, solvedTickets: 0 }, data: null },
  intents: new Map([['i1', intent('i1', ['how do I get my money back', 'refund please'])]]),
  articles: new Map([['a1', { id: 'a1', versionId: 'v1', slug: 'refunds', title: 'Refunds', summary: '', html: '', body }]]),
});

function memoryStore(): EmbeddingStore & { rows: StoredEmbedding[] } {
  const rows: StoredEmbedding[] = [];
  return {
    rows,
    list: async () => [...rows],
    save: async (_s, _m, r) => void rows.push(...r),
    prune: async (_s, _m, keep) => {
      const k = new Set(keep.map((x) => `${x.kind}:${x.refId}:${x.textHash}`));
      for (let i = rows.length - 1; i >= 0; i--) if (!k.has(`${rows[i]!.kind}:${rows[i]!.refId}:${rows[i]!.textHash}`)) rows.splice(i, 1);
    },
  };
}

describe('semantic index', () => {
  const embedded: string[] = [];
  const embedder = { embed: async (texts: string[]) => (embedded.push(...texts), texts.map((t) => fakeEmbedding(t))) };

  it('embeds only what is new or changed, and drops stale vectors', async () => {
    const store = memoryStore();
    const index = createSemanticIndex({ embedder, store, model: 'm' });
    expect(await index.sync('s', brainOf('v1', 'Ask within 14 days.'))).toBe(3);
    expect(await index.sync('s', brainOf('v1', 'Ask within 14 days.'))).toBe(0);
    expect(await index.sync('s', brainOf('v2', 'Ask within 30 days.'))).toBe(1);
    expect(store.rows).toHaveLength(3);
  });

  it('ranks by cosine similarity, one match per article or intent, above the floor', async () => {
    const store = memoryStore();
    const index = createSemanticIndex({ embedder, store, model: 'm' });
    const brain = brainOf('v1', 'Ask within 14 days for a full refund.');
    await index.sync('s', brain);
    const matches = await index.search('s', brain, 'refund please', { conversationId: null }, { minScore: 0.3 });
    expect(matches[0]).toMatchObject({ kind: 'example', refId: 'i1' });
    expect(matches[0]!.score).toBeCloseTo(1, 5);
    expect(new Set(matches.map((m) => `${m.kind}:${m.refId}`)).size).toBe(matches.length);
    expect(await index.search('s', brain, 'refund please', { conversationId: null }, { minScore: 1.01 })).toEqual([]);
  });

  it('hashes and compares', () => {
    expect(textHash('a')).not.toBe(textHash('b'));
    expect(textHash('same')).toBe(textHash('same'));
    expect(cosine([1, 0], [1, 0])).toBe(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([0, 0], [1, 0])).toBe(0);
  });
});
