import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { databaseTargets } from '../helpers/databases.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { testRuntime, type TestRuntime } from '../helpers/runtime.js';
import { makeUser, signIn, type ConsoleClient } from '../helpers/console.js';

/**
 * The console's use of the optional LLM: reply drafts (POST /v1/console/tickets/:number/draft),
 * the hand-off summary on the ticket, and `llm` on /me so the console knows whether to offer drafts.
 * The real runtime and openai SDK against the scripted fake server; and the same routes without an LLM.
 */
const uuid = () => crypto.randomUUID();

/** The engine alone puts this in Known-Unknown: related articles (share_note, sync_problems) exist. */
const QUESTION = 'can I share a notebook with my team and what about sync';

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as { code: string; status: number; detail: string };
}

type DraftBody = { draft: { text: string; citations: { id: string; title: string; slug: string }[] } };
type TicketBody = { ticket: { number: number; summary: string | null }; transcript: { role: string }[] };

/** A customer asks, then leaves an email: a ticket (and, with an LLM, a hand-off summary). */
async function openTicket(k: TestRuntime) {
  const c = await k.startConversation();
  expect((await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: QUESTION }, c.auth)).status).toBe(200);
  const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { name: 'Ada', email: 'ada@example.com' }, c.auth);
  expect(res.status).toBe(201);
  await k.idle();
  const { ticket } = (await res.json()) as { ticket: { number: number } };
  return { ...c, number: ticket.number };
}

describe.each(databaseTargets())('console drafts with an LLM on $name', (target) => {
  let fake: FakeOpenAi;
  let k: TestRuntime;
  let agent: ConsoleClient;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    k = await testRuntime(target, {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      LLM_TIMEOUT_MS: '1500',
      LLM_MAX_RETRIES: '0',
      LLM_BREAKER_FAILURES: '50',
      RATE_LIMIT_DISABLED: 'true',
    });
    await k.idle(); // the start-up embedding sync
    const u = await makeUser(k.database.db, 'agent', 'Alan Agent');
    agent = await signIn((path, init) => k.app.request(path, init), u.email, u.password);
  });
  afterAll(async () => {
    await k?.dispose();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('tells the console an LLM is configured, and shows the hand-off summary on the ticket', async () => {
    fake.script('summary', { kind: 'chat', content: 'Wants to share a notebook with the team and fix sync.' });
    const t = await openTicket(k);
    const me = (await (await agent.get('/v1/console/me')).json()) as { llm: boolean };
    expect(me.llm).toBe(true);
    const view = (await (await agent.get(`/v1/console/tickets/${t.number}`)).json()) as TicketBody;
    expect(view.ticket.summary).toBe('Wants to share a notebook with the team and fix sync.');
  });

  it('drafts a reply grounded in the knowledge base, for the agent to edit: nothing is sent', async () => {
    const t = await openTicket(k);
    const before = await k.database.db.select().from(messages).where(eq(messages.conversationId, t.conversationId));
    fake.reset();
    fake.script('draft', { kind: 'chat', content: 'Hi Ada,\nOpen the note and choose Share to invite your team [1].\nSOURCES: 1' });

    const res = await agent.post(`/v1/console/tickets/${t.number}/draft`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { draft } = (await res.json()) as DraftBody;
    expect(draft.text).toBe('Hi Ada,\nOpen the note and choose Share to invite your team [1].');
    expect(draft.citations).toHaveLength(1);
    expect(draft.citations[0]).toMatchObject({ id: expect.any(String), title: expect.stringMatching(/^(Share a note|Fix sync problems)$/), slug: expect.any(String) });

    // Grounded: the model was given the related articles and the customer's words.
    const sent = fake.requests.filter((r) => r.purpose === 'draft');
    expect(sent).toHaveLength(1);
    const user = sent[0]!.body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toMatch(/<article n="1" title="(Share a note|Fix sync problems)">/);
    expect(user).toContain(`<message from="customer">\n${QUESTION}\n</message>`);

    // A draft is not a reply: the conversation is unchanged.
    const after = await k.database.db.select().from(messages).where(eq(messages.conversationId, t.conversationId));
    expect(after).toHaveLength(before.length);
  });

  it('says so (503 unavailable) when the LLM fails or its draft fails the checks', async () => {
    const t = await openTicket(k);
    fake.script('draft', { kind: 'error', status: 500 });
    const failed = await agent.post(`/v1/console/tickets/${t.number}/draft`);
    expect(failed.status).toBe(503);
    expect((await problemOf(failed)).code).toBe('unavailable');

    fake.script('draft', { kind: 'chat', content: 'We regret any inconvenience caused.\nSOURCES: none' });
    const hollow = await agent.post(`/v1/console/tickets/${t.number}/draft`);
    expect(hollow.status).toBe(503);
    expect((await problemOf(hollow)).detail).toMatch(/could not be written/);
  });

  it('needs a session (401) and the CSRF token (403); an unknown ticket is 404', async () => {
    const t = await openTicket(k);
    fake.reset();
    const none = await k.app.request(`/v1/console/tickets/${t.number}/draft`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await problemOf(none)).code).toBe('unauthorized');

    const noCsrf = await k.app.request(`/v1/console/tickets/${t.number}/draft`, { method: 'POST', headers: { cookie: agent.cookie } });
    expect(noCsrf.status).toBe(403);
    expect((await problemOf(noCsrf)).code).toBe('csrf_failed');
    const wrongCsrf = await agent.post(`/v1/console/tickets/${t.number}/draft`, {}, { 'x-csrf-token': 'not-the-token' });
    expect(wrongCsrf.status).toBe(403);

    const unknown = await agent.post('/v1/console/tickets/999999/draft');
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).code).toBe('ticket_not_found');
    // None of these reached the LLM.
    expect(fake.requests.filter((r) => r.purpose === 'draft')).toHaveLength(0);
  });
});

describe.each(databaseTargets())('console drafts without an LLM on $name', (target) => {
  let k: TestRuntime;
  let agent: ConsoleClient;
  beforeAll(async () => {
    k = await testRuntime(target, { RATE_LIMIT_DISABLED: 'true' });
    const u = await makeUser(k.database.db, 'agent', 'Alan Agent');
    agent = await signIn((path, init) => k.app.request(path, init), u.email, u.password);
  });
  afterAll(async () => k?.dispose());

  it('answers 503 llm_unavailable, tells the console there is no LLM, and the ticket has no summary', async () => {
    const t = await openTicket(k);
    const res = await agent.post(`/v1/console/tickets/${t.number}/draft`);
    expect(res.status).toBe(503);
    const body = await problemOf(res);
    expect(body.code).toBe('llm_unavailable');
    expect(body.detail).toMatch(/OPENAI_API_KEY/);

    expect(((await (await agent.get('/v1/console/me')).json()) as { llm: boolean }).llm).toBe(false);
    const view = (await (await agent.get(`/v1/console/tickets/${t.number}`)).json()) as TicketBody;
    expect(view.ticket.summary).toBeNull();
  });
});
