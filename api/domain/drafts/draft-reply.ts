import { AppError } from '../errors.js';
import type { BrainProvider } from '../knowledge/brain.js';
import type { Llm } from '../llm/ports.js';
import type { Router } from '../routing/types.js';
import { groundingArticles, MAX_GROUNDING_ARTICLES } from '../conversations/assist-with-llm.js';

/** What a reply draft is written from. */
export interface DraftSources {
  /** The ticket's conversation as the customer saw it (no internal notes), oldest first. */
  ticketForDraft(ticketId: string): Promise<{
    siteId: string;
    conversationId: string;
    locale: string;
    intentId: string | null;
    transcript: { role: 'customer' | 'bot' | 'agent' | 'system'; body: string }[];
  } | null>;
  macros(siteId: string): Promise<{ title: string; body: string }[]>;
  /** How the team wants to sound, as an admin wrote it ('' when unset). */
  brandVoice(siteId: string): Promise<string>;
}

export interface DraftReplyDeps {
  llm: Llm;
  brains: BrainProvider;
  router: Router;
  sources: DraftSources;
}

export type DraftReplyResult =
  | { ok: true; draft: string; citations: { id: string; title: string; slug: string }[] }
  /** `no-llm`: none configured; `llm-failed`: timeout, fault or an output that failed its checks. */
  | { ok: false; reason: 'no-llm' | 'llm-failed' };

/** Macros sent with a draft request, at most (the prompt stays small). */
const MAX_MACROS = 15;

/**
 * A reply draft for the agent working a ticket: grounded in the knowledge base (the ticket's
 * intent's article and what the engine finds for the customer's last question) and the team's
 * macros, in the brand voice, with a specific apology where one is owed. The agent edits and sends
 * it; nothing is sent from here. Route for the console: POST /v1/console/tickets/:id/draft.
 */
export async function draftReply(deps: DraftReplyDeps, ticketId: string): Promise<DraftReplyResult> {
  const ticket = await deps.sources.ticketForDraft(ticketId);
  if (!ticket) throw new AppError('ticket_not_found', 'No such ticket.');
  if (!deps.llm.configured) return { ok: false, reason: 'no-llm' };

  const brain = await deps.brains.forSite(ticket.siteId);
  const lastQuestion = ticket.transcript.findLast((m) => m.role === 'customer')?.body ?? '';
  const decision = deps.router.route(brain.model, { text: lastQuestion, context: { noCount: 0, answeredIntentIds: [], turn: 0 } });
  const intentArticle = ticket.intentId ? brain.intents.get(ticket.intentId)?.answer : undefined;
  const candidates = [
    ...(intentArticle?.kind === 'article' ? [{ kind: 'article' as const, id: intentArticle.articleId, label: '', score: 1 }] : []),
    ...decision.candidates,
  ];
  const articles = groundingArticles(brain, { ...decision, candidates }).slice(0, MAX_GROUNDING_ARTICLES);
  const [macros, brandVoice] = await Promise.all([deps.sources.macros(ticket.siteId), deps.sources.brandVoice(ticket.siteId)]);

  try {
    const out = await deps.llm.draftReply(
      { transcript: ticket.transcript, articles, macros: macros.slice(0, MAX_MACROS), brandVoice, locale: ticket.locale },
      { conversationId: ticket.conversationId },
    );
    const citations = out.citations
      .map((id) => brain.articles.get(id))
      .filter((a) => a !== undefined)
      .map((a) => ({ id: a.id, title: a.title, slug: a.slug }));
    return { ok: true, draft: out.draft, citations };
  } catch {
    return { ok: false, reason: 'llm-failed' };
  }
}
