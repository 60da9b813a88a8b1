import { AppError } from '../errors.js';
import type { Actor } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/** An internal note: in the transcript for agents, never sent to the customer. */
export async function addNote(d: TicketDeps, actor: Actor, input: { number: number; text: string }) {
  const text = input.text.trim();
  if (!text) throw new AppError('validation_failed', 'The note is empty.', { fields: [{ path: 'text', message: 'empty' }] });
  const t = await findTicketOrThrow(d, input.number);
  const message = await d.tickets.addAgentMessage({ ticket: t, role: 'note', body: text, actor, at: d.now(), email: null });
  await d.events.ticketChanged(t.conversationId, t.id);
  return { message };
}
