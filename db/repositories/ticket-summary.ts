import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tickets } from '../schema/index.js';
import type { TicketSummaryStore } from '../../api/domain/conversations/summarise-handoff.js';

export function createTicketSummaryStore(db: Db): TicketSummaryStore {
  return {
    async saveTicketSummary(ticketId, summary) {
      await db.update(tickets).set({ summary }).where(eq(tickets.id, ticketId));
    },
  };
}
