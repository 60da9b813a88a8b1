import { AppError } from '../errors.js';
import type { Priority } from './sla.js';
import { dueTimes } from './sla.js';
import { copyFor } from './copy.js';
import type { ConversationDeps } from './deps.js';
import { summariseHandoff } from './summarise-handoff.js';
import type { StoredMessage, TicketSummary } from './model.js';
import type { Decision } from '../routing/types.js';

export interface LeaveContactInput {
  conversationId: string;
  name?: string;
  email: string;
  consent?: boolean;
}

/**
 * The customer leaves contact details: open a ticket carrying the whole context. Doing it twice
 * returns the same ticket.
 */
export async function leaveContact(
  deps: ConversationDeps,
  input: LeaveContactInput,
): Promise<{ ticket: TicketSummary; messages: StoredMessage[]; created: boolean }> {
  const conversation = await deps.store.findConversation(input.conversationId);
  if (!conversation) throw new AppError('conversation_not_found', 'No such conversation.');
  const existing = await deps.store.findTicketByConversation(conversation.id);
  if (existing) return { ticket: existing, messages: [], created: false };

  const history = await deps.store.listMessages(conversation.id);
  const customerMessages = history.filter((m) => m.role === 'customer');
  const decision = lastDecision(history);
  const lastQuestion = customerMessages.at(-1)?.body ?? '';
  const priority: Priority = decision?.handoff?.priority === 'urgent' ? 'urgent' : decision?.handoff?.priority === 'high' ? 'high' : 'normal';
  const quadrant = decision?.quadrant ?? 'unknown-unknown';
  const now = deps.now();
  const intentId = decision?.intentId ?? null;
  const intentName = intentId ? (await deps.brains.forSite(conversation.siteId)).intents.get(intentId)?.name ?? null : null;

  const { ticket, confirmation } = await deps.store.openTicket({
    siteId: conversation.siteId,
    conversationId: conversation.id,
    contact: { name: input.name?.trim() || null, email: input.email.trim().toLowerCase(), consent: input.consent ?? false },
    subject: subjectFrom(lastQuestion),
    priority,
    reason: decision?.reason ?? 'information',
    intentId,
    intentName,
    confidence: decision?.confidence ?? null,
    quadrant,
    escalated: quadrant === 'unknown-unknown',
    transcript: history.map((m) => ({ role: m.role, body: m.body, at: m.createdAt.toISOString() })),
    context: {
      page: conversation.page,
      referrer: conversation.referrer,
      userAgent: conversation.userAgent,
      locale: conversation.locale,
      articlesShown: history
        .filter((m) => m.meta.article)
        .map((m) => ({ articleId: m.meta.article!.id, title: m.meta.article!.title, messageId: m.id, helpful: m.helpful })),
      similarTickets: decision?.similarTickets ?? [],
      handoffTrigger: decision?.handoff?.trigger ?? null,
    },
    ...dueTimes(priority, now, deps.slaHours ? await deps.slaHours() : undefined),
    confirmation: (n) => ({ role: 'system', body: copyFor(conversation.locale).ticketOpened(n), meta: { ticketNumber: n } }),
  });
  await deps.events.messagesAdded(conversation.id);
  // The hand-off summary (optional LLM) never delays or blocks the ticket.
  const { llm, summaries, background } = deps;
  if (llm?.configured && summaries && background) {
    background(async () => {
      await summariseHandoff({ llm, summaries }, { ticketId: ticket.id, conversationId: conversation.id, history, intentName });
    });
  }
  return { ticket, messages: [confirmation], created: true };
}

/** The routing decision behind the hand-off: the most recent one that was not a plain answer, else the last. */
function lastDecision(history: StoredMessage[]): Decision | null {
  const decisions = history.map((m) => m.decision).filter((d): d is Decision => d !== null);
  return decisions.findLast((d) => d.action !== 'answer') ?? decisions.at(-1) ?? null;
}

function subjectFrom(question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  if (!oneLine) return 'Contact request';
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}…` : oneLine;
}
