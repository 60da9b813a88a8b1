import { slaOf, type Actor, type TicketFilter } from './model.js';
import type { TicketDeps } from './ports.js';

export type ListTicketsInput = Omit<TicketFilter, 'assigneeId'> & { assignee?: 'me' | 'none' | string };

/** The inbox: filtered, searched, sorted by SLA due time unless asked otherwise, one page at a time. */
export async function listTickets(d: Pick<TicketDeps, 'tickets' | 'now'>, actor: Actor, input: ListTicketsInput) {
  const { assignee, ...rest } = input;
  const assigneeId = assignee === undefined ? undefined : assignee === 'me' ? actor.id : assignee === 'none' ? null : assignee;
  const now = d.now();
  const [{ items, total }, intents] = await Promise.all([d.tickets.listTickets({ ...rest, assigneeId }, now), d.tickets.ticketIntents()]);
  const names = await d.tickets.userNames(items.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])));
  return {
    items: items.map((t) => ({
      number: t.number,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      reason: t.reason,
      intentName: t.intentName,
      quadrant: t.quadrant,
      escalated: t.escalated,
      contact: { name: t.contact.name, email: t.contact.email },
      assignee: t.assigneeId ? { id: t.assigneeId, name: names.get(t.assigneeId) ?? '' } : null,
      sla: { ...slaOf(t, now), firstResponseDueAt: t.firstResponseDueAt, resolutionDueAt: t.resolutionDueAt },
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    })),
    total,
    intents,
    page: input.page,
    pageSize: input.pageSize,
  };
}
