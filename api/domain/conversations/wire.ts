import type { Quadrant } from '../routing/types.js';
import type { StoredMessage } from './model.js';

/** A message as the widget receives it (JSON over HTTP and SSE). */
export interface WireMessage {
  id: string;
  seq: number;
  role: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  html: string | null;
  clientMessageId: string | null;
  createdAt: string;
  article: { id: string; title: string; url: string } | null;
  /** The articles an LLM-composed answer cites, in order ([1], [2]…); empty otherwise. */
  citations: { id: string; title: string; url: string }[];
  suggestions: { intentId: string; label: string }[];
  askContact: boolean;
  askFeedback: boolean;
  feedback: boolean | null;
  ticket: { number: number; status: string } | null;
  decision: { intentId: string | null; intentName: string | null; confidence: number; quadrant: Quadrant } | null;
}

export interface WireTicket {
  number: number;
  status: string;
}

/** Internal notes never reach the customer. */
export function isCustomerVisible(m: StoredMessage): boolean {
  return m.role !== 'note';
}

export function toWire(m: StoredMessage, publicUrl: string): WireMessage {
  const a = m.meta.article;
  return {
    id: m.id,
    seq: m.seq,
    role: m.role === 'note' ? 'system' : m.role,
    text: m.body,
    html: m.bodyHtml,
    clientMessageId: m.clientMessageId,
    createdAt: m.createdAt.toISOString(),
    article: a ? { id: a.id, title: a.title, url: `${publicUrl}/help/${encodeURIComponent(a.slug)}` } : null,
    citations: (m.meta.citations ?? []).map((c) => ({ id: c.id, title: c.title, url: `${publicUrl}/help/${encodeURIComponent(c.slug)}` })),
    suggestions: m.meta.suggestions ?? [],
    askContact: m.meta.askContact ?? false,
    askFeedback: m.meta.askFeedback ?? false,
    feedback: m.helpful,
    ticket: m.meta.ticketNumber ? { number: m.meta.ticketNumber, status: 'new' } : null,
    decision: m.decision
      ? {
          intentId: m.decision.intentId,
          intentName: m.meta.intentName ?? null,
          confidence: m.decision.confidence,
          quadrant: m.decision.quadrant,
        }
      : null,
  };
}
