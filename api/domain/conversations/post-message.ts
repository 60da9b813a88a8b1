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
 * The main path. The customer's message is stored first, idempotently, so nothing that fails
 * later (routing, the database on the second write) can lose it; posting it again finishes the job.
 */
export async function postMessage(deps: ConversationDeps, input: PostMessageInput): Promise<PostMessageResult> {
  const text = input.text.trim();
  if (!text) throw new AppError('validation_failed', 'The message is empty.', { fields: [{ path: 'text', message: 'must not be blank' }] });
  const received = await deps.store.receiveCustomerMessage({ conversationId: input.conversationId, clientMessageId: input.clientMessageId, body: text });
  if (!received) throw new AppError('conversation_not_found', 'No such conversation.');
  const { conversation, ticket, message, created, history } = received;
  if (message.body !== text) {
    throw new AppError('idempotency_conflict', 'This clientMessageId was already used for a different message.');
  }
  if (!created) {
    const existing = await deps.store.listReplies(message.id);
    if (existing.length > 0 || conversation.status === 'handed-off') return { message, replies: existing };
  }
  if (ticket) {
    // A person owns this conversation now: the bot steps back and the ticket hears about it.
    await deps.store.noteCustomerActivity(ticket.id, message.id);
    if (conversation.status === 'handed-off') {
      if (created) await deps.events.messagesAdded(conversation.id);
      return { message, replies: [] };
    }
  }

  const brain = await deps.brains.forSite(conversation.siteId);
  const decision = decide(deps, brain, message, input.intentId, history);
  // With an LLM, a Known-Unknown may get a better reply; without one, or on any fault, the
  // deterministic reply goes out. The reply id is chosen first: streamed deltas announce it.
  const replyId = crypto.randomUUID();
  const assisted = ticket ? null : await assistWithLlm(deps, { conversation, question: text, decision, brain, replyId });
  const [first, ...rest] = assisted ?? composeReplies(decision, brain, conversation.locale, ticket?.number ?? null);
  const replies = await deps.store.saveReplies(conversation.id, message.id, first ? [{ ...first, id: replyId }, ...rest] : rest);
  await deps.events.messagesAdded(conversation.id);
  return { message, replies };
}

function decide(
  deps: ConversationDeps,
  brain: Brain,
  message: StoredMessage,
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
