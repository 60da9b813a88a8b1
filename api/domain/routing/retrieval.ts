/**
 * Stage 4 — retrieval over published articles and solved tickets.
 *
 * Each corpus gets its own word-level TF-IDF space (stems and stem bigrams; idf from that corpus)
 * and an inverted index, so search costs only the postings of the message's words. Articles are
 * indexed from title and keywords (counted twice) plus body; tickets from the customer's question.
 * Very common words (in more than half the documents of a large corpus) are skipped at query time:
 * they carry almost no idf and would make the search touch every document.
 */
import { extract, vectorise, buildVocabulary, type FeatureConfig, type RawFeatures, type Vectoriser } from './features.js';
import { buildInverted, searchInverted, topK, type InvertedIndex } from './inverted.js';
import { normalise, type Normalised } from './normalise.js';

export const RETRIEVAL_FEATURES: FeatureConfig = {
  words: true,
  bigrams: true,
  charMin: 0,
  charMax: 0,
  groupWeights: [1, 0.6, 0],
};

export interface RetrievalIndex {
  vectoriser: Vectoriser;
  index: InvertedIndex;
  ids: string[];
}

export interface Hit {
  doc: number;
  id: string;
  score: number;
}

function merge(into: RawFeatures, from: RawFeatures, times: number): void {
  for (let g = 0; g < 3; g++) for (const [h, n] of from[g]) into[g].set(h, (into[g].get(h) ?? 0) + n * times);
}

export function buildRetrievalIndex(docs: readonly { id: string; fields: readonly [string, number][] }[]): RetrievalIndex {
  const raws: RawFeatures[] = docs.map((d) => {
    const acc: RawFeatures = [new Map(), new Map(), new Map()];
    for (const [text, times] of d.fields) merge(acc, extract(normalise(text), RETRIEVAL_FEATURES), times);
    return acc;
  });
  const vectoriser = buildVocabulary(raws, RETRIEVAL_FEATURES);
  const vecs = raws.map((r) => vectorise(r, vectoriser).vec);
  return { vectoriser, index: buildInverted(vecs, vectoriser.idf.length), ids: docs.map((d) => d.id) };
}

export function searchRetrieval(r: RetrievalIndex, n: Normalised, k: number): Hit[] {
  if (r.index.nDocs === 0) return [];
  const { vec } = vectorise(extract(n, RETRIEVAL_FEATURES), r.vectoriser);
  const { scores, touched } = searchInverted(r.index, vec, r.index.nDocs >= 20 ? r.index.nDocs / 2 : Infinity);
  return topK(scores, touched, k).map((h) => ({ doc: h.doc, id: r.ids[h.doc], score: h.score }));
}
