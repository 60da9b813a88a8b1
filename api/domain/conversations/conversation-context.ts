import type { ConversationContext } from '../routing/types.js';
import type { RoutingHistoryItem } from './model.js';

/** What the router needs to know about the conversation so far, derived from its messages. */
export function conversationContext(history: RoutingHistoryItem[], currentMessageId: string): ConversationContext {
  let noCount = 0;
  let turn = 0;
  const answeredIntentIds: string[] = [];
  for (const m of history) {
    if (m.id === currentMessageId) break;
    if (m.role === 'customer') turn++;
    if (m.helpful === false) noCount++;
    if (m.decision?.action === 'answer' && m.decision.intentId) answeredIntentIds.push(m.decision.intentId);
  }
  return { noCount, turn, answeredIntentIds };
}
