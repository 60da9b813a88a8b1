import { AppError } from '../errors.js';
import type { Brain } from '../knowledge/brain.js';
import type { Decision } from '../routing/types.js';
import { assistWithLlm } from './assist-with-llm.js';
import { composeReplies } from './compose-replies.js';
import { conversationContext } from './conversation-context.js';
import type { ConversationDeps } from './deps.js';
import type { RoutingHistoryItem, StoredMessage } from './model.js';

export interface PostMessageInput {
  conversationId: string;
  clientMessageId: string;
  text: string;
  /** Set when the customer picked a "did you mean…" suggestion. */
  intentId?: string;
}

export interface PostMessageResult {
  message: StoredMessage;
  replies: StoredMessage[];
}

/**
 * The main path: one read (conversation, ticket, history, and this message if it was posted
 * before), routing, then one write that stores the customer's message and the replies together.
 * Nothing is lost when something fails on the way: the widget keeps the message until a post
 * succeeds, and posting it again (same clientMessageId) finishes the job or returns the answer.
 * When a person owns the conversation, or an LLM may take seconds to answer, the message is
 * stored first so that the console sees it at once.
 */
export async function postMessage(deps: ConversationDeps, input: PostMessageInput): Promise<PostMessageResult> {
  const text = input.text.trim();
  if (!text) throw new AppError('validation_failed', 'The message is empty.', { fields: [{ path: 'text', message: 'must not be blank' }] });
  // Null: the same message, posted twice at once, was stored by the other post; answer as a re-post.
  const result = (await answer(deps, input, text)) ?? (await answer(deps, input, text));
  if (!result) throw new Error(`message ${input.clientMessageId} was neither stored nor found`);
  return result;
}

async function answer(deps: ConversationDeps, input: PostMessageInput, text: string): Promise<PostMessageResult | null> {
  const seen = await deps.store.readForMessage({ conversationId: input.conversationId, clientMessageId: input.clientMessageId });
  if (!seen) throw new AppError('conversation_not_found', 'No such conversation.');
  const { conversation, ticket, history } = seen;
  let message = seen.existing;
  let created = false;
  if (message) {
    sameText(message, text);
    const existing = await deps.store.listReplies(message.id);
    if (existing.length > 0 || conversation.status === 'handed-off') return { message, replies: existing };
  } else if (ticket || deps.llm?.configured) {
    ({ message, created } = await deps.store.saveCustomerMessage({ conversationId: conversation.id, clientMessageId: input.clientMessageId, body: text }));
    sameText(message, text);
  }
  if (ticket && message) {
    // A person owns this conversation now: the bot steps back and the ticket hears about it.
    await deps.store.noteCustomerActivity(ticket.id, message.id);
    if (conversation.status === 'handed-off') {
      if (created) await deps.events.messagesAdded(conversation.id);
      return { message, replies: [] };
    }
  }

  const brain = await deps.brains.forSite(conversation.siteId);
  const customer = { id: message?.id ?? crypto.randomUUID(), body: text };
  const decision = decide(deps, brain, customer, input.intentId, history);
  // With an LLM, a Known-Unknown may get a better reply; without one, or on any fault, the
  // deterministic reply goes out. The reply id is chosen first: streamed deltas announce it.
  const replyId = crypto.randomUUID();
  const assisted = ticket ? null : await assistWithLlm(deps, { conversation, question: text, decision, brain, replyId });
  const [first, ...rest] = assisted ?? composeReplies(decision, brain, conversation.locale, ticket?.number ?? null);
  const replies = first ? [{ ...first, id: replyId }, ...rest] : rest;
  const result = message
    ? { message, replies: await deps.store.saveReplies(conversation.id, message.id, replies) }
    : await deps.store.saveTurn({ conversationId: conversation.id, customer: { id: customer.id, clientMessageId: input.clientMessageId, body: text }, replies });
  if (result) await deps.events.messagesAdded(conversation.id);
  return result;
}

function sameText(message: StoredMessage, text: string): void {
  if (message.body !== text) throw new AppError('idempotency_conflict', 'This clientMessageId was already used for a different message.');
}

function decide(
  deps: ConversationDeps,
  brain: Brain,
  message: { id: string; body: string },
  chosenIntentId: string | undefined,
  history: RoutingHistoryItem[],
): Decision {
  const context = conversationContext(history, message.id);
  const chosen = chosenIntentId ? brain.intents.get(chosenIntentId) : undefined;
  if (chosenIntentId && (!chosen || !chosen.enabled)) {
    throw new AppError('validation_failed', 'That suggestion is no longer available.', {
      fields: [{ path: 'intentId', message: 'unknown intent' }],
    });
  }
  if (chosen) {
    return {
      quadrant: 'known-known',
      action: 'answer',
      intentId: chosen.id,
      articleId: null,
      confidence: 1,
      candidates: [{ kind: 'intent', id: chosen.id, label: chosen.name, score: 1 }],
      reason: chosen.reason,
      similarTickets: [],
      handoff: null,
      trace: [{ stage: 'choice', detail: `The customer picked "${chosen.name}" from the suggestions.` }],
      modelVersion: brain.model.version,
    };
  }
  return deps.router.route(brain.model, { text: message.body, context });
}
