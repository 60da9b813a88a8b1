import { AppError } from '../errors.js';
import { NEXT_STATUSES, type Actor, type TicketStatus } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/**
 * new → open → pending → solved → closed. A ticket is solved only when a public reply reached the
 * customer after their last message; an override needs a written reason, kept in the history.
 */
export async function changeStatus(d: TicketDeps, actor: Actor, input: { number: number; status: TicketStatus; overrideReason?: string }) {
  const t = await findTicketOrThrow(d, input.number);
  if (t.status === input.status) return { changed: false };
  if (!NEXT_STATUSES[t.status].includes(input.status))
    throw new AppError('conflict', `A ${t.status} ticket cannot become ${input.status} (allowed: ${NEXT_STATUSES[t.status].join(', ')}).`);
  const reason = input.overrideReason?.trim() || null;
  let overridden = false;
  if (input.status === 'solved') {
    const seqs = await d.tickets.lastSeqs(t.conversationId);
    if (seqs.agent <= seqs.customer) {
      if (!reason)
        throw new AppError('reply_required', 'Reply to the customer before solving: no public reply reached them after their last message. To solve anyway, give a reason.');
      overridden = true;
    }
  }
  const now = d.now();
  const patch = input.status === 'solved' ? { status: input.status, solvedAt: now } : input.status === 'closed' ? { status: input.status } : { status: input.status, solvedAt: null };
  const ok = await d.tickets.updateTicket(
    t.id,
    patch,
    { actor, kind: 'status', data: { from: t.status, to: input.status, ...(overridden ? { override: true, reason } : {}) } },
    { status: t.status },
  );
  if (!ok) throw new AppError('conflict', 'The ticket changed meanwhile; reload it and try again.');
  await d.events.ticketChanged(t.conversationId, t.id);
  return { changed: true, overridden };
}
