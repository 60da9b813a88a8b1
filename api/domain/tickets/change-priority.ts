import type { Priority } from '../conversations/sla.js';
import type { Actor } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/** Changes the priority; the due times are recomputed from the ticket's creation with the current SLA policy. */
export async function changePriority(d: TicketDeps, actor: Actor, input: { number: number; priority: Priority }) {
  const t = await findTicketOrThrow(d, input.number);
  if (t.priority === input.priority) return { changed: false };
  const policy = (await d.tickets.slaPolicy())[input.priority]!;
  const from = t.createdAt.getTime();
  await d.tickets.updateTicket(
    t.id,
    { priority: input.priority, firstResponseDueAt: new Date(from + policy.firstResponse * 3_600_000), resolutionDueAt: new Date(from + policy.resolution * 3_600_000) },
    { actor, kind: 'priority', data: { from: t.priority, to: input.priority } },
  );
  await d.events.ticketChanged(t.conversationId, t.id);
  return { changed: true };
}
