/**
 * Content gaps: the questions the bot could not answer (Unknown quadrants, or handed to a person),
 * grouped by similarity so an admin sees "23 people asked about exporting to Word" rather than 23
 * rows. Greedy clustering on TF-IDF cosine over the routing engine's normalised stems: each
 * question joins the most similar existing cluster above the threshold (compared with the
 * cluster's centroid), or starts a new one. Deterministic: questions are taken most-asked first.
 */
import { normalise } from '../routing/normalise.js';
import type { Quadrant } from '../routing/types.js';

export interface GapQuestion {
  text: string;
  quadrant: Quadrant;
  handoff: boolean;
  askedAt: string;
}

export interface GapCluster {
  /** Stable for the same set of questions: the most-asked question's text, normalised. */
  key: string;
  /** A readable label: the most frequent content words. */
  label: string;
  count: number;
  quadrants: Partial<Record<Quadrant, number>>;
  handoffs: number;
  /** Distinct questions, most asked first. */
  examples: { text: string; count: number }[];
  lastAskedAt: string;
}

const STOP = new Set(
  'a an the i me my we our you your it its is are was were be been am do does did to of in on for with at by from and or but not no can could would should will shall how what why when where who which that this there here have has had get got please hi hello hey thanks thank any some just so if about'.split(' '),
);

type Vec = Map<string, number>;

function terms(text: string): string[] {
  const n = normalise(text);
  return n.stems.filter((s, i) => s.length > 1 && !STOP.has(n.tokens[i]!));
}

function cosine(a: Vec, b: Vec): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [, v] of a) na += v * v;
  for (const [, v] of b) nb += v * v;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const [k, v] of small) dot += v * (big.get(k) ?? 0);
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export function clusterGaps(questions: GapQuestion[], threshold = 0.35, maxExamples = 10): GapCluster[] {
  // Group identical questions first.
  const groups = new Map<string, { text: string; count: number; items: GapQuestion[]; terms: string[] }>();
  for (const q of questions) {
    const key = normalise(q.text).text;
    if (!key) continue;
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.items.push(q);
    } else groups.set(key, { text: q.text.trim(), count: 1, items: [q], terms: terms(q.text) });
  }
  const list = [...groups.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const df = new Map<string, number>();
  for (const [, g] of list) for (const t of new Set(g.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const N = list.length;
  const vec = (ts: string[]): Vec => {
    const v: Vec = new Map();
    for (const t of ts) v.set(t, (v.get(t) ?? 0) + Math.log(1 + N / (df.get(t) ?? 1)));
    return v;
  };

  const clusters: { key: string; centroid: Vec; members: typeof list }[] = [];
  for (const entry of list) {
    const v = vec(entry[1].terms);
    let best = -1;
    let bestScore = threshold;
    clusters.forEach((c, i) => {
      const s = cosine(v, c.centroid);
      if (s >= bestScore) {
        bestScore = s;
        best = i;
      }
    });
    if (best < 0) {
      clusters.push({ key: entry[0], centroid: new Map(v), members: [entry] });
    } else {
      const c = clusters[best]!;
      c.members.push(entry);
      for (const [k, w] of v) c.centroid.set(k, (c.centroid.get(k) ?? 0) + w);
    }
  }

  return clusters
    .map((c): GapCluster => {
      const items = c.members.flatMap(([, g]) => g.items);
      const quadrants: Partial<Record<Quadrant, number>> = {};
      for (const q of items) quadrants[q.quadrant] = (quadrants[q.quadrant] ?? 0) + 1;
      const label = [...c.centroid.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([k]) => k)
        .join(' ');
      return {
        key: c.key,
        label: label || c.members[0]![1].text,
        count: items.length,
        quadrants,
        handoffs: items.filter((q) => q.handoff).length,
        examples: c.members.slice(0, maxExamples).map(([, g]) => ({ text: g.text, count: g.count })),
        lastAskedAt: items.map((q) => q.askedAt).sort().at(-1)!,
      };
    })
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
