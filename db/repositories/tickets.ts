import { and, asc, count, desc, eq, inArray, isNotNull, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { appSettings, contacts, macros, messages, outbox, ticketEvents, tickets, users } from '../schema/index.js';
import type { MacroStore, TicketStore } from '../../api/domain/tickets/ports.js';
import type { SlaPolicy, TicketRecord, TranscriptMessage } from '../../api/domain/tickets/model.js';
import { DEFAULT_SLA_HOURS } from '../../api/domain/conversations/sla.js';

type TicketRow = typeof tickets.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

const toTicket = (t: TicketRow, c: ContactRow): TicketRecord => ({
  id: t.id,
  number: t.number,
  siteId: t.siteId,
  conversationId: t.conversationId,
  subject: t.subject,
  status: t.status,
  priority: t.priority,
  reason: t.reason,
  intentId: t.intentId,
  intentName: t.intentName,
  confidence: t.confidence,
  quadrant: t.quadrant,
  escalated: t.escalated,
  assigneeId: t.assigneeId,
  firstResponseDueAt: t.firstResponseDueAt,
  resolutionDueAt: t.resolutionDueAt,
  firstRespondedAt: t.firstRespondedAt,
  solvedAt: t.solvedAt,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  contact: { id: c.id, name: c.name, email: c.email },
  context: t.context,
});

const SLA_KEY = 'sla_policy';
/** LIKE pattern for a literal substring. */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export function createTicketStore(db: Db): TicketStore {
  return {
    async listTickets(f, now) {
      const where: SQL[] = [];
      if (f.status?.length) where.push(inArray(tickets.status, f.status));
      if (f.priority?.length) where.push(inArray(tickets.priority, f.priority));
      if (f.reason?.length) where.push(inArray(tickets.reason, f.reason));
      if (f.quadrant?.length) where.push(inArray(tickets.quadrant, f.quadrant));
      if (f.intentId) where.push(eq(tickets.intentId, f.intentId));
      if (f.assigneeId === null) where.push(isNull(tickets.assigneeId));
      else if (f.assigneeId) where.push(eq(tickets.assigneeId, f.assigneeId));
      const nowSql = sql`${now.toISOString()}::timestamptz`;
      const firstBreached = sql`(${tickets.firstResponseDueAt} < coalesce(${tickets.firstRespondedAt}, ${nowSql}))`;
      const resolutionBreached = sql`(${tickets.resolutionDueAt} < coalesce(${tickets.solvedAt}, ${nowSql}))`;
      const breached = sql`(${firstBreached} or ${resolutionBreached})`;
      const nextDue = sql`(case when ${tickets.solvedAt} is not null then null when ${tickets.firstRespondedAt} is null then ${tickets.firstResponseDueAt} else ${tickets.resolutionDueAt} end)`;
      const soon = sql`${new Date(now.getTime() + 3_600_000).toISOString()}::timestamptz`;
      if (f.sla === 'breached') where.push(breached);
      else if (f.sla === 'due-soon') where.push(sql`(not ${breached} and ${nextDue} < ${soon})`);
      else if (f.sla === 'ok') where.push(sql`(not ${breached} and (${nextDue} is null or ${nextDue} >= ${soon}))`);
      if (f.q?.trim()) {
        const pattern = likeOf(f.q.trim());
        where.push(
          or(
            sql`${tickets.subject} ilike ${pattern}`,
            sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${tickets.conversationId} and ${messages.body} ilike ${pattern})`,
            sql`${contacts.email} ilike ${pattern}`,
          )!,
        );
        const n = Number(f.q.trim().replace(/^#/, ''));
        if (Number.isInteger(n) && n > 0) where[where.length - 1] = or(where[where.length - 1]!, eq(tickets.number, n))!;
      }
      const cond = where.length ? and(...where) : undefined;
      const order =
        f.sort === 'newest' ? [desc(tickets.createdAt)]
        : f.sort === 'oldest' ? [asc(tickets.createdAt)]
        : f.sort === 'updated' ? [desc(tickets.updatedAt)]
        : [sql`${nextDue} asc nulls last`, asc(tickets.number)];
      const [rows, [total]] = await Promise.all([
        db
          .select({ t: tickets, c: contacts })
          .from(tickets)
          .innerJoin(contacts, eq(contacts.id, tickets.contactId))
          .where(cond)
          .orderBy(...order)
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize),
        db.select({ n: count() }).from(tickets).innerJoin(contacts, eq(contacts.id, tickets.contactId)).where(cond),
      ]);
      return { items: rows.map((r) => toTicket(r.t, r.c)), total: total?.n ?? 0 };
    },
    async findTicket(number) {
      const [r] = await db.select({ t: tickets, c: contacts }).from(tickets).innerJoin(contacts, eq(contacts.id, tickets.contactId)).where(eq(tickets.number, number)).limit(1);
      return r ? toTicket(r.t, r.c) : null;
    },
    async transcript(conversationId) {
      const rows = await db
        .select({ m: messages, authorName: users.name })
        .from(messages)
        .leftJoin(users, eq(users.id, messages.authorId))
        .where(eq(messages.conversationId, conversationId))
        .orderBy(asc(messages.seq));
      return rows.map(
        ({ m, authorName }): TranscriptMessage => ({
          id: m.id,
          seq: m.seq,
          role: m.role,
          body: m.body,
          author: m.authorId ? { id: m.authorId, name: authorName ?? '' } : null,
          decision: m.decision ?? null,
          meta: m.meta,
          helpful: m.helpful,
          createdAt: m.createdAt,
        }),
      );
    },
    async events(ticketId) {
      return db.select({ id: ticketEvents.id, actor: ticketEvents.actor, kind: ticketEvents.kind, data: ticketEvents.data, createdAt: ticketEvents.createdAt })
        .from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id));
    },
    async addAgentMessage({ ticket, role, body, actor, at, email, data = {} }) {
      return db.transaction(async (tx) => {
        const [t] = await tx.select().from(tickets).where(eq(tickets.id, ticket.id)).for('update');
        const [m] = await tx.insert(messages).values({ conversationId: ticket.conversationId, role, body, authorId: actor.id, meta: {} }).returning();
        if (role === 'agent') {
          await tx
            .update(tickets)
            .set({
              firstRespondedAt: t!.firstRespondedAt ?? at,
              status: t!.status === 'new' ? 'open' : t!.status,
              updatedAt: at,
            })
            .where(eq(tickets.id, ticket.id));
          if (email) {
            const e = email(m!.id);
            await tx.insert(outbox).values({ dedupeKey: e.dedupeKey, messageId: m!.id, to: e.to, subject: e.subject, text: e.text, html: e.html, nextAttemptAt: e.notBefore }).onConflictDoNothing();
            // Wakes the outbox workers at commit (NOTIFY is transactional).
            await tx.execute(sql`select pg_notify('knowns_outbox', '')`);
          }
        } else {
          await tx.update(tickets).set({ updatedAt: at }).where(eq(tickets.id, ticket.id));
        }
        await tx.insert(ticketEvents).values({
          ticketId: ticket.id,
          actor: actor.id,
          kind: role === 'agent' ? 'reply' : 'note',
          data: { messageId: m!.id, ...data, ...(role === 'agent' && !t!.firstRespondedAt ? { firstResponse: true } : {}), ...(role === 'agent' && t!.status === 'new' ? { status: { from: 'new', to: 'open' } } : {}) },
        });
        return { id: m!.id, seq: m!.seq, role: m!.role, body: m!.body, author: { id: actor.id, name: actor.name }, decision: null, meta: m!.meta, helpful: null, createdAt: m!.createdAt };
      });
    },
    async updateTicket(ticketId, patch, event, expect) {
      return db.transaction(async (tx) => {
        const where = expect?.status ? and(eq(tickets.id, ticketId), eq(tickets.status, expect.status)) : eq(tickets.id, ticketId);
        const rows = await tx.update(tickets).set({ ...patch, updatedAt: new Date() }).where(where).returning({ id: tickets.id });
        if (rows.length === 0) return false;
        await tx.insert(ticketEvents).values({ ticketId, actor: event.actor.id, kind: event.kind, data: event.data });
        return true;
      });
    },
    async lastSeqs(conversationId) {
      const rows = await db
        .select({ role: messages.role, seq: max(messages.seq) })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), inArray(messages.role, ['customer', 'agent'])))
        .groupBy(messages.role);
      const of = (role: string) => Number(rows.find((r) => r.role === role)?.seq ?? 0);
      return { customer: of('customer'), agent: of('agent') };
    },
    async ticketIntents() {
      const rows = await db
        .selectDistinct({ id: tickets.intentId, name: tickets.intentName })
        .from(tickets)
        .where(and(isNotNull(tickets.intentId), isNotNull(tickets.intentName)))
        .orderBy(tickets.intentName);
      return rows.map((r) => ({ id: r.id!, name: r.name! }));
    },
    async userNames(ids) {
      const unique = [...new Set(ids)];
      if (!unique.length) return new Map();
      const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async slaPolicy() {
      const [row] = await db.select().from(appSettings).where(eq(appSettings.key, SLA_KEY));
      const stored = row ? (JSON.parse(row.value) as SlaPolicy) : {};
      return { ...structuredClone(DEFAULT_SLA_HOURS as unknown as SlaPolicy), ...stored };
    },
    async saveSlaPolicy(policy) {
      await db
        .insert(appSettings)
        .values({ key: SLA_KEY, value: JSON.stringify(policy) })
        .onConflictDoUpdate({ target: appSettings.key, set: { value: JSON.stringify(policy), updatedAt: new Date() } });
    },
  };
}

export function createMacroStore(db: Db): MacroStore {
  return {
    async listMacros(siteId) {
      return db.select({ id: macros.id, name: macros.name, body: macros.body }).from(macros).where(eq(macros.siteId, siteId)).orderBy(asc(macros.name));
    },
    async findMacro(id) {
      const [r] = await db.select().from(macros).where(eq(macros.id, id)).limit(1);
      return r ? { id: r.id, siteId: r.siteId, name: r.name, body: r.body } : null;
    },
    async createMacro(input) {
      const [r] = await db.insert(macros).values(input).onConflictDoNothing().returning();
      return r ? { id: r.id, name: r.name, body: r.body } : null;
    },
  };
}

