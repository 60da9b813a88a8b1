/**
 * The routing port: what the conversation use cases need from the intent routing engine.
 *
 * The engine is a pure function of (message, conversation context, compiled model): no I/O,
 * deterministic, explainable. Everything here is plain data so a compiled model can cross a
 * worker-thread boundary (structured clone) and a decision can be stored as JSON.
 */

/** Where a question sits in the Known-Knowns framework (see DESIGN.md). */
export type Quadrant = 'known-known' | 'known-unknown' | 'unknown-known' | 'unknown-unknown';

/** Reason for contact, carried by intents, tickets and reports. */
export type Reason = 'information' | 'service' | 'new-service' | 'incident';
export const REASONS: readonly Reason[] = ['information', 'service', 'new-service', 'incident'];

/** What the conversation service should do with the decision. */
export type RouteAction =
  | 'answer' // Known-Known: reply with the intent's answer (article or canned text)
  | 'clarify' // Known-Unknown: offer the top candidates as choices
  | 'collect-contact' // Unknown-Known / policy hand-off: ask for contact details, open a ticket
  | 'escalate'; // Unknown-Unknown: ask for contact details, ticket flagged for escalation

export type IntentAnswer =
  | { kind: 'article'; articleId: string }
  | { kind: 'canned'; text: string }
  | { kind: 'action'; action: 'collect-contact' };

/** An intent as admins write it. */
export interface IntentSpec {
  id: string;
  name: string;
  description: string;
  reason: Reason;
  keywords: string[];
  phrases: string[];
  negativeKeywords: string[];
  examples: string[];
  answer: IntentAnswer | null;
  enabled: boolean;
}

/** A published article, as the engine sees it (plain text, no HTML). */
export interface ArticleSpec {
  id: string;
  title: string;
  keywords: string[];
  /** Plain-text body (Markdown stripped is fine). */
  body: string;
}

/** A solved ticket: the customer's question and who solved it. */
export interface SolvedTicketSpec {
  id: string;
  number: number;
  question: string;
  intentId: string | null;
  solvedBy: string | null;
}

export interface TrainingInput {
  intents: IntentSpec[];
  articles: ArticleSpec[];
  solvedTickets: SolvedTicketSpec[];
}

export interface TrainingOptions {
  /** Model version label; the trainer derives one from the input when absent. */
  version?: string;
  /** Out-of-scope threshold override (the eval command picks one on a validation set). */
  threshold?: number;
}

/**
 * Opaque compiled model. Plain data only (objects, arrays, typed arrays) so it survives
 * structured clone across a worker thread.
 */
export interface CompiledModel {
  version: string;
  builtAt: string;
  /** Counts of what it was built from, shown to admins. */
  stats: { intents: number; examples: number; articles: number; solvedTickets: number };
  /** Engine-private data. */
  readonly data: unknown;
}

/** What the engine needs to know about the conversation so far. */
export interface ConversationContext {
  /** How many answers the customer has marked "No" in this conversation. */
  noCount: number;
  /** Intents already answered in this conversation, most recent last. */
  answeredIntentIds: string[];
  /** Number of customer messages before this one. */
  turn: number;
}

export interface Candidate {
  kind: 'intent' | 'article';
  id: string;
  /** Human label: intent name or article title. */
  label: string;
  /** Calibrated confidence in [0, 1]. */
  score: number;
}

export interface SimilarTicket {
  id: string;
  number: number;
  solvedBy: string | null;
  score: number;
}

export type HandoffTrigger = 'asked-for-person' | 'repeated-no' | 'negative-sentiment' | 'urgency';

export interface TraceEntry {
  stage: string; // e.g. 'normalise', 'rules', 'classifier', 'retrieval', 'calibration', 'decision', 'policy'
  detail: string; // a sentence an admin can read
  scores?: Record<string, number>;
}

export interface Decision {
  quadrant: Quadrant;
  action: RouteAction;
  /** The winning intent when the action is 'answer'. */
  intentId: string | null;
  /** The winning article when answering straight from an article (no intent). */
  articleId: string | null;
  confidence: number;
  /** Top candidates, best first (at most 3). */
  candidates: Candidate[];
  reason: Reason;
  similarTickets: SimilarTicket[];
  handoff: { trigger: HandoffTrigger; priority: 'normal' | 'high' | 'urgent' } | null;
  trace: TraceEntry[];
  modelVersion: string;
}

export interface RouteInput {
  text: string;
  context: ConversationContext;
}

/** The port the conversation service depends on. */
export interface Router {
  route(model: CompiledModel, input: RouteInput): Decision;
}
