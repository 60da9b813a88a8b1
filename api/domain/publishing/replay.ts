import type { Brain } from '../knowledge/brain.js';
import type { Router } from '../routing/types.js';
import { outcomeOf, routeFresh, sameOutcome, type Outcome } from './outcome.js';

export interface PastQuestion {
  text: string;
  /** How many times it was asked in the window (questions are grouped by their exact text). */
  count: number;
  lastAskedAt: string;
}

export interface GoldenQuestion {
  id: string;
  text: string;
  /** Intent name it must be answered with; null: no intent may answer it. */
  expectedIntent: string | null;
}

export interface ReplayChange {
  question: string;
  count: number;
  from: Outcome;
  to: Outcome;
}

export interface GoldenResult {
  id: string;
  question: string;
  expectedIntent: string | null;
  live: Outcome;
  draft: Outcome;
  passesLive: boolean;
  passesDraft: boolean;
}

export interface ReplayReport {
  questions: number;
  changed: ReplayChange[];
  golden: { total: number; failing: GoldenResult[]; fixed: GoldenResult[]; results: GoldenResult[] };
}

export function passes(expected: string | null, o: Outcome): boolean {
  if (expected === null) return !(o.action === 'answer' && o.intentId);
  return o.action === 'answer' && o.intentName === expected;
}

/**
 * Runs past customer questions and golden questions through the live model and the draft, and
 * lists every decision that would change and every golden question the draft would fail.
 */
export function replay(router: Router, live: Brain, draft: Brain, questions: PastQuestion[], goldens: GoldenQuestion[]): ReplayReport {
  const changed: ReplayChange[] = [];
  for (const q of questions) {
    const from = outcomeOf(routeFresh(router, live, q.text), live);
    const to = outcomeOf(routeFresh(router, draft, q.text), draft);
    if (!sameOutcome(from, to)) changed.push({ question: q.text, count: q.count, from, to });
  }
  changed.sort((a, b) => b.count - a.count || a.question.localeCompare(b.question));
  const results = goldens.map((g): GoldenResult => {
    const l = outcomeOf(routeFresh(router, live, g.text), live);
    const d = outcomeOf(routeFresh(router, draft, g.text), draft);
    return { id: g.id, question: g.text, expectedIntent: g.expectedIntent, live: l, draft: d, passesLive: passes(g.expectedIntent, l), passesDraft: passes(g.expectedIntent, d) };
  });
  return {
    questions: questions.length,
    changed,
    golden: {
      total: goldens.length,
      failing: results.filter((r) => !r.passesDraft),
      fixed: results.filter((r) => r.passesDraft && !r.passesLive),
      results,
    },
  };
}
