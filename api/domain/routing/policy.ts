/**
 * Stage 7 — policy: ordered, documented hand-off rules applied on top of the decision.
 *
 * Rules, in order; the first that fires names the trigger, the ticket priority is the highest
 * priority among all that fire:
 *   1. asked-for-person   — an explicit request for a human ("talk to a person", "human please")
 *                           hands off whatever the scores say.                       → high
 *   2. urgency            — urgency words ("urgent", "asap", "emergency").             → urgent
 *   3. negative-sentiment — strongly negative wording (weighted words, total ≥ 2).     → high
 *   4. repeated-no        — the customer has answered "No" twice or more (context.noCount ≥ 2).
 *                                                                                      → high
 * A hand-off turns the action into 'collect-contact' (ask for contact details, open a ticket)
 * and keeps the quadrant and candidates, so the ticket still carries what the engine knew.
 */
import type { ConversationContext, HandoffTrigger } from './types.js';
import { cleanText } from './normalise.js';
import * as W from './policy-words.js';

export type Priority = 'normal' | 'high' | 'urgent';

export interface PolicyResult {
  trigger: HandoffTrigger;
  priority: Priority;
  /** Every rule that fired, in order, with what matched. */
  fired: { trigger: HandoffTrigger; matched: string }[];
}

const RANK: Record<Priority, number> = { normal: 0, high: 1, urgent: 2 };

const norm = (list: readonly string[]): string[] => list.map(cleanText).filter((s) => s.length > 0);
const PERSON = norm(W.PERSON_NOUNS);
const SOFT_PERSON = norm(W.SOFT_PERSON_NOUNS);
const TALK = norm(W.TALK_VERBS);
const WANT = norm(W.WANT_VERBS);
const REQUESTS = norm(W.PERSON_REQUESTS);
const STRONG = norm(W.NEGATIVE_STRONG);
const MILD = norm(W.NEGATIVE_MILD);
const URGENT = norm(W.URGENCY);

const alt = (list: readonly string[]): string => list.join('|');
const DET = '(?:(?:to|with) )?(?:(?:a|an|the|some|your|one of your|real|actual|live) )*';
const PERSON_RE = new RegExp(
  `(?:^| )(?:(?:${alt(TALK)}) ${DET}(?:${alt([...PERSON, ...SOFT_PERSON])})|(?:${alt(WANT)}) ${DET}(?:${alt(PERSON)})|${alt(REQUESTS)})(?= |$)`,
);

function findAll(text: string, list: readonly string[]): string[] {
  const padded = ' ' + text + ' ';
  return list.filter((w) => padded.includes(' ' + w + ' '));
}

export function askedForPerson(text: string): string | null {
  const m = PERSON_RE.exec(text);
  return m ? m[0].trim() : null;
}

export function negativeScore(text: string): { score: number; words: string[] } {
  const strong = findAll(text, STRONG);
  const mild = findAll(text, MILD);
  return { score: 2 * strong.length + mild.length, words: [...strong, ...mild] };
}

export function applyPolicy(cleanedText: string, context: ConversationContext): PolicyResult | null {
  const fired: PolicyResult['fired'] = [];
  const priorities: Priority[] = [];
  const person = askedForPerson(cleanedText);
  if (person) (fired.push({ trigger: 'asked-for-person', matched: person }), priorities.push('high'));
  const urgent = findAll(cleanedText, URGENT);
  if (urgent.length > 0) (fired.push({ trigger: 'urgency', matched: urgent.join(', ') }), priorities.push('urgent'));
  const neg = negativeScore(cleanedText);
  if (neg.score >= 2) (fired.push({ trigger: 'negative-sentiment', matched: neg.words.join(', ') }), priorities.push('high'));
  if (context.noCount >= 2) (fired.push({ trigger: 'repeated-no', matched: `${context.noCount} "No" answers` }), priorities.push('high'));
  if (fired.length === 0) return null;
  let priority: Priority = 'normal';
  for (const p of priorities) if (RANK[p] > RANK[priority]) priority = p;
  return { trigger: fired[0].trigger, priority, fired };
}
