import { AppError } from '../errors.js';
import { copyFor } from './copy.js';
import type { ConversationDeps } from './deps.js';
import type { StoredMessage } from './model.js';

/** Policy: this many "No" answers in one conversation lead to the contact form. */
export const UNHELPFUL_ANSWERS_BEFORE_HANDOFF = 2;

export async function recordFeedback(
  deps: ConversationDeps,
  input: { conversationId: string; messageId: string; helpful: boolean },
): Promise<{ replies: StoredMessage[] }> {
  const conversation = await deps.store.findConversation(input.conversationId);
  if (!conversation) throw new AppError('conversation_not_found', 'No such conversation.');
  const message = await deps.store.findMessage(conversation.id, input.messageId);
  if (!message) throw new AppError('message_not_found', 'No such message in this conversation.');
  if (!message.meta.askFeedback) {
    throw new AppError('validation_failed', 'That message is not an answer that takes feedback.', {
      fields: [{ path: 'messageId', message: 'not an answer' }],
    });
  }
  const previous = await deps.store.saveFeedback(conversation.id, message.id, input.helpful);
  if (previous === input.helpful) return { replies: [] }; // a repeated click changes nothing

  const copy = copyFor(conversation.locale);
  const ticket = await deps.store.findTicketByConversation(conversation.id);
  let reply;
  if (input.helpful) reply = { role: 'bot' as const, body: copy.helpfulThanks, meta: {} };
  else if (ticket) reply = { role: 'bot' as const, body: copy.addedToTicket(ticket.number), meta: { ticketNumber: ticket.number } };
  else if ((await deps.store.countUnhelpful(conversation.id)) >= UNHELPFUL_ANSWERS_BEFORE_HANDOFF)
    reply = { role: 'bot' as const, body: copy.unhelpfulHandoff, meta: { askContact: true } };
  else reply = { role: 'bot' as const, body: copy.unhelpfulRetry, meta: {} };

  const replies = await deps.store.saveReplies(conversation.id, null, [reply]);
  await deps.events.messagesAdded(conversation.id);
  return { replies };
}
