import { AppError } from '../errors.js';
import type { Actor } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/** Assigns (or unassigns, null) a ticket; "claim" is assigning it to oneself. */
export async function assignTicket(
  d: TicketDeps & { userExists(id: string): Promise<boolean> },
  actor: Actor,
  input: { number: number; assigneeId: string | null },
) {
  const t = await findTicketOrThrow(d, input.number);
  if (input.assigneeId && !(await d.userExists(input.assigneeId))) throw new AppError('user_not_found', 'No active user has that id.');
  if (t.assigneeId === input.assigneeId) return { changed: false };
  // Taking a new ticket opens it.
  const status = t.status === 'new' && input.assigneeId ? 'open' : undefined;
  await d.tickets.updateTicket(t.id, { assigneeId: input.assigneeId, ...(status ? { status } : {}) }, {
    actor,
    kind: input.assigneeId === actor.id ? 'claimed' : input.assigneeId ? 'assigned' : 'unassigned',
    data: { from: t.assigneeId, to: input.assigneeId, ...(status ? { status: { from: t.status, to: status } } : {}) },
  });
  await d.events.ticketChanged(t.conversationId, t.id);
  return { changed: true };
}
