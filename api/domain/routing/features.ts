/**
 * Feature extraction shared by the classifier and retrieval: hashed sparse TF-IDF vectors.
 *
 * Three feature groups, each L2-normalised on its own then weighted:
 * - word unigrams (stems), - word bigrams (stems, with sentence boundaries),
 * - character n-grams inside word boundaries ("<word>"), which carry typos and morphology.
 * Features are 32-bit FNV-1a hashes mapped to dense indices by a vocabulary table built at
 * training time (typed arrays, structured-cloneable). Term frequency is sublinear (1 + ln tf).
 * Features unseen at training time still count in the norm (with the highest idf), so a message
 * full of unknown words gets a weaker vector — a useful out-of-scope signal.
 */
import type { Normalised } from './normalise.js';

export interface FeatureConfig {
  words: boolean;
  bigrams: boolean;
  /** Also pair each stem with the one two positions later ("reset my password" → reset…password). */
  skipBigrams?: boolean;
  charMin: number;
  charMax: number;
  /** Relative weights of the three groups (word, bigram, char) after per-group normalisation. */
  groupWeights: [number, number, number];
}

/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string, seed: number): number {
  let h = (FNV_OFFSET ^ Math.imul(seed + 1, 0x9e3779b1)) | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h === 0 ? 1 : h;
}

function hashRange(s: string, from: number, to: number, seed: number): number {
  let h = (FNV_OFFSET ^ Math.imul(seed + 1, 0x9e3779b1)) | 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h === 0 ? 1 : h;
}

/** Raw hashed features of one message, grouped, with term counts. */
export type RawFeatures = [Map<number, number>, Map<number, number>, Map<number, number>];

function add(m: Map<number, number>, h: number): void {
  m.set(h, (m.get(h) ?? 0) + 1);
}

export function extract(n: Normalised, cfg: FeatureConfig): RawFeatures {
  const w = new Map<number, number>();
  const b = new Map<number, number>();
  const c = new Map<number, number>();
  const stems = n.stems;
  if (cfg.words) for (const s of stems) add(w, hashString(s, 1));
  if (cfg.bigrams && stems.length > 0) {
    let prev = '^';
    for (const s of stems) {
      add(b, hashString(prev + ' ' + s, 2));
      prev = s;
    }
    add(b, hashString(prev + ' $', 2));
    if (cfg.skipBigrams) for (let i = 0; i + 2 < stems.length; i++) add(b, hashString(stems[i] + ' ' + stems[i + 2], 3));
  }
  if (cfg.charMax > 0) {
    for (const t of n.tokens) {
      const p = '<' + t + '>';
      for (let len = cfg.charMin; len <= cfg.charMax; len++) {
        if (len > p.length) break;
        for (let i = 0; i + len <= p.length; i++) add(c, hashRange(p, i, i + len, 10 + len));
      }
    }
  }
  return [w, b, c];
}

/** Open-addressing hash table hash → index, in typed arrays. */
export interface VocabTable {
  keys: Int32Array;
  vals: Int32Array;
  mask: number;
  size: number;
}

export function buildTable(hashes: Int32Array): VocabTable {
  let cap = 16;
  while (cap < hashes.length * 2) cap *= 2;
  const keys = new Int32Array(cap);
  const vals = new Int32Array(cap).fill(-1);
  const mask = cap - 1;
  for (let i = 0; i < hashes.length; i++) {
    let s = hashes[i] & mask;
    while (keys[s] !== 0) s = (s + 1) & mask;
    keys[s] = hashes[i];
    vals[s] = i;
  }
  return { keys, vals, mask, size: hashes.length };
}

export function lookup(t: VocabTable, h: number): number {
  let s = h & t.mask;
  for (;;) {
    const k = t.keys[s];
    if (k === h) return t.vals[s];
    if (k === 0) return -1;
    s = (s + 1) & t.mask;
  }
}

/** What a vectoriser needs at run time. */
export interface Vectoriser {
  cfg: FeatureConfig;
  table: VocabTable;
  idf: Float32Array;
  /** idf given to features never seen at training time (counted in the norm only). */
  unknownIdf: number;
}

/**
 * Turn raw features into a weighted, normalised sparse vector. Returns also the fraction of
 * the vector's mass that fell on unknown features (0 = all known, 1 = nothing known).
 */
export function vectorise(raw: RawFeatures, v: Vectoriser): { vec: SparseVec; unknownMass: number } {
  const idx: number[] = [];
  const val: number[] = [];
  const gw = v.cfg.groupWeights;
  let totalW = 0;
  let unknownMass = 0;
  for (let g = 0; g < 3; g++) {
    const m = raw[g];
    if (m.size === 0 || gw[g] === 0) continue;
    const start = idx.length;
    let norm = 0;
    let unk = 0;
    for (const [h, tf] of m) {
      const j = lookup(v.table, h);
      const wt = 1 + Math.log(tf);
      if (j < 0) {
        const x = wt * v.unknownIdf;
        norm += x * x;
        unk += x * x;
        continue;
      }
      const x = wt * v.idf[j];
      norm += x * x;
      idx.push(j);
      val.push(x);
    }
    if (norm === 0) continue;
    const k = gw[g] / Math.sqrt(norm);
    for (let i = start; i < idx.length; i++) val[i] *= k;
    totalW += gw[g] * gw[g];
    unknownMass += (gw[g] * gw[g] * unk) / norm;
  }
  const vec: SparseVec = { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  if (totalW > 0) {
    const k = 1 / Math.sqrt(totalW);
    for (let i = 0; i < vec.val.length; i++) vec.val[i] *= k;
    unknownMass /= totalW;
  } else unknownMass = 1;
  return { vec, unknownMass };
}

/**
 * Build a vocabulary (and idf) from the raw features of training documents. Deterministic:
 * features are indexed in order of first appearance.
 */
export function buildVocabulary(docs: RawFeatures[], cfg: FeatureConfig, minDf = 1): Vectoriser {
  const df = new Map<number, number>();
  for (const d of docs) for (const m of d) for (const h of m.keys()) df.set(h, (df.get(h) ?? 0) + 1);
  const hashes: number[] = [];
  const dfs: number[] = [];
  for (const [h, n] of df) {
    if (n < minDf) continue;
    hashes.push(h);
    dfs.push(n);
  }
  const N = docs.length;
  const idf = new Float32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) idf[i] = Math.log((1 + N) / (1 + dfs[i])) + 1;
  return { cfg, table: buildTable(Int32Array.from(hashes)), idf, unknownIdf: Math.log(1 + N) + 1 };
}

export function dot(a: SparseVec, dense: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.idx.length; i++) s += a.val[i] * dense[a.idx[i]];
  return s;
}
