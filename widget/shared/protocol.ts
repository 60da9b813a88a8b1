/**
 * Wire types of the public widget API (v1), written by hand until the API exports them from
 * `api/domain/conversations/wire.ts`. Type-only: nothing here reaches the bundle.
 */
export type Quadrant = 'known-known' | 'known-unknown' | 'unknown-known' | 'unknown-unknown';

export interface WireTicket {
  number: number;
  status: string;
}

export interface WireMessage {
  id: string;
  seq: number;
  role: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  /** Sanitized by the server; the widget still re-sanitizes it (defence in depth). */
  html: string | null;
  clientMessageId: string | null;
  createdAt: string;
  article: { id: string; title: string; url: string } | null;
  suggestions: { intentId: string; label: string }[];
  askContact: boolean;
  askFeedback: boolean;
  feedback: boolean | null;
  ticket: WireTicket | null;
  decision: {
    intentId: string | null;
    intentName: string | null;
    confidence: number;
    quadrant: Quadrant;
  } | null;
}

export interface StartConversationBody {
  siteKey: string;
  visitorId?: string;
  page?: string;
  referrer?: string;
  locale?: string;
  origin?: string;
}

export interface StartConversationResult {
  conversationId: string;
  token: string;
  visitorId: string;
  site: { name: string; color: string };
  messages: WireMessage[];
}

export interface ConversationView {
  conversationId: string;
  status: string;
  messages: WireMessage[];
  ticket: WireTicket | null;
}

export interface PostMessageBody {
  clientMessageId: string;
  text: string;
  intentId?: string;
}

export interface PostMessageResult {
  message: WireMessage;
  replies: WireMessage[];
}

export interface ContactBody {
  name?: string;
  email: string;
  consent: true;
}

export interface ContactResult {
  ticket: WireTicket;
  messages: WireMessage[];
}

export interface FeedbackBody {
  messageId: string;
  helpful: boolean;
}

export interface FeedbackResult {
  replies: WireMessage[];
}

/** RFC 9457 problem+json, as every API error is shaped. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId?: string;
}
