import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { articles, embeddings, llmUsage, macros, messages, sites, tickets } from '../../db/schema/index.js';
import { draftReply } from '../../api/domain/drafts/draft-reply.js';
import { route } from '../../api/domain/routing/index.js';
import { createDraftSources, setBrandVoice } from '../../db/repositories/drafts.js';
import type { WireMessage } from '../../api/domain/conversations/wire.js';
import type { RealtimeEvent } from '../../api/realtime/hub.js';
import { databaseTargets } from '../helpers/databases.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { testRuntime, type TestRuntime } from '../helpers/runtime.js';

/**
 * The optional LLM, end to end: the real runtime and the real openai SDK against a scripted
 * OpenAI-compatible server on loopback. Every fault must end in the reply the engine gives alone.
 */
const uuid = () => crypto.randomUUID();
type PostResult = { message: WireMessage; replies: WireMessage[] };

/** The engine alone puts this in Known-Unknown: "did you mean" share_note / sync_problems. */
const KNOWN_UNKNOWN = 'can I share a notebook with my team and what about sync';

const llmEnv = (fake: FakeOpenAi, extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: fake.baseURL,
  LLM_TIMEOUT_MS: '1500',
  LLM_BREAKER_FAILURES: '50',
  RATE_LIMIT_DISABLED: 'true',
  ...extra,
});

describe.each(databaseTargets())('optional LLM on $name', (target) => {
  let fake: FakeOpenAi;
  let k: TestRuntime;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    k = await testRuntime(target, llmEnv(fake));
    await k.idle(); // the start-up embedding sync
  });
  afterAll(async () => {
    await k?.dispose();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  const ask = async (text: string) => {
    const c = await k.startConversation();
    const events: RealtimeEvent[] = [];
    const unsubscribe = k.hub.subscribe(c.conversationId, (e) => events.push(e));
    const res = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text }, c.auth);
    unsubscribe();
    expect(res.status).toBe(200);
    const body = (await res.json()) as PostResult;
    expect(body.replies).toHaveLength(1);
    const reply = body.replies[0]!;
    const [row] = await k.database.db.select().from(messages).where(eq(messages.id, reply.id));
    const deltas = events.filter((e): e is Extract<RealtimeEvent, { type: 'delta' }> => e.type === 'delta');
    return { c, reply, stored: row!, deltas };
  };

  /** What the engine says on its own: "did you mean…" with both candidates. */
  const expectDeterministic = (reply: WireMessage) => {
    expect(reply.decision?.quadrant).toBe('known-unknown');
    expect(reply.suggestions.map((s) => s.label)).toEqual(['Share a note', 'Fix sync problems']);
    expect(reply.citations).toEqual([]);
  };

  it('answers a Known-Unknown from the related articles, cited, streamed as it is written', async () => {
    fake.script('answer', {
      kind: 'stream',
      chunks: ['Open the note and choose ', 'Share to invite people [1].', ' If a change does not appear, ', 'sign out and back in [2].\n', 'SOURCES: 1, 2'],
    });
    const { reply, stored, deltas } = await ask(KNOWN_UNKNOWN);

    expect(reply.text).toBe('Open the note and choose Share to invite people [1]. If a change does not appear, sign out and back in [2].');
    expect(reply.citations.map((c) => [c.title, c.url])).toEqual([
      ['Share a note', 'http://localhost:3000/help/share-a-note'],
      ['Fix sync problems', 'http://localhost:3000/help/fix-sync-problems'],
    ]);
    expect(reply.html).toContain('<a href="/help/share-a-note">Share a note</a>');
    expect(reply.askFeedback).toBe(true);
    expect(reply.suggestions).toEqual([]);
    expect(stored.decision!.quadrant).toBe('known-unknown');
    expect(stored.decision!.trace.at(-1)).toMatchObject({ stage: 'llm-answer' });

    // The widget heard the answer as it was written, under the id it was then stored with,
    // without the machine-readable trailer.
    expect(deltas.length).toBeGreaterThan(1);
    expect(new Set(deltas.map((d) => d.messageId))).toEqual(new Set([reply.id]));
    const streamed = [...new Map(deltas.map((d) => [d.index, d.text])).entries()].sort(([a], [b]) => a - b).map(([, t]) => t).join('');
    expect(streamed).toBe('Open the note and choose Share to invite people [1]. If a change does not appear, sign out and back in [2].');

    // Grounded in the published text of exactly the candidates' articles.
    const request = fake.requests.find((r) => r.purpose === 'answer')!;
    const user = request.body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toContain('<article n="1" title="Share a note">');
    expect(user).toContain('<article n="2" title="Fix sync problems">');
    expect(request.body.stream).toBe(true);
  });

  it('forwards streamed pieces on the widget event stream as `event: delta`', async () => {
    fake.script('answer', { kind: 'stream', chunks: ['Choose Share [1].', '\nSOURCES: 1'], chunkDelayMs: 30 });
    const c = await k.startConversation();
    const res = await k.get(`/v1/widget/conversations/${c.conversationId}/events?token=${encodeURIComponent(c.token)}`);
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: RegExp) => {
      while (!needle.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(/event: message/); // the greeting: the stream is live
    const posted = k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: KNOWN_UNKNOWN }, c.auth);
    const { replies } = (await (await posted).json()) as PostResult;
    await readUntil(new RegExp(`"id":"${replies[0]!.id}"`));
    await reader.cancel();
    const deltaEvents = text.split('\n\n').filter((e) => e.startsWith('event: delta'));
    expect(deltaEvents.length).toBeGreaterThan(0);
    const first = JSON.parse(/^data: (.*)$/m.exec(deltaEvents[0]!)![1]!) as { messageId: string; index: number; text: string };
    expect(first).toEqual({ messageId: replies[0]!.id, index: 0, text: 'Choose Share [1].' });
    // Each piece once, although the hub delivers locally and through NOTIFY.
    expect(deltaEvents.length).toBe(new Set(deltaEvents).size);
    expect(text).not.toContain('SOURCES');
  });

  it('offers the contact form when the articles do not support an answer', async () => {
    fake.script('answer', { kind: 'stream', chunks: ['UNSUPP', 'ORTED'] });
    const { reply, stored, deltas } = await ask(KNOWN_UNKNOWN);
    expect(reply.askContact).toBe(true);
    expect(reply.text).toMatch(/couldn't find a clear answer/);
    expect(reply.citations).toEqual([]);
    expect(stored.decision!.trace.at(-1)!.detail).toMatch(/no answer/);
    expect(deltas).toEqual([]); // nothing of "UNSUPPORTED" reached the widget
  });

  it('treats an uncited answer as unsupported (no grounding, no answer)', async () => {
    fake.script('answer', { kind: 'stream', chunks: ['Sure! Team plans are 50% off this month.'] });
    const { reply } = await ask(KNOWN_UNKNOWN);
    expect(reply.askContact).toBe(true);
    expect(reply.text).not.toContain('50%');
  });

  it('classification help: a valid choice among the candidates answers with that intent', async () => {
    fake.script('classify', { kind: 'chat', content: '{"intent": "share_note"}' });
    const { reply, stored } = await ask(KNOWN_UNKNOWN);
    expect(reply.article?.title).toBe('Share a note');
    expect(reply.decision).toMatchObject({ quadrant: 'known-known', intentName: 'share_note' });
    expect(stored.decision!.trace.at(-1)).toMatchObject({ stage: 'llm-classifier' });
    expect(stored.decision!.trace.at(-1)!.detail).toContain('"share_note"');

    const request = fake.requests.find((r) => r.purpose === 'classify')!;
    expect(request.body.temperature).toBe(0);
    const user = request.body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toContain('<intent name="share_note">');
    expect(user).toContain('<intent name="sync_problems">');
    expect(fake.requests.some((r) => r.purpose === 'answer')).toBe(false);
  });

  it.each([
    ['prose', 'I think it is share_note.'],
    ['a name outside the candidates', '{"intent": "delete_account"}'],
    ['extra keys', '{"intent": "share_note", "also": "delete everything"}'],
    ['broken JSON', '{"intent": "share_note"'],
    ['an explicit none', '{"intent": "none"}'],
  ])('classification output that is %s counts as "none"; then the deterministic reply', async (_, content) => {
    fake.script('classify', { kind: 'chat', content });
    fake.script('answer', { kind: 'error', status: 400 });
    const { reply } = await ask(KNOWN_UNKNOWN);
    expectDeterministic(reply);
    expect(fake.requests.map((r) => r.purpose)).toEqual(['classify', 'embed', 'answer']);
  });

  it('retries a 429 and succeeds', async () => {
    fake.script('classify', { kind: 'error', status: 429, retryAfter: 0 }, { kind: 'chat', content: '{"intent": "share_note"}' });
    const { reply } = await ask(KNOWN_UNKNOWN);
    expect(reply.article?.title).toBe('Share a note');
    expect(fake.requests.filter((r) => r.purpose === 'classify')).toHaveLength(2);
  });

  it('a hang past the timeout: the deterministic reply arrives', async () => {
    fake.script('classify', { kind: 'hang' });
    fake.script('answer', { kind: 'hang' });
    const { reply } = await ask(KNOWN_UNKNOWN);
    expectDeterministic(reply);
  });

  it('malformed JSON from the server: the deterministic reply', async () => {
    fake.script('classify', { kind: 'malformed' });
    fake.script('answer', { kind: 'malformed' });
    const { reply } = await ask(KNOWN_UNKNOWN);
    expectDeterministic(reply);
  });

  it('a stream that breaks half-way: the deterministic reply replaces the partial one', async () => {
    fake.script('answer', { kind: 'stream', chunks: ['Open the note and ', 'choose Share [1].', ' Then…', '\nSOURCES: 1'], breakAfter: 2 });
    const { reply, deltas } = await ask(KNOWN_UNKNOWN);
    expectDeterministic(reply);
    expect(deltas.length).toBeGreaterThan(0);
    // Same id: the widget swaps the half-written answer for this one.
    expect(deltas.every((d) => d.messageId === reply.id)).toBe(true);
    // A stream that already showed text is never retried (it would repeat itself).
    expect(fake.requests.filter((r) => r.purpose === 'answer')).toHaveLength(1);
  });

  it('a connection dropped before anything was shown is retried', async () => {
    fake.script('answer', { kind: 'stream', chunks: ['never seen'], breakAfter: 0 }, { kind: 'stream', chunks: ['Choose Share [1].\nSOURCES: 1'] });
    const { reply } = await ask(KNOWN_UNKNOWN);
    expect(reply.text).toBe('Choose Share [1].');
    expect(reply.citations.map((c) => c.title)).toEqual(['Share a note']);
    expect(fake.requests.filter((r) => r.purpose === 'answer')).toHaveLength(2);
  });

  it('records token use and a cost estimate per conversation', async () => {
    fake.script('answer', { kind: 'stream', chunks: ['Choose Share [1].\nSOURCES: 1'], usage: { prompt_tokens: 1000, completion_tokens: 100 } });
    const { c } = await ask(KNOWN_UNKNOWN);
    const rows = await k.database.db.select().from(llmUsage).where(eq(llmUsage.conversationId, c.conversationId));
    expect(rows.map((r) => r.purpose).sort()).toEqual(['answer', 'classify', 'embed']);
    const answer = rows.find((r) => r.purpose === 'answer')!;
    expect(answer).toMatchObject({ model: 'gpt-4o-mini', promptTokens: 1000, completionTokens: 100 });
    // gpt-4o-mini list price: $0.15 / $0.60 per million tokens.
    expect(answer.costMicroUsd).toBe(210);
  });

  it('redacts emails and phone numbers before anything leaves for the LLM', async () => {
    fake.script('answer', { kind: 'stream', chunks: ['Choose Share [1].\nSOURCES: 1'] });
    await ask("can I share a notebook with my team and what about sync? I'm ada@example.com, +44 20 7946 0958");
    const sent = JSON.stringify(fake.requests.map((r) => r.body));
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(sent).not.toContain('ada@example.com');
    expect(sent).not.toContain('7946');
    expect(sent).toContain('[email]');
    expect(sent).toContain('[phone]');
  });

  it('writes a hand-off summary on the ticket, after the ticket is open', async () => {
    fake.script('summary', { kind: 'chat', content: 'Wants to share a notebook with the team and fix sync; the suggested answer did not help.' });
    const { c } = await ask(KNOWN_UNKNOWN);
    const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { email: 'ada@example.com' }, c.auth);
    expect(res.status).toBe(201);
    await k.idle();
    const [ticket] = await k.database.db.select().from(tickets).where(eq(tickets.conversationId, c.conversationId));
    expect(ticket!.summary).toBe('Wants to share a notebook with the team and fix sync; the suggested answer did not help.');
    const request = fake.requests.find((r) => r.purpose === 'summary')!;
    expect(request.body.messages!.find((m) => m.role === 'user')!.content).toContain(`<message from="customer">\n${KNOWN_UNKNOWN}\n</message>`);
    const usage = await k.database.db.select().from(llmUsage).where(eq(llmUsage.conversationId, c.conversationId));
    expect(usage.map((u) => u.purpose)).toContain('summary');
  });

  it('a failed summary never blocks the ticket: it opens, without one', async () => {
    fake.script('summary', { kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const { c } = await ask(KNOWN_UNKNOWN);
    const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { email: 'ada@example.com' }, c.auth);
    expect(res.status).toBe(201);
    await k.idle();
    const [ticket] = await k.database.db.select().from(tickets).where(eq(tickets.conversationId, c.conversationId));
    expect(ticket!.summary).toBeNull();
    expect(k.logLines.some((l) => l.includes('"llm call failed"') && l.includes('"summary"'))).toBe(true);
  });

  describe('reply drafts for agents', () => {
    const openTicket = async () => {
      const { c } = await ask(KNOWN_UNKNOWN);
      await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { email: 'ada@example.com' }, c.auth);
      await k.idle();
      const [ticket] = await k.database.db.select().from(tickets).where(eq(tickets.conversationId, c.conversationId));
      fake.reset();
      return ticket!;
    };
    const deps = () => ({ llm: k.llm, brains: k.brains, router: { route }, sources: createDraftSources(k.database.db) });

    it('grounds the draft in the knowledge base and macros, in the brand voice', async () => {
      const ticket = await openTicket();
      const [site] = await k.database.db.select().from(sites).where(eq(sites.key, 'demo'));
      await setBrandVoice(k.database.db, site!.id, 'Warm and direct. Sign as "The Lumen Notes team".');
      await k.database.db.insert(macros).values({ siteId: site!.id, name: 'Sync escalation', body: 'I have asked our engineers to look at your account.' }).onConflictDoNothing();
      fake.script('draft', {
        kind: 'chat',
        content: "I'm sorry sharing and sync got in your way today.\nOpen the note and choose Share [1].\nThe Lumen Notes team\nSOURCES: 1",
      });
      const result = await draftReply(deps(), ticket.id);
      expect(result).toEqual({
        ok: true,
        draft: "I'm sorry sharing and sync got in your way today.\nOpen the note and choose Share [1].\nThe Lumen Notes team",
        citations: [expect.objectContaining({ title: expect.any(String), slug: expect.any(String) })],
      });
      const user = fake.requests[0]!.body.messages!.find((m) => m.role === 'user')!.content;
      expect(user).toContain('<brand_voice>\nWarm and direct. Sign as "The Lumen Notes team".\n</brand_voice>');
      expect(user).toContain('<macro title="Sync escalation">');
      expect(user).toMatch(/<article n="1" title="(Share a note|Fix sync problems)">/);
      expect(user).toContain(`<message from="customer">\n${KNOWN_UNKNOWN}\n</message>`);
    });

    it('rejects a hollow apology, and says so without an LLM', async () => {
      const ticket = await openTicket();
      fake.script('draft', { kind: 'chat', content: 'We regret any inconvenience caused.\nSOURCES: none' });
      expect(await draftReply(deps(), ticket.id)).toEqual({ ok: false, reason: 'llm-failed' });
      expect(await draftReply({ ...deps(), llm: { ...k.llm, configured: false } }, ticket.id)).toEqual({ ok: false, reason: 'no-llm' });
      await expect(draftReply(deps(), crypto.randomUUID())).rejects.toMatchObject({ code: 'ticket_not_found' });
    });
  });

  describe('semantic retrieval', () => {
    it('embeds the published articles and intent examples at start-up', async () => {
      const rows = await k.database.db.select().from(embeddings);
      expect(rows.filter((r) => r.kind === 'article')).toHaveLength(21);
      expect(rows.filter((r) => r.kind === 'example').length).toBeGreaterThan(100);
      expect(rows.every((r) => r.model === 'text-embedding-3-small' && r.vector.length === 64)).toBe(true);
    });

    it('a rebuilt brain (a publish, a rollback) brings its embeddings up to date', async () => {
      const [site] = await k.database.db.select().from(sites).where(eq(sites.key, 'demo'));
      const before = (await k.database.db.select().from(embeddings).where(eq(embeddings.siteId, site!.id))).length;
      await k.database.db.delete(embeddings).where(and(eq(embeddings.siteId, site!.id), eq(embeddings.kind, 'article')));
      await k.brains.rebuild(site!.id);
      await k.idle();
      expect((await k.database.db.select().from(embeddings).where(eq(embeddings.siteId, site!.id))).length).toBe(before);
      const embedded = fake.requests.filter((r) => r.purpose === 'embed').flatMap((r) => r.body.input as string[]);
      expect(embedded).toHaveLength(21); // only the missing ones
    });

    it('finds articles beside the lexical engine: an Unknown-Unknown gets a grounded answer', async () => {
      const [site] = await k.database.db.select().from(sites).where(eq(sites.key, 'demo'));
      const [refunds] = await k.database.db
        .select({ vector: embeddings.vector })
        .from(embeddings)
        .innerJoin(articles, eq(articles.id, embeddings.refId))
        .where(and(eq(embeddings.siteId, site!.id), eq(embeddings.kind, 'article'), eq(articles.slug, 'refunds')));
      // The question means "refunds" in a way the engine's words do not see.
      fake.script('embed', { kind: 'embeddings', vectors: [refunds!.vector] });
      fake.script('answer', { kind: 'stream', chunks: ['Ask within 14 days for a full refund [1].\nSOURCES: 1'] });
      const { reply, stored } = await ask('what is the weather');
      expect(stored.decision!.quadrant).toBe('unknown-unknown');
      expect(reply.citations.map((c) => c.title)).toEqual(['Refunds']);
      expect(stored.decision!.trace.map((t) => t.stage)).toContain('semantic-retrieval');
      expect(fake.requests.map((r) => r.purpose)).toEqual(['embed', 'answer']); // no classification on an Unknown-Unknown
    });

    it('an Unknown-Unknown with nothing similar keeps the deterministic reply', async () => {
      fake.script('embed', { kind: 'embeddings', vectors: [new Array(64).fill(0).map((_, i) => (i === 0 ? 1 : 0))] });
      const { reply } = await ask('what is the weather');
      expect(reply.askContact).toBe(true);
      expect(reply.citations).toEqual([]);
      expect(fake.requests.map((r) => r.purpose)).toEqual(['embed']);
    });
  });

  it('leaves Known-Knowns and requests for a person alone', async () => {
    const known = await ask('How do I reset my password?');
    expect(known.reply.article?.title).toBe('Reset your password');
    const person = await ask('I want to talk to a human');
    expect(person.reply.askContact).toBe(true);
    expect(fake.requests).toEqual([]);
  });
});

describe('optional LLM: circuit breaker', () => {
  let fake: FakeOpenAi;
  let k: TestRuntime;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    k = await testRuntime(databaseTargets()[0]!, llmEnv(fake, { LLM_BREAKER_FAILURES: '2', LLM_MAX_RETRIES: '1', LLM_BREAKER_COOLDOWN_MS: '600000' }));
    await k.idle(); // the start-up embedding sync succeeds
    fake.reset();
    fake.setDefault('classify', { kind: 'error', status: 500 });
    fake.setDefault('embed', { kind: 'error', status: 500 });
    fake.setDefault('answer', { kind: 'error', status: 500 });
  });
  afterAll(async () => {
    await k?.dispose();
    await fake?.close();
  });

  it('after repeated 500s the circuit opens: no more calls, the deterministic reply at once', async () => {
    const ask = async () => {
      const c = await k.startConversation();
      const res = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: KNOWN_UNKNOWN }, c.auth);
      return ((await res.json()) as PostResult).replies[0]!;
    };
    const first = await ask();
    expect(first.suggestions.map((s) => s.label)).toEqual(['Share a note', 'Fix sync problems']);
    // One retry each, then the second failed call (the question's embedding) opened the circuit:
    // the answer was not even attempted.
    expect(fake.requests.map((r) => r.purpose)).toEqual(['classify', 'classify', 'embed', 'embed']);

    const second = await ask();
    expect(second.suggestions.map((s) => s.label)).toEqual(['Share a note', 'Fix sync problems']);
    expect(fake.requests).toHaveLength(4);
    expect(k.logLines.some((l) => l.includes('"llm circuit"') && l.includes('"open"'))).toBe(true);
  });
});

describe('optional LLM: admin routes', () => {
  let fake: FakeOpenAi;
  let k: TestRuntime;
  let plain: TestRuntime;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    plain = await testRuntime(databaseTargets()[0]!, {});
    // A stand-in for the console's admin session (tested with the console).
    k = await testRuntime(databaseTargets()[0]!, llmEnv(fake), {
      adminAuth: async (c, next) => {
        c.set('user', { id: crypto.randomUUID(), role: 'admin' });
        await next();
      },
    });
    await k.idle();
  });
  afterAll(async () => {
    await k?.dispose();
    await plain?.dispose();
    await fake?.close();
  });

  it('shows admins what the LLM costs, per purpose, and sets the brand voice for drafts', async () => {
    fake.reset();
    fake.script('answer', { kind: 'stream', chunks: ['Choose Share [1].\nSOURCES: 1'], usage: { prompt_tokens: 1000, completion_tokens: 100 } });
    const c = await k.startConversation();
    await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: KNOWN_UNKNOWN }, c.auth);

    const res = await k.get('/v1/admin/sites/demo/llm?days=7');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { configured: boolean; usage: { total: { calls: number; costUsd: number }; byPurpose: { purpose: string; promptTokens: number }[] }; brandVoice: string };
    expect(body.configured).toBe(true);
    expect(body.usage.byPurpose.map((p) => p.purpose).sort()).toEqual(['answer', 'classify', 'embed']);
    expect(body.usage.byPurpose.find((p) => p.purpose === 'answer')!.promptTokens).toBe(1000);
    expect(body.usage.total.calls).toBe(3);
    expect(body.usage.total.costUsd).toBeGreaterThan(0);
    expect(body.brandVoice).toBe('');

    const put = await k.app.request('/v1/admin/sites/demo/llm/brand-voice', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ brandVoice: 'Warm, direct, no jargon.' }) });
    expect(put.status).toBe(200);
    expect(((await (await k.get('/v1/admin/sites/demo/llm')).json()) as { brandVoice: string }).brandVoice).toBe('Warm, direct, no jargon.');
    expect((await k.get('/v1/admin/sites/nope/llm')).status).toBe(404);
  });

  it('is for admins only', async () => {
    const res = await plain.get('/v1/admin/sites/demo/llm');
    expect(res.status).toBe(401);
  });
});
