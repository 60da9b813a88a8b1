import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { contacts, conversations, feedback, messages, sites, ticketEvents, tickets } from '../schema/index.js';
import type { ConversationStore } from '../../api/domain/conversations/ports.js';
import type { Conversation, NewReply, RoutingHistoryItem, Site, StoredMessage, TicketSummary } from '../../api/domain/conversations/model.js';
import type { Decision } from '../../api/domain/routing/types.js';

type SiteRow = typeof sites.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

const toSite = (r: SiteRow): Site => ({
  id: r.id,
  key: r.key,
  name: r.name,
  allowedOrigins: r.allowedOrigins,
  greeting: r.greeting,
  languages: r.languages,
  appearance: r.appearance,
  businessHours: r.businessHours,
  offHoursMessage: r.offHoursMessage,
});

const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  siteId: r.siteId,
  visitorId: r.visitorId,
  status: r.status,
  page: r.page,
  referrer: r.referrer,
  userAgent: r.userAgent,
  locale: r.locale,
  contactId: r.contactId,
  createdAt: r.createdAt,
});

const toMessage = (r: MessageRow): StoredMessage => ({
  id: r.id,
  seq: r.seq,
  conversationId: r.conversationId,
  role: r.role,
  body: r.body,
  bodyHtml: r.bodyHtml,
  clientMessageId: r.clientMessageId,
  replyToId: r.replyToId,
  decision: r.decision ?? null,
  meta: r.meta,
  helpful: r.helpful,
  createdAt: r.createdAt,
});

const replyRow = (conversationId: string, replyToId: string | null, r: NewReply) => ({
  ...(r.id ? { id: r.id } : {}),
  conversationId,
  replyToId,
  role: r.role,
  body: r.body,
  bodyHtml: r.bodyHtml ?? null,
  decision: r.decision ?? null,
  meta: r.meta,
});

/** Postgres unique_violation. */
const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/** drizzle's execute() answers with the rows on postgres.js and with `{ rows }` on PGlite. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** readForMessage's one row: JSON built by PostgreSQL, as text on both drivers. */
interface ReadRow {
  conversation: string | null;
  existing: string | null;
  history: string;
}
type ConversationJson = {
  id: string; site_id: string; visitor_id: string; status: Conversation['status']; page: string | null; referrer: string | null;
  user_agent: string | null; locale: string; contact_id: string | null; created_at: string;
  ticket_id: string | null; ticket_number: number | null; ticket_status: TicketSummary['status'] | null;
};
type MessageJson = {
  id: string; seq: number; conversation_id: string; role: StoredMessage['role']; body: string; body_html: string | null;
  client_message_id: string | null; reply_to_id: string | null; decision: Decision | null; meta: StoredMessage['meta']; helpful: boolean | null;
  created_at: string;
};

const fromConversationJson = (c: ConversationJson): { conversation: Conversation; ticket: TicketSummary | null } => ({
  conversation: {
    id: c.id,
    siteId: c.site_id,
    visitorId: c.visitor_id,
    status: c.status,
    page: c.page,
    referrer: c.referrer,
    userAgent: c.user_agent,
    locale: c.locale,
    contactId: c.contact_id,
    createdAt: new Date(c.created_at),
  },
  ticket: c.ticket_id ? { id: c.ticket_id, number: c.ticket_number!, status: c.ticket_status! } : null,
});

const fromMessageJson = (m: MessageJson): StoredMessage => ({
  id: m.id,
  seq: m.seq,
  conversationId: m.conversation_id,
  role: m.role,
  body: m.body,
  bodyHtml: m.body_html,
  clientMessageId: m.client_message_id,
  replyToId: m.reply_to_id,
  decision: m.decision ?? null,
  meta: m.meta,
  helpful: m.helpful,
  createdAt: new Date(m.created_at),
});

const historyFromJson = (json: string): RoutingHistoryItem[] =>
  (JSON.parse(json) as [string, StoredMessage['role'], boolean | null, string | null, string | null][]).map(([id, role, helpful, action, intentId]) => ({
    id,
    role,
    helpful,
    decision: action ? { action: action as Decision['action'], intentId } : null,
  }));

/**
 * The write every customer message makes (the message and the bot's replies), built once per row
 * count: drizzle then only fills in the values (building a query costs more CPU than PostgreSQL
 * spends running it), and postgres.js keeps it prepared on each connection.
 */
function hotPath(db: Db) {
  const p = sql.placeholder;
  const inserts = new Map<number, ReturnType<typeof buildInsert>>();
  function buildInsert(n: number) {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: p(`id${i}`),
      conversationId: p('conversationId'),
      role: p(`role${i}`),
      body: p(`body${i}`),
      bodyHtml: p(`bodyHtml${i}`),
      clientMessageId: p(`clientMessageId${i}`),
      replyToId: p(`replyToId${i}`),
      replyIndex: p(`replyIndex${i}`),
      // Placeholders skip drizzle's null handling (a JSON null would be stored): stringified here.
      decision: sql`${p(`decision${i}`)}::jsonb`,
      meta: sql`${p(`meta${i}`)}::jsonb`,
    }));
    // Only what the database decides comes back: the rest is what was sent.
    return db
      .insert(messages)
      .values(rows)
      .returning({ id: messages.id, seq: messages.seq, createdAt: messages.createdAt })
      .prepare(`knowns_insert_messages_${n}`);
  }
  return {
    /** Inserts messages in one statement, in order (their seq follows the order given). */
    async insertMessages(conversationId: string, rows: InsertedMessage[]): Promise<StoredMessage[]> {
      let q = inserts.get(rows.length);
      if (!q) inserts.set(rows.length, (q = buildInsert(rows.length)));
      const values: Record<string, unknown> = { conversationId };
      rows.forEach((r, i) => {
        values[`id${i}`] = r.id;
        values[`role${i}`] = r.role;
        values[`body${i}`] = r.body;
        values[`bodyHtml${i}`] = r.bodyHtml ?? null;
        values[`clientMessageId${i}`] = r.clientMessageId ?? null;
        values[`replyToId${i}`] = r.replyToId ?? null;
        values[`replyIndex${i}`] = r.replyIndex ?? null;
        values[`decision${i}`] = r.decision ? JSON.stringify(r.decision) : null;
        values[`meta${i}`] = JSON.stringify(r.meta ?? {});
      });
      const stored = new Map((await q.execute(values)).map((r) => [r.id, r]));
      return rows.map((r): StoredMessage => {
        const { seq, createdAt } = stored.get(r.id)!;
        return {
          id: r.id,
          seq,
          conversationId,
          role: r.role,
          body: r.body,
          bodyHtml: r.bodyHtml ?? null,
          clientMessageId: r.clientMessageId ?? null,
          replyToId: r.replyToId ?? null,
          decision: r.decision ?? null,
          meta: r.meta ?? {},
          helpful: null,
          createdAt,
        };
      });
    },
  };
}

interface InsertedMessage extends Omit<NewReply, 'role'> {
  id: string;
  role: StoredMessage['role'];
  clientMessageId?: string;
  replyToId?: string | null;
  replyIndex?: number | null;
}

/** The replies to a customer message, numbered so that a set is stored once. */
const repliesTo = (replyToId: string | null, replies: NewReply[]): InsertedMessage[] =>
  replies.map((r, i) => ({ ...r, id: r.id ?? crypto.randomUUID(), replyToId, replyIndex: replyToId ? i : null }));

export function createConversationStore(db: Db): ConversationStore {
  const messagesWhere = (where: ReturnType<typeof eq>) => db.select().from(messages).where(where).orderBy(asc(messages.seq));

  const hot = hotPath(db);
  const store: ConversationStore = {
    async findSiteByKey(key) {
      const [row] = await db.select().from(sites).where(eq(sites.key, key)).limit(1);
      return row ? toSite(row) : null;
    },
    async findSiteById(id) {
      const [row] = await db.select().from(sites).where(eq(sites.id, id)).limit(1);
      return row ? toSite(row) : null;
    },
    async createConversation(input) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(conversations)
          .values({
            siteId: input.siteId,
            visitorId: input.visitorId,
            page: input.page,
            referrer: input.referrer,
            userAgent: input.userAgent,
            locale: input.locale,
          })
          .returning();
        await tx.insert(messages).values(replyRow(row!.id, null, input.greeting));
        return toConversation(row!);
      });
    },
    async findConversation(id) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
      return row ? toConversation(row) : null;
    },
    async listMessages(conversationId, afterSeq) {
      const where = afterSeq !== undefined
        ? and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq))!
        : eq(messages.conversationId, conversationId);
      return (await messagesWhere(where)).map(toMessage);
    },
    async readForMessage({ conversationId, clientMessageId }) {
      const [row] = rowsOf<ReadRow>(
        await db.execute(sql`
          with c as (
            select c.*, t.id as ticket_id, t.number as ticket_number, t.status as ticket_status
            from ${conversations} c left join ${tickets} t on t.conversation_id = c.id
            where c.id = ${conversationId}
          )
          select
            (select row_to_json(c)::text from c) as conversation,
            (select row_to_json(m)::text from ${messages} m where m.conversation_id = ${conversationId} and m.client_message_id = ${clientMessageId}) as existing,
            (select coalesce(json_agg(json_build_array(m.id, m.role, m.helpful, m.decision_action, m.decision_intent_id) order by m.seq), '[]')::text
               from ${messages} m where m.conversation_id = ${conversationId}) as history`),
      );
      if (!row?.conversation) return null;
      return {
        ...fromConversationJson(JSON.parse(row.conversation) as ConversationJson),
        existing: row.existing ? fromMessageJson(JSON.parse(row.existing) as MessageJson) : null,
        history: historyFromJson(row.history),
      };
    },
    async saveCustomerMessage({ conversationId, clientMessageId, body }) {
      const [inserted] = await db
        .insert(messages)
        .values({ conversationId, clientMessageId, body, role: 'customer' })
        .onConflictDoNothing({ target: [messages.conversationId, messages.clientMessageId] })
        .returning();
      if (inserted) return { message: toMessage(inserted), created: true };
      const [existing] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, clientMessageId)))
        .limit(1);
      return { message: toMessage(existing!), created: false };
    },
    async saveTurn({ conversationId, customer, replies }) {
      try {
        const [message, ...stored] = await hot.insertMessages(conversationId, [
          { id: customer.id, role: 'customer', body: customer.body, clientMessageId: customer.clientMessageId, meta: {} },
          ...repliesTo(customer.id, replies),
        ]);
        return { message: message!, replies: stored };
      } catch (e) {
        if (isUniqueViolation(e)) return null; // a concurrent post of the same clientMessageId won
        throw e;
      }
    },
    async listReplies(messageId) {
      return (await messagesWhere(eq(messages.replyToId, messageId))).map(toMessage);
    },
    async saveReplies(conversationId, replyToId, replies) {
      if (replies.length === 0) return [];
      try {
        // One statement: (reply_to_id, reply_index) is unique, so when the same customer message is
        // answered twice at once, the second set fails whole and the first one is returned.
        return await hot.insertMessages(conversationId, repliesTo(replyToId, replies));
      } catch (e) {
        if (!replyToId || !isUniqueViolation(e)) throw e;
        return store.listReplies(replyToId);
      }
    },
    async findMessage(conversationId, messageId) {
      const [row] = await messagesWhere(and(eq(messages.conversationId, conversationId), eq(messages.id, messageId))!);
      return row ? toMessage(row) : null;
    },
    async saveFeedback(conversationId, messageId, helpful) {
      return db.transaction(async (tx) => {
        const [prev] = await tx.select().from(feedback).where(eq(feedback.messageId, messageId)).for('update');
        if (prev) {
          if (prev.helpful !== helpful) {
            await tx.update(feedback).set({ helpful }).where(eq(feedback.id, prev.id));
            await tx.update(messages).set({ helpful }).where(eq(messages.id, messageId));
          }
          return prev.helpful;
        }
        const [inserted] = await tx.insert(feedback).values({ conversationId, messageId, helpful }).onConflictDoNothing().returning();
        // A concurrent first answer won: the message copies what was stored.
        const [stored] = inserted ? [inserted] : await tx.select().from(feedback).where(eq(feedback.messageId, messageId));
        await tx.update(messages).set({ helpful: stored?.helpful ?? helpful }).where(eq(messages.id, messageId));
        return inserted ? null : (stored?.helpful ?? null);
      });
    },
    async countUnhelpful(conversationId) {
      const [row] = await db
        .select({ n: count() })
        .from(feedback)
        .where(and(eq(feedback.conversationId, conversationId), eq(feedback.helpful, false)));
      return row?.n ?? 0;
    },
    async findTicketByConversation(conversationId) {
      const [row] = await db
        .select({ id: tickets.id, number: tickets.number, status: tickets.status })
        .from(tickets)
        .where(eq(tickets.conversationId, conversationId))
        .limit(1);
      return row ?? null;
    },
    async openTicket(input) {
      try {
        return await db.transaction(async (tx) => {
          const [contact] = await tx
            .insert(contacts)
            .values({
              siteId: input.siteId,
              name: input.contact.name,
              email: input.contact.email,
              consentAt: input.contact.consent ? new Date() : null,
            })
            .returning({ id: contacts.id });
          await tx
            .update(conversations)
            .set({ contactId: contact!.id, status: 'handed-off', updatedAt: new Date() })
            .where(eq(conversations.id, input.conversationId));
          const [ticket] = await tx
            .insert(tickets)
            .values({
              siteId: input.siteId,
              conversationId: input.conversationId,
              contactId: contact!.id,
              subject: input.subject,
              priority: input.priority,
              reason: input.reason,
              intentId: input.intentId,
              intentName: input.intentName,
              confidence: input.confidence,
              quadrant: input.quadrant,
              escalated: input.escalated,
              transcript: input.transcript,
              context: input.context,
              firstResponseDueAt: input.firstResponseDueAt,
              resolutionDueAt: input.resolutionDueAt,
            })
            .returning({ id: tickets.id, number: tickets.number, status: tickets.status });
          await tx.insert(ticketEvents).values({
            ticketId: ticket!.id,
            actor: 'customer',
            kind: 'created',
            data: { quadrant: input.quadrant, priority: input.priority, escalated: input.escalated },
          });
          const [confirmation] = await tx
            .insert(messages)
            .values(replyRow(input.conversationId, null, input.confirmation(ticket!.number)))
            .returning();
          return { ticket: ticket as TicketSummary, confirmation: toMessage(confirmation!) };
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // A concurrent request opened it first: answer with that one.
        const ticket = await store.findTicketByConversation(input.conversationId);
        if (!ticket) throw e;
        return { ticket, confirmation: (await store.listMessages(input.conversationId)).findLast((m) => m.meta.ticketNumber === ticket.number)! };
      }
    },
    async noteCustomerActivity(ticketId, messageId) {
      await db.transaction(async (tx) => {
        const [t] = await tx.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticketId)).for('update');
        if (t && (t.status === 'solved' || t.status === 'closed')) {
          await tx.update(tickets).set({ status: 'open', solvedAt: null, updatedAt: new Date() }).where(eq(tickets.id, ticketId));
          await tx.insert(ticketEvents).values({ ticketId, actor: 'customer', kind: 'reopened', data: { messageId } });
        } else {
          await tx.update(tickets).set({ updatedAt: sql`now()` }).where(eq(tickets.id, ticketId));
        }
        await tx.insert(ticketEvents).values({ ticketId, actor: 'customer', kind: 'customer-message', data: { messageId } });
      });
    },
  };
  return store;
}
