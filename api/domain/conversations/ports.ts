import type { Conversation, NewReply, NewTicket, RoutingHistoryItem, Site, StoredMessage, TicketSummary } from './model.js';

/** Storage the conversation use cases need. Each method is one atomic unit of work. */
export interface ConversationStore {
  findSiteByKey(key: string): Promise<Site | null>;
  findSiteById(id: string): Promise<Site | null>;
  createConversation(input: {
    siteId: string;
    visitorId: string;
    page: string | null;
    referrer: string | null;
    userAgent: string | null;
    locale: string;
    greeting: NewReply;
  }): Promise<Conversation>;
  findConversation(id: string): Promise<Conversation | null>;
  listMessages(conversationId: string, afterSeq?: number): Promise<StoredMessage[]>;
  /**
   * The message path's read, in one round trip: the conversation, its ticket if any, what routing
   * needs from the history (roles, Yes/No, past decisions' action and intent), and the message
   * already stored under this clientMessageId, if any. Null when the conversation does not exist.
   */
  readForMessage(input: { conversationId: string; clientMessageId: string }): Promise<{
    conversation: Conversation;
    ticket: TicketSummary | null;
    history: RoutingHistoryItem[];
    existing: StoredMessage | null;
  } | null>;
  /** Stores a customer message once per (conversation, clientMessageId). */
  saveCustomerMessage(input: { conversationId: string; clientMessageId: string; body: string }): Promise<{ message: StoredMessage; created: boolean }>;
  /**
   * Stores a customer message and the bot's replies to it atomically, in that order. Null when
   * the clientMessageId is already stored (a concurrent post of the same message won).
   */
  saveTurn(input: {
    conversationId: string;
    customer: { id: string; clientMessageId: string; body: string };
    replies: NewReply[];
  }): Promise<{ message: StoredMessage; replies: StoredMessage[] } | null>;
  /** Replies already stored for a customer message (idempotent re-post). */
  listReplies(messageId: string): Promise<StoredMessage[]>;
  /**
   * Stores the replies to a customer message unless some already exist (a concurrent
   * duplicate won the race): returns whatever is stored after the call.
   */
  saveReplies(conversationId: string, replyToId: string | null, replies: NewReply[]): Promise<StoredMessage[]>;
  findMessage(conversationId: string, messageId: string): Promise<StoredMessage | null>;
  /** Records Yes/No on an answer; returns the previous value (null: none). */
  saveFeedback(conversationId: string, messageId: string, helpful: boolean): Promise<boolean | null>;
  countUnhelpful(conversationId: string): Promise<number>;
  findTicketByConversation(conversationId: string): Promise<TicketSummary | null>;
  /** Creates the contact, the ticket, its first event and the confirmation message, atomically. */
  openTicket(input: NewTicket): Promise<{ ticket: TicketSummary; confirmation: StoredMessage }>;
  /** A customer wrote on a conversation that has a ticket: record it on the ticket (reopens a solved one). */
  noteCustomerActivity(ticketId: string, messageId: string): Promise<void>;
}

/** Realtime fan-out: tells every API process that a conversation changed. */
export interface ConversationEvents {
  messagesAdded(conversationId: string): Promise<void>;
  /**
   * A piece of a reply still being written (a streamed LLM answer): `index` counts from 0 per
   * message so listeners can drop repeats; the stored message, with this id, replaces it.
   */
  replyDelta?(conversationId: string, messageId: string, index: number, text: string): Promise<void>;
}
