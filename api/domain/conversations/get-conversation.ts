import { AppError } from '../errors.js';
import type { ConversationDeps } from './deps.js';
import type { Conversation, StoredMessage, TicketSummary } from './model.js';
import { isCustomerVisible } from './wire.js';

export async function getConversation(
  deps: ConversationDeps,
  conversationId: string,
  afterSeq?: number,
): Promise<{ conversation: Conversation; messages: StoredMessage[]; ticket: TicketSummary | null }> {
  const conversation = await deps.store.findConversation(conversationId);
  if (!conversation) throw new AppError('conversation_not_found', 'No such conversation.');
  const [messages, ticket] = await Promise.all([
    deps.store.listMessages(conversationId, afterSeq),
    deps.store.findTicketByConversation(conversationId),
  ]);
  return { conversation, messages: messages.filter(isCustomerVisible), ticket };
}
