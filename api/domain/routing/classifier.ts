/**
 * Stage 3 — the trained classifier: two complementary scorers over the same TF-IDF vectors.
 *
 * - A multinomial logistic regression (softmax) trained by SGD with L2 regularisation. Weights
 *   are stored feature-major (W[f * C + c]) so scoring a sparse message walks contiguous rows.
 *   Deterministic: the example order comes from a seeded PRNG.
 * - A nearest-example scorer: for each intent, the best cosine between the message and one of
 *   its examples (via an inverted index). It carries intents with few examples and gives the
 *   out-of-scope detector an absolute similarity to lean on.
 */
import type { SparseVec } from './features.js';
import { buildInverted, searchInverted, type InvertedIndex } from './inverted.js';

export interface LinearModel {
  nFeatures: number;
  nClasses: number;
  W: Float32Array;
  b: Float32Array;
}

export interface SoftmaxOptions {
  epochs: number;
  /**
   * Epochs over all classes before switching to hard negatives: afterwards each example's
   * softmax covers only its own class and the `negatives` classes that scored highest for it in
   * the last full epoch. Same optimum in practice, several times cheaper with many intents.
   */
  fullEpochs: number;
  negatives: number;
  lr: number;
  l2: number;
  seed: number;
}

/** mulberry32: a small, fast, seeded PRNG (deterministic training). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainSoftmax(
  X: readonly SparseVec[],
  y: Int32Array,
  weight: Float32Array,
  nFeatures: number,
  nClasses: number,
  opts: SoftmaxOptions,
): LinearModel {
  const C = nClasses;
  const W = new Float32Array(nFeatures * C);
  const b = new Float32Array(C);
  const z = new Float64Array(C);
  const rand = prng(opts.seed);
  const order = new Int32Array(X.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let wscale = 1;
  let t = 0;
  const K = Math.min(opts.negatives, C - 1);
  const useNeg = K > 0 && K + 1 < C;
  const negs = new Int32Array(useNeg ? X.length * (K + 1) : 0);
  const cls = new Int32Array(C);
  for (let ep = 0; ep < opts.epochs; ep++) {
    const full = !useNeg || ep < opts.fullEpochs;
    const record = useNeg && ep === Math.min(opts.fullEpochs, opts.epochs) - 1;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    for (let oi = 0; oi < order.length; oi++) {
      const n = order[oi];
      const x = X[n];
      const nnz = x.idx.length;
      const yi = y[n];
      // The classes this step looks at.
      let m = C;
      if (full) for (let c = 0; c < C; c++) cls[c] = c;
      else {
        m = K + 1;
        for (let j = 0; j <= K; j++) cls[j] = negs[n * (K + 1) + j];
      }
      for (let j = 0; j < m; j++) z[j] = 0;
      if (full) {
        for (let k = 0; k < nnz; k++) {
          const base = x.idx[k] * C;
          const v = x.val[k];
          for (let c = 0; c < C; c++) z[c] += v * W[base + c];
        }
      } else {
        for (let k = 0; k < nnz; k++) {
          const base = x.idx[k] * C;
          const v = x.val[k];
          for (let j = 0; j < m; j++) z[j] += v * W[base + cls[j]];
        }
      }
      let max = -Infinity;
      for (let j = 0; j < m; j++) {
        z[j] = z[j] * wscale + b[cls[j]];
        if (z[j] > max) max = z[j];
      }
      if (record) {
        // Remember this example's strongest wrong classes (simple partial selection).
        const base = n * (K + 1);
        negs[base] = yi;
        let filled = 0;
        const best = new Float64Array(K).fill(-Infinity);
        for (let c = 0; c < C; c++) {
          if (c === yi) continue;
          const v = z[c];
          if (filled < K) {
            let p = filled++;
            while (p > 0 && best[p - 1] < v) (best[p] = best[p - 1], (negs[base + 1 + p] = negs[base + p]), p--);
            best[p] = v;
            negs[base + 1 + p] = c;
          } else if (v > best[K - 1]) {
            let p = K - 1;
            while (p > 0 && best[p - 1] < v) (best[p] = best[p - 1], (negs[base + 1 + p] = negs[base + p]), p--);
            best[p] = v;
            negs[base + 1 + p] = c;
          }
        }
      }
      let sum = 0;
      for (let j = 0; j < m; j++) {
        z[j] = Math.exp(z[j] - max);
        sum += z[j];
      }
      const eta = opts.lr / (1 + opts.lr * opts.l2 * t);
      t++;
      wscale *= 1 - eta * opts.l2;
      const sw = weight[n];
      for (let j = 0; j < m; j++) {
        const c = cls[j];
        const g = (z[j] / sum - (c === yi ? 1 : 0)) * sw;
        if (g < 1e-4 && g > -1e-4) continue;
        const step = (eta * g) / wscale;
        for (let k = 0; k < nnz; k++) W[x.idx[k] * C + c] -= step * x.val[k];
        b[c] -= eta * g * 0.1;
      }
      if (wscale < 1e-3) {
        for (let i = 0; i < W.length; i++) W[i] *= wscale;
        wscale = 1;
      }
    }
  }
  if (wscale !== 1) for (let i = 0; i < W.length; i++) W[i] *= wscale;
  return { nFeatures, nClasses, W, b };
}

/** Raw class scores (logits) of a message. */
export function logits(m: LinearModel, x: SparseVec): Float64Array {
  const C = m.nClasses;
  const z = new Float64Array(C);
  for (let k = 0; k < x.idx.length; k++) {
    const base = x.idx[k] * C;
    const v = x.val[k];
    for (let c = 0; c < C; c++) z[c] += v * m.W[base + c];
  }
  for (let c = 0; c < C; c++) z[c] += m.b[c];
  return z;
}

export interface ExampleIndex {
  index: InvertedIndex;
  /** Class of each indexed example. */
  classOf: Int32Array;
  /** Weight of each example (1 for examples, lower for weak ones such as article titles). */
  weight: Float32Array;
}

export function buildExampleIndex(X: readonly SparseVec[], y: Int32Array, weight: Float32Array, nFeatures: number): ExampleIndex {
  return { index: buildInverted(X, nFeatures), classOf: y, weight };
}

/** Per class: the best (weighted) cosine to one of its examples, and which example it was. */
export function nearestByClass(
  ex: ExampleIndex,
  nClasses: number,
  q: SparseVec,
): { sim: Float64Array; example: Int32Array } {
  const { scores, touched } = searchInverted(ex.index, q, Math.max(256, ex.index.nDocs / 20));
  const sim = new Float64Array(nClasses);
  const example = new Int32Array(nClasses).fill(-1);
  for (let i = 0; i < touched.length; i++) {
    const d = touched[i];
    const s = scores[i] * ex.weight[d];
    const c = ex.classOf[d];
    if (s > sim[c] || (s === sim[c] && example[c] > d)) {
      sim[c] = s;
      example[c] = d;
    }
  }
  return { sim, example };
}
