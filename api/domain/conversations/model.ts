import type { Decision, Quadrant, Reason } from '../routing/types.js';
import type { BusinessHours } from './business-hours.js';
import type { Priority } from './sla.js';

export type MessageRole = 'customer' | 'bot' | 'agent' | 'note' | 'system';

export interface Site {
  id: string;
  key: string;
  name: string;
  allowedOrigins: string[];
  greeting: Record<string, string>;
  languages: string[];
  appearance: { color: string; position: 'right' | 'left' };
  /** Null or absent: always staffed. */
  businessHours?: BusinessHours | null;
  /** What the bot says outside business hours, per language (empty: the default copy). */
  offHoursMessage?: Record<string, string>;
}

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  status: 'open' | 'handed-off' | 'closed';
  page: string | null;
  referrer: string | null;
  userAgent: string | null;
  locale: string;
  contactId: string | null;
  createdAt: Date;
}

/** What a reply shows besides its text. */
export interface MessageMeta {
  article?: { id: string; versionId: string; title: string; slug: string };
  intentName?: string;
  suggestions?: { intentId: string; label: string }[];
  askContact?: boolean;
  askFeedback?: boolean;
  ticketNumber?: number;
  /** Articles an LLM-composed answer was grounded in, in citation order ([1], [2]…). */
  citations?: { id: string; versionId: string; title: string; slug: string }[];
}

export interface StoredMessage {
  id: string;
  seq: number;
  conversationId: string;
  role: MessageRole;
  body: string;
  bodyHtml: string | null;
  clientMessageId: string | null;
  replyToId: string | null;
  decision: Decision | null;
  meta: MessageMeta;
  /** The customer's Yes/No on this answer, if any. */
  helpful: boolean | null;
  createdAt: Date;
}

/** A message as routing sees the history. */
export interface RoutingHistoryItem {
  id: string;
  role: MessageRole;
  helpful: boolean | null;
  decision: Pick<Decision, 'action' | 'intentId'> | null;
}

/** Everything an agent needs that is not already in the transcript. */
export interface TicketContext {
  page: string | null;
  referrer: string | null;
  userAgent: string | null;
  locale: string;
  /** Articles the bot showed, and the customer's Yes/No on each (null: no answer). */
  articlesShown: { articleId: string; title: string; messageId: string; helpful: boolean | null }[];
  similarTickets: { id: string; number: number; solvedBy: string | null; score: number }[];
  handoffTrigger: string | null;
}

/** A reply to be stored. */
export interface NewReply {
  /** Set when the id was announced before the reply was stored (streamed answer deltas). */
  id?: string;
  role: 'bot' | 'system';
  body: string;
  bodyHtml?: string | null;
  decision?: Decision | null;
  meta: MessageMeta;
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'solved' | 'closed';

export interface TicketSummary {
  id: string;
  number: number;
  status: TicketStatus;
}

export interface NewTicket {
  siteId: string;
  conversationId: string;
  contact: { name: string | null; email: string; consent: boolean };
  subject: string;
  priority: Priority;
  reason: Reason;
  intentId: string | null;
  intentName: string | null;
  confidence: number | null;
  quadrant: Quadrant;
  escalated: boolean;
  transcript: { role: string; body: string; at: string }[];
  context: TicketContext;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  /** The confirmation shown to the customer, stored in the same transaction. */
  confirmation: (ticketNumber: number) => NewReply;
}
