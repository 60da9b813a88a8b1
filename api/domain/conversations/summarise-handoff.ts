import type { Llm } from '../llm/ports.js';
import type { StoredMessage } from './model.js';

/** Where a hand-off summary is kept (on the ticket). */
export interface TicketSummaryStore {
  saveTicketSummary(ticketId: string, summary: string): Promise<void>;
}

export interface SummariseHandoffInput {
  ticketId: string;
  conversationId: string;
  history: StoredMessage[];
  intentName: string | null;
}

/**
 * The hand-off summary: what the customer needs and what was tried, for the agent who picks the
 * ticket up. Best effort and off the customer's path: it runs after the ticket is open, and
 * without an LLM, or when the LLM fails, the ticket simply has none (the transcript is there).
 */
export async function summariseHandoff(deps: { llm: Llm; summaries: TicketSummaryStore }, input: SummariseHandoffInput): Promise<string | null> {
  if (!deps.llm.configured) return null;
  const transcript = input.history
    .filter((m) => m.role === 'customer' || m.role === 'bot' || m.role === 'agent')
    .map((m) => ({ role: m.role, body: m.body }));
  if (!transcript.some((m) => m.role === 'customer')) return null;
  const articlesShown = input.history
    .filter((m) => m.meta.article || m.meta.citations?.length)
    .flatMap((m) => (m.meta.article ? [m.meta.article] : (m.meta.citations ?? [])).map((a) => ({ title: a.title, helpful: m.helpful })));
  const summary = await deps.llm.summarise({ transcript, intentName: input.intentName, articlesShown }, { conversationId: input.conversationId });
  await deps.summaries.saveTicketSummary(input.ticketId, summary);
  return summary;
}
