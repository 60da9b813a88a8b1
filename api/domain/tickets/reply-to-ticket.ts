import { AppError } from '../errors.js';
import type { Actor } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

export const MAX_REPLY_LENGTH = 8000;

/**
 * A public reply. It reaches the customer live in the widget (realtime event) and, in the same
 * unit of work, an email is queued for a little later: if the widget delivers the reply live in
 * the meantime the email is skipped, otherwise it carries the reply and a link back to the chat.
 */
export async function replyToTicket(d: TicketDeps, actor: Actor, input: { number: number; text: string; macroId?: string }) {
  const text = input.text.trim();
  if (!text) throw new AppError('validation_failed', 'The reply is empty.', { fields: [{ path: 'text', message: 'empty' }] });
  const t = await findTicketOrThrow(d, input.number);
  if (t.status === 'closed') throw new AppError('conflict', `Ticket #${t.number} is closed; reopen it to reply.`);
  const at = d.now();
  const siteName = await d.siteName(t.siteId);
  const link = d.conversationLink(t.conversationId);
  const message = await d.tickets.addAgentMessage({
    ticket: t,
    role: 'agent',
    body: text,
    actor,
    at,
    data: input.macroId ? { macroId: input.macroId } : {},
    email: (messageId) => ({
      dedupeKey: `reply:${messageId}`,
      to: t.contact.email,
      subject: `Re: ${t.subject.slice(0, 120)} [#${t.number}]`,
      text: `${actor.name} from ${siteName} replied to your question:\n\n${text}\n\nContinue the conversation: ${link}\n`,
      html: null,
      notBefore: new Date(at.getTime() + d.emailDelayMs),
    }),
  });
  await d.events.messagesAdded(t.conversationId);
  await d.events.ticketChanged(t.conversationId, t.id);
  return { message };
}
