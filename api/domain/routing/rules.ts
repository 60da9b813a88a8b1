/**
 * Stage 2 — rules: the keywords, phrases and negative keywords admins attach to intents.
 *
 * Matching is on stems, so "refunds" matches the keyword "refund". A keyword of several words is
 * matched as a phrase. Evidence per intent is in [0, 1]: a phrase match is 1, one keyword 0.6,
 * two or more keywords 0.8. A negative keyword vetoes the intent for this message.
 * Rules are strong evidence, not a verdict: calibration adds them to the classifier's scores and
 * the decision stage refuses to answer on rule evidence alone against a confident classifier.
 */
import { normalise, type Normalised } from './normalise.js';

export interface CompiledRules {
  /** Per class: single-stem keywords. */
  keywords: string[][];
  /** Per class: multi-word stem sequences ("a b c"), from phrases and multi-word keywords. */
  phrases: string[][];
  /** Per class: negative stems or stem sequences. */
  negatives: string[][];
}

export interface RuleMatch {
  evidence: Float64Array;
  vetoed: Uint8Array;
  /** Per class: what matched, for the trace. */
  matched: string[][];
}

function stemsOf(s: string): string {
  return normalise(s).stems.join(' ');
}

export function compileRules(
  intents: readonly { keywords: string[]; phrases: string[]; negativeKeywords: string[] }[],
): CompiledRules {
  const keywords: string[][] = [];
  const phrases: string[][] = [];
  const negatives: string[][] = [];
  for (const it of intents) {
    const kw: string[] = [];
    const ph: string[] = [];
    for (const k of it.keywords) {
      const s = stemsOf(k);
      if (s.length === 0) continue;
      (s.includes(' ') ? ph : kw).push(s);
    }
    for (const p of it.phrases) {
      const s = stemsOf(p);
      if (s.length > 0) ph.push(s);
    }
    keywords.push([...new Set(kw)]);
    phrases.push([...new Set(ph)]);
    negatives.push([...new Set(it.negativeKeywords.map(stemsOf).filter((s) => s.length > 0))]);
  }
  return { keywords, phrases, negatives };
}

export function matchRules(rules: CompiledRules, n: Normalised): RuleMatch {
  const C = rules.keywords.length;
  const evidence = new Float64Array(C);
  const vetoed = new Uint8Array(C);
  const matched: string[][] = [];
  const stemSet = new Set(n.stems);
  const padded = ' ' + n.stems.join(' ') + ' ';
  const has = (s: string): boolean => (s.includes(' ') ? padded.includes(' ' + s + ' ') : stemSet.has(s));
  for (let c = 0; c < C; c++) {
    const hits: string[] = [];
    let kw = 0;
    let ph = 0;
    for (const k of rules.keywords[c]) if (stemSet.has(k)) (kw++, hits.push(k));
    for (const p of rules.phrases[c]) if (padded.includes(' ' + p + ' ')) (ph++, hits.push(`"${p}"`));
    for (const neg of rules.negatives[c]) if (has(neg)) (vetoed[c] = 1, hits.push(`-${neg}`));
    evidence[c] = ph > 0 ? 1 : kw >= 2 ? 0.8 : kw === 1 ? 0.6 : 0;
    matched.push(hits);
  }
  return { evidence, vetoed, matched };
}
