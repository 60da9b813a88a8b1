import type { Decision, Quadrant, Reason } from '../routing/types.js';
import type { MessageMeta, TicketContext } from '../conversations/model.js';
import type { Priority } from '../conversations/sla.js';
import type { User } from '../accounts/model.js';

export type { TicketStatus } from '../conversations/model.js';
import type { TicketStatus } from '../conversations/model.js';
export type SlaState = 'ok' | 'due-soon' | 'breached' | 'met';

/** Who changed something; every change is recorded with one. */
export type Actor = Pick<User, 'id' | 'name' | 'role'>;

export interface TicketFilter {
  status?: TicketStatus[];
  priority?: Priority[];
  reason?: Reason[];
  intentId?: string;
  quadrant?: Quadrant[];
  /** 'me' and 'none' are resolved by the use case. */
  assigneeId?: string | null;
  sla?: 'breached' | 'due-soon' | 'ok';
  q?: string;
  sort: 'sla' | 'newest' | 'oldest' | 'updated';
  page: number;
  pageSize: number;
}

export interface TicketRecord {
  id: string;
  number: number;
  siteId: string;
  conversationId: string;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  reason: Reason;
  intentId: string | null;
  intentName: string | null;
  confidence: number | null;
  quadrant: Quadrant;
  escalated: boolean;
  assigneeId: string | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  solvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  contact: { id: string; name: string | null; email: string };
  context: TicketContext;
}

export interface TranscriptMessage {
  id: string;
  seq: number;
  role: 'customer' | 'bot' | 'agent' | 'note' | 'system';
  body: string;
  author: { id: string; name: string } | null;
  decision: Decision | null;
  meta: MessageMeta;
  helpful: boolean | null;
  createdAt: Date;
}

export interface TicketEvent {
  id: string;
  actor: string;
  kind: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface SlaPolicy {
  /** Hours per priority. */
  [priority: string]: { firstResponse: number; resolution: number };
}

export const NEXT_STATUSES: Record<TicketStatus, TicketStatus[]> = {
  new: ['open', 'pending', 'solved'],
  open: ['pending', 'solved'],
  pending: ['open', 'solved'],
  solved: ['open', 'closed'],
  closed: ['open'],
};

const SOON_MS = 3_600_000;

/** Where a ticket stands against its service-level targets. */
export function slaOf(t: Pick<TicketRecord, 'firstResponseDueAt' | 'resolutionDueAt' | 'firstRespondedAt' | 'solvedAt' | 'createdAt'>, now: Date) {
  const firstResponseBreached = !!t.firstResponseDueAt && (t.firstRespondedAt ?? now) > t.firstResponseDueAt;
  const resolutionBreached = !!t.resolutionDueAt && (t.solvedAt ?? now) > t.resolutionDueAt;
  const nextDueAt = t.solvedAt ? null : !t.firstRespondedAt && t.firstResponseDueAt ? t.firstResponseDueAt : t.resolutionDueAt;
  const state: SlaState =
    firstResponseBreached || resolutionBreached ? 'breached'
    : t.solvedAt ? 'met'
    : nextDueAt && nextDueAt.getTime() - now.getTime() < SOON_MS ? 'due-soon'
    : 'ok';
  return {
    state,
    nextDueAt,
    firstResponseBreached,
    resolutionBreached,
    /** Recorded times: first response and resolution, from the ticket's creation. */
    firstResponseMs: t.firstRespondedAt ? t.firstRespondedAt.getTime() - t.createdAt.getTime() : null,
    resolutionMs: t.solvedAt ? t.solvedAt.getTime() - t.createdAt.getTime() : null,
  };
}
