import type { Actor, SlaPolicy, TicketEvent, TicketFilter, TicketRecord, TicketStatus, TranscriptMessage } from './model.js';
import type { Priority } from '../conversations/sla.js';
import type { Reason } from '../routing/types.js';
import type { Brain } from '../knowledge/brain.js';
import type { Router } from '../routing/types.js';

/** An email to enqueue in the same unit of work as the change that causes it. */
export interface OutgoingEmail {
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Not before this time (a grace period in which a live delivery makes it unnecessary). */
  notBefore: Date;
}

export interface TicketPatch {
  status?: TicketStatus;
  priority?: Priority;
  assigneeId?: string | null;
  solvedAt?: Date | null;
  firstResponseDueAt?: Date | null;
  resolutionDueAt?: Date | null;
}

/** Storage the ticket use cases need. Each method is one atomic unit of work. */
export interface TicketStore {
  listTickets(filter: TicketFilter, now: Date): Promise<{ items: TicketRecord[]; total: number }>;
  findTicket(number: number): Promise<TicketRecord | null>;
  transcript(conversationId: string): Promise<TranscriptMessage[]>;
  events(ticketId: string): Promise<TicketEvent[]>;
  /**
   * Stores an agent reply or an internal note, its ticket event and (for replies) the first
   * response time, the status move new → open and the email, all at once.
   */
  addAgentMessage(input: {
    ticket: TicketRecord;
    role: 'agent' | 'note';
    body: string;
    actor: Actor;
    at: Date;
    email: ((messageId: string) => OutgoingEmail) | null;
    data?: Record<string, unknown>;
  }): Promise<TranscriptMessage>;
  /** Applies a change and records it as an event; `expect` guards against a concurrent change. */
  updateTicket(ticketId: string, patch: TicketPatch, event: { actor: Actor; kind: string; data: Record<string, unknown> }, expect?: { status?: TicketStatus }): Promise<boolean>;
  /** seq of the last customer message and of the last public agent reply. */
  lastSeqs(conversationId: string): Promise<{ customer: number; agent: number }>;
  userNames(ids: string[]): Promise<Map<string, string>>;
  /** The intents tickets were opened with, for the inbox's intent filter. */
  ticketIntents(): Promise<{ id: string; name: string }[]>;
  slaPolicy(): Promise<SlaPolicy>;
  saveSlaPolicy(policy: SlaPolicy): Promise<void>;
}

export interface MacroStore {
  listMacros(siteId: string): Promise<{ id: string; name: string; body: string }[]>;
  findMacro(id: string): Promise<{ id: string; siteId: string; name: string; body: string } | null>;
  createMacro(input: { siteId: string; name: string; body: string }): Promise<{ id: string; name: string; body: string } | null>;
}

export interface KnowledgeWriter {
  articleExists(siteId: string, articleId: string): Promise<boolean>;
  listIntents(siteId: string): Promise<{ id: string; name: string; reason: Reason }[]>;
  createFlag(input: { articleId: string; ticketId: string | null; userId: string; comment: string }): Promise<{ id: string }>;
  listFlags(status: 'open' | 'resolved' | 'all'): Promise<{ id: string; articleId: string; articleTitle: string; ticketNumber: number | null; user: string; comment: string; status: string; createdAt: Date }[]>;
  /** A draft article (never shown to customers until an admin publishes it). */
  createDraftArticle(input: { siteId: string; title: string; body: string; authorId: string; note: string }): Promise<{ id: string; slug: string }>;
  /** Adds an example question to an intent (no duplicates); null when the intent does not exist. */
  addIntentExample(siteId: string, intentId: string, example: string): Promise<{ id: string; name: string } | null>;
  /** Creates an intent with this example; null when the name is taken. */
  createIntent(input: { siteId: string; name: string; reason: Reason; example: string; articleId: string | null; answerText: string | null }): Promise<{ id: string; name: string } | null>;
}

/** Tells the console (and the widget, for messages) that something changed, on every API process. */
export interface TicketEvents {
  messagesAdded(conversationId: string): Promise<void>;
  ticketChanged(conversationId: string, ticketId: string): Promise<void>;
  typing(conversationId: string, typing: boolean): Promise<void>;
}

export interface TicketDeps {
  tickets: TicketStore;
  macros: MacroStore;
  knowledge: KnowledgeWriter;
  events: TicketEvents;
  brains: { forSite(siteId: string): Promise<Brain>; rebuild(siteId: string): Promise<unknown> };
  router: Router;
  /** Signed, expiring link that reopens a conversation in a browser. */
  conversationLink(conversationId: string): string;
  /** How long an email waits for a live delivery to make it unnecessary. */
  emailDelayMs: number;
  siteName(siteId: string): Promise<string>;
  now: () => Date;
}
