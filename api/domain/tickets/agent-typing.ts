import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/** "An agent is typing" in the customer's widget (ephemeral: nothing is stored). */
export async function agentTyping(d: TicketDeps, input: { number: number; typing: boolean }) {
  const t = await findTicketOrThrow(d, input.number);
  await d.events.typing(t.conversationId, input.typing);
}
