import type { Brain } from '../knowledge/brain.js';
import type { Decision, Router } from '../routing/types.js';
import { outcomeOf, routeFresh, sameOutcome, type Outcome } from './outcome.js';

export interface TryItResult {
  question: string;
  live: { decision: Decision; outcome: Outcome };
  draft: { decision: Decision; outcome: Outcome };
  changed: boolean;
}

/** One question on the live model and on the draft, side by side, each with its full trace. */
export function tryIt(router: Router, live: Brain, draft: Brain, question: string): TryItResult {
  const l = routeFresh(router, live, question);
  const d = routeFresh(router, draft, question);
  const lo = outcomeOf(l, live);
  const dO = outcomeOf(d, draft);
  return { question, live: { decision: l, outcome: lo }, draft: { decision: d, outcome: dO }, changed: !sameOutcome(lo, dO) };
}
