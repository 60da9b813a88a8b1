import type { Brain } from '../knowledge/brain.js';
import type { ConversationContext, Decision, Quadrant, RouteAction, Router } from '../routing/types.js';

/** A fresh conversation: replay and try-it judge the model, not a conversation's history. */
export const FRESH_CONTEXT: ConversationContext = { noCount: 0, answeredIntentIds: [], turn: 0 };

/** What a decision amounts to for the customer, in a form two models' decisions can be compared by. */
export interface Outcome {
  action: RouteAction;
  quadrant: Quadrant;
  intentId: string | null;
  intentName: string | null;
  articleId: string | null;
  /** What the customer sees: "answer: reset_password", "clarify: a / b", "hand-off"… */
  label: string;
  confidence: number;
}

export function outcomeOf(decision: Decision, brain: Brain): Outcome {
  const intent = decision.intentId ? brain.intents.get(decision.intentId) : undefined;
  const article = decision.articleId ? brain.articles.get(decision.articleId) : undefined;
  let label: string;
  if (decision.handoff) label = `hand-off (${decision.handoff.trigger})`;
  else if (decision.action === 'answer') label = `answer: ${intent?.name ?? article?.title ?? decision.intentId ?? decision.articleId ?? '?'}`;
  else if (decision.action === 'clarify') label = `clarify: ${decision.candidates.map((c) => c.label).join(' / ')}`;
  else label = decision.action === 'escalate' ? 'escalate' : 'collect contact';
  return {
    action: decision.action,
    quadrant: decision.quadrant,
    intentId: decision.intentId,
    intentName: intent?.name ?? null,
    articleId: decision.articleId,
    label,
    confidence: decision.confidence,
  };
}

/** Two outcomes differ when the customer would see something different. */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.label === b.label && a.quadrant === b.quadrant;
}

export function routeFresh(router: Router, brain: Brain, text: string): Decision {
  return router.route(brain.model, { text, context: FRESH_CONTEXT });
}
