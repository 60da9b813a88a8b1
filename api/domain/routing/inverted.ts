/**
 * An inverted index over sparse vectors (CSR by feature), for exact cosine search: the score of
 * every document sharing a feature with the query is accumulated; nothing else is touched.
 */
import type { SparseVec } from './features.js';

export interface InvertedIndex {
  nDocs: number;
  /** offsets[f]..offsets[f+1] delimit the postings of feature f. */
  offsets: Int32Array;
  docs: Int32Array;
  vals: Float32Array;
}

export function buildInverted(vecs: readonly SparseVec[], nFeatures: number): InvertedIndex {
  const counts = new Int32Array(nFeatures + 1);
  for (const v of vecs) for (let i = 0; i < v.idx.length; i++) counts[v.idx[i] + 1]++;
  for (let f = 0; f < nFeatures; f++) counts[f + 1] += counts[f];
  const offsets = counts.slice();
  const fill = counts.slice(0, nFeatures);
  const docs = new Int32Array(offsets[nFeatures]);
  const vals = new Float32Array(offsets[nFeatures]);
  for (let d = 0; d < vecs.length; d++) {
    const v = vecs[d];
    for (let i = 0; i < v.idx.length; i++) {
      const p = fill[v.idx[i]]++;
      docs[p] = d;
      vals[p] = v.val[i];
    }
  }
  return { nDocs: vecs.length, offsets, docs, vals };
}

/**
 * Dot products of the query with every document; returns the scores and the touched docs.
 * Features with more than `maxPostings` documents are skipped: they are common, so their idf
 * (and contribution) is small, and walking them is most of the cost on large indexes.
 */
export function searchInverted(
  index: InvertedIndex,
  q: SparseVec,
  maxPostings = Infinity,
): { scores: Float32Array; touched: Int32Array } {
  const { acc, seen } = scratchFor(index);
  let n = 0;
  const { offsets, docs, vals } = index;
  for (let i = 0; i < q.idx.length; i++) {
    const f = q.idx[i];
    if (f < 0 || f + 1 >= offsets.length) continue;
    const qv = q.val[i];
    if (offsets[f + 1] - offsets[f] > maxPostings) continue;
    for (let p = offsets[f], end = offsets[f + 1]; p < end; p++) {
      const d = docs[p];
      if (acc[d] === 0) seen[n++] = d;
      // Values are positive, so a touched document never goes back to exactly 0.
      acc[d] += qv * vals[p] || Number.MIN_VALUE;
    }
  }
  // Copy out the touched scores and reset the scratch buffer for the next search.
  const scores = new Float32Array(n);
  const ids = seen.slice(0, n);
  for (let i = 0; i < n; i++) {
    scores[i] = acc[ids[i]];
    acc[ids[i]] = 0;
  }
  return { scores, touched: ids };
}

/**
 * One accumulator (and touched-document list) per index, reused across searches (a search is
 * synchronous and leaves it zeroed), so a decision allocates only arrays the size of its result.
 */
const scratch = new WeakMap<InvertedIndex, { acc: Float64Array; seen: Int32Array }>();
function scratchFor(index: InvertedIndex): { acc: Float64Array; seen: Int32Array } {
  let a = scratch.get(index);
  if (!a || a.acc.length < index.nDocs) {
    a = { acc: new Float64Array(index.nDocs), seen: new Int32Array(index.nDocs) };
    scratch.set(index, a);
  }
  return a;
}

/** The k best documents (by score, ties by lower index); scores[i] is the score of touched[i]. */
export function topK(scores: Float32Array, touched: Int32Array, k: number): { doc: number; score: number }[] {
  const best: { doc: number; score: number }[] = [];
  for (let i = 0; i < touched.length; i++) {
    const d = touched[i];
    const s = scores[i];
    if (best.length === k && s <= best[k - 1].score) continue;
    let j = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push({ doc: d, score: s });
    while (j > 0 && (best[j - 1].score < s || (best[j - 1].score === s && best[j - 1].doc > d))) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = { doc: d, score: s };
  }
  return best;
}
