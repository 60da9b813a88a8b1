import { AppError } from '../errors.js';
import type { TicketRecord } from './model.js';
import type { TicketDeps } from './ports.js';

export async function findTicketOrThrow(d: Pick<TicketDeps, 'tickets'>, number: number): Promise<TicketRecord> {
  const t = await d.tickets.findTicket(number);
  if (!t) throw new AppError('ticket_not_found', `No ticket #${number}.`);
  return t;
}
