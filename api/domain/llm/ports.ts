/**
 * The optional LLM, as the domain sees it: five narrow ports, no SDK types. Knowns works without
 * any of them (`nullLlm`); an adapter (api/llm/) implements them over an OpenAI-compatible endpoint.
 *
 * Every method may throw: a timeout, a rate limit, an open circuit, garbage output. Callers treat
 * any throw as "no help from the LLM" and take the deterministic path.
 */

/** Why a call was made: recorded with its token use. */
export type LlmPurpose = 'answer' | 'classify' | 'summary' | 'embed' | 'draft';

/** Per-call context: whose conversation the tokens are spent on, and when to give up. */
export interface LlmCallContext {
  conversationId: string | null;
  /** Aborted when the caller's overall budget runs out. */
  signal?: AbortSignal;
  /** Overrides the adapter's deadline (background work, e.g. embedding a whole knowledge base, may take longer). */
  timeoutMs?: number;
}

/** An article the model may answer from: the current published version, as plain text. */
export interface GroundingArticle {
  id: string;
  title: string;
  url: string;
  text: string;
}

export interface GroundedAnswer {
  /** The answer, in the customer's language; empty when unsupported. */
  answer: string;
  /** Ids of the articles the answer cites, in order of first citation; a subset of the ones given. */
  citations: string[];
  /** False when the articles do not support an answer: the caller offers a person instead. */
  supported: boolean;
}

export interface AnswerComposer {
  /**
   * Composes an answer only from `articles`, streaming the visible text through `onDelta` as it
   * arrives (deltas never include the machine-readable trailer).
   */
  composeAnswer(
    input: { question: string; articles: GroundingArticle[]; locale: string },
    ctx: LlmCallContext,
    onDelta?: (text: string) => void,
  ): Promise<GroundedAnswer>;
}

export interface IntentChoice {
  id: string;
  name: string;
  description: string;
  /** The intent's example questions most similar to the customer's. */
  examples: string[];
}

export interface IntentClassifier {
  /** One of the candidates' ids, or null ("none", garbage output, anything outside the set). */
  chooseIntent(input: { question: string; candidates: IntentChoice[] }, ctx: LlmCallContext): Promise<string | null>;
}

export interface HandoffSummaryInput {
  transcript: { role: string; body: string }[];
  intentName: string | null;
  articlesShown: { title: string; helpful: boolean | null }[];
}

export interface Summariser {
  /** A short summary for the agent: what the customer needs and what was tried. */
  summarise(input: HandoffSummaryInput, ctx: LlmCallContext): Promise<string>;
}

export interface Embedder {
  /** One vector per text, same order. */
  embed(texts: string[], ctx: LlmCallContext): Promise<number[][]>;
}

export interface ReplyDraftInput {
  transcript: { role: string; body: string }[];
  articles: GroundingArticle[];
  macros: { title: string; body: string }[];
  brandVoice: string;
  locale: string;
}

export interface ReplyDraft {
  draft: string;
  citations: string[];
}

export interface ReplyDrafter {
  draftReply(input: ReplyDraftInput, ctx: LlmCallContext): Promise<ReplyDraft>;
}

/** Everything the LLM offers. `configured: false` means every method throws `LlmUnavailable`. */
export interface Llm extends AnswerComposer, IntentClassifier, Summariser, Embedder, ReplyDrafter {
  readonly configured: boolean;
}

export class LlmUnavailable extends Error {
  constructor(message = 'No LLM is configured.') {
    super(message);
    this.name = 'LlmUnavailable';
  }
}

const unavailable = async (): Promise<never> => {
  throw new LlmUnavailable();
};

/** No LLM configured: the default. Every caller has a deterministic path for this. */
export const nullLlm: Llm = {
  configured: false,
  composeAnswer: unavailable,
  chooseIntent: unavailable,
  summarise: unavailable,
  embed: unavailable,
  draftReply: unavailable,
};
