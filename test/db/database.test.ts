import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { openDatabase, type Database } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { readDemoSeed, seedSite } from '../../db/seed/index.js';
import { createConversationStore } from '../../db/repositories/conversation-store.js';
import { loadSiteKnowledge } from '../../db/repositories/knowledge.js';
import { sharedSecret } from '../../db/repositories/settings.js';
import { articles, intents, sites } from '../../db/schema/index.js';
import { databaseTargets } from '../helpers/databases.js';

describe.each(databaseTargets())('database on $name', (target) => {
  let database: Database;
  let url: string | undefined;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await target.create());
    database = await openDatabase({ url, dataDir: '/nonexistent', memory: !url });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('applies the committed migrations, and applying again changes nothing', async () => {
    if (url) {
      // Two processes starting at once on an empty database: the lock makes one apply them.
      const other = await openDatabase({ url, dataDir: '/nonexistent' });
      await Promise.all([applyMigrations(database), applyMigrations(other)]);
      await other.close();
    } else {
      await applyMigrations(database);
    }
    await applyMigrations(database);
    const applied: unknown = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    // PGlite returns { rows }, postgres.js returns the rows array.
    const rows = (Array.isArray(applied) ? applied : (applied as { rows: unknown[] }).rows) as { n: number }[];
    // One row per committed migration, however many there are.
    const journal = JSON.parse(readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };
    expect(rows[0]!.n).toBe(journal.entries.length);
  });

  it('seeds the demo once, with published articles and intents that answer with them', async () => {
    expect(await seedSite(database.db, readDemoSeed(), ['http://localhost:3000'])).toBe(true);
    expect(await seedSite(database.db, readDemoSeed(), ['http://localhost:3000'])).toBe(false);
    const [site] = await database.db.select().from(sites);
    const k = await loadSiteKnowledge(database.db, site!.id);
    expect(k.articles.length).toBeGreaterThanOrEqual(18);
    expect(k.intents.length).toBeGreaterThanOrEqual(18);
    const articleIds = new Set(k.articles.map((a) => a.id));
    for (const i of k.intents.filter((x) => x.answer?.kind === 'article')) {
      expect(articleIds.has((i.answer as { articleId: string }).articleId)).toBe(true);
    }
    expect((await database.db.select().from(articles)).every((a) => a.publishedVersionId)).toBe(true);
    expect((await database.db.select().from(intents)).length).toBe(k.intents.length);
  });

  it('stores a customer message once per client id, and numbers tickets from 1001', async () => {
    const store = createConversationStore(database.db);
    const [site] = await database.db.select().from(sites);
    const conv = await store.createConversation({
      siteId: site!.id, visitorId: 'visitor-1', page: null, referrer: null, userAgent: null, locale: 'en',
      greeting: { role: 'bot', body: 'hi', meta: {} },
    });
    const none = (await store.readForMessage({ conversationId: conv.id, clientMessageId: 'client-123' }))!;
    expect(none.conversation).toMatchObject({ id: conv.id, siteId: site!.id, visitorId: 'visitor-1', status: 'open', locale: 'en' });
    expect(none.conversation.createdAt.getTime()).toBe(conv.createdAt.getTime());
    expect(none.ticket).toBeNull();
    expect(none.existing).toBeNull();
    expect(none.history).toEqual([{ id: expect.any(String), role: 'bot', helpful: null, decision: null }]);

    const customer = { id: crypto.randomUUID(), clientMessageId: 'client-123', body: 'hello' };
    const reply = { role: 'bot' as const, body: 'hi again', meta: {}, decision: null };
    const turn = (await store.saveTurn({ conversationId: conv.id, customer, replies: [reply, reply] }))!;
    expect(turn.message).toMatchObject({ id: customer.id, role: 'customer', body: 'hello', clientMessageId: 'client-123' });
    expect(turn.replies.map((r) => [r.replyToId, r.body])).toEqual([[customer.id, 'hi again'], [customer.id, 'hi again']]);
    expect(turn.replies[0]!.seq).toBeGreaterThan(turn.message.seq);
    // The same clientMessageId again: nothing new is stored.
    expect(await store.saveTurn({ conversationId: conv.id, customer: { ...customer, id: crypto.randomUUID() }, replies: [reply] })).toBeNull();
    const again = await store.saveCustomerMessage({ conversationId: conv.id, clientMessageId: 'client-123', body: 'hello' });
    expect(again).toEqual({ message: turn.message, created: false });

    const seen = (await store.readForMessage({ conversationId: conv.id, clientMessageId: 'client-123' }))!;
    expect(seen.existing).toEqual(turn.message);
    expect(seen.history.map((h) => h.role)).toEqual(['bot', 'customer', 'bot', 'bot']);
    expect((await store.listMessages(conv.id)).length).toBe(4);
    // A Yes/No reaches the history routing reads, and a change of mind replaces it.
    expect(await store.saveFeedback(conv.id, turn.replies[0]!.id, false)).toBeNull();
    expect(await store.saveFeedback(conv.id, turn.replies[0]!.id, true)).toBe(false);
    const afterFeedback = (await store.readForMessage({ conversationId: conv.id, clientMessageId: 'client-456' }))!;
    expect(afterFeedback.history.map((h) => h.helpful)).toEqual([null, null, true, null]);
    expect((await store.findMessage(conv.id, turn.replies[0]!.id))!.helpful).toBe(true);
    expect(await store.readForMessage({ conversationId: crypto.randomUUID(), clientMessageId: 'client-123' })).toBeNull();
    const { ticket } = await store.openTicket({
      siteId: site!.id, conversationId: conv.id, contact: { name: null, email: 'x@example.com', consent: false },
      subject: 'hello', priority: 'normal', reason: 'information', intentId: null, intentName: null, confidence: null,
      quadrant: 'unknown-unknown', escalated: true, transcript: [],
      context: { page: null, referrer: null, userAgent: null, locale: 'en', articlesShown: [], similarTickets: [], handoffTrigger: null },
      firstResponseDueAt: new Date(), resolutionDueAt: new Date(),
      confirmation: (n) => ({ role: 'system', body: `#${n}`, meta: { ticketNumber: n } }),
    });
    expect(ticket.number).toBe(1001);
  });

  it('delivers LISTEN/NOTIFY payloads', async () => {
    const got: string[] = [];
    const unlisten = await database.listen('knowns_test', (p) => got.push(p));
    await database.notify('knowns_test', 'ping-1');
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await unlisten();
    expect(got).toEqual(['ping-1']);
  });

  it('shares one token secret between processes', async () => {
    const a = await sharedSecret(database.db);
    const b = await sharedSecret(database.db);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(40);
  });
});
