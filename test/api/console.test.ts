import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { articleFlags, articles, intents, outbox, sessions, ticketEvents, tickets, messages } from '../../db/schema/index.js';
import { sharedSecret } from '../../db/repositories/settings.js';
import { createLinkSigner } from '../../api/http/conversation-link.js';
import type { WireMessage } from '../../api/domain/conversations/wire.js';
import type { TicketView } from '../../api/domain/tickets/get-ticket.js';
import { databaseTargets } from '../helpers/databases.js';
import { testRuntime, type TestRuntime } from '../helpers/runtime.js';
import { makeUser, signIn, type ConsoleClient } from '../helpers/console.js';

const uuid = () => crypto.randomUUID();

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { code: string; status: number; requestId: string; detail: string };
  expect(body.status).toBe(res.status);
  expect(body.requestId).toMatch(/\S+/);
  return body;
}

type ListBody = { items: { number: number; status: string; priority: string; assignee: { id: string } | null; sla: { state: string } }[]; total: number; page: number; pageSize: number };

describe.each(databaseTargets())('console API on $name', (target) => {
  let k: TestRuntime;
  let admin: ConsoleClient;
  let agent: ConsoleClient;
  let agentUser: Awaited<ReturnType<typeof makeUser>>;
  const request = (path: string, init?: RequestInit) => k.app.request(path, init);

  beforeAll(async () => {
    k = await testRuntime(target, { LOGIN_RATE_LIMIT: '5', RATE_LIMIT_PER_CONVERSATION: '100', EMAIL_DELAY_SECONDS: '0' });
    const a = await makeUser(k.database.db, 'admin', 'Ada Admin');
    agentUser = await makeUser(k.database.db, 'agent', 'Alan Agent');
    admin = await signIn(request, a.email, a.password);
    agent = await signIn(request, agentUser.email, agentUser.password);
  });
  afterAll(async () => k?.dispose());

  /** A customer asks something the bot cannot answer and leaves an email: a ticket. */
  async function openTicket(question = 'My invoices show a charge from a company called Zorblax, what is it?', name = 'Grace Hopper') {
    const c = await k.startConversation({ page: 'http://localhost:3000/billing', referrer: 'https://search.example/', locale: 'en-GB' });
    const ask = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: question }, c.auth);
    expect(ask.status).toBe(200);
    const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { name, email: 'grace@example.com' }, c.auth);
    expect(res.status).toBe(201);
    const { ticket } = (await res.json()) as { ticket: { number: number } };
    return { ...c, number: ticket.number };
  }
  const view = async (client: ConsoleClient, number: number) => {
    const res = await client.get(`/v1/console/tickets/${number}`);
    expect(res.status).toBe(200);
    return (await res.json()) as TicketView;
  };
  const widgetMessages = async (c: { conversationId: string; auth: Record<string, string> }) =>
    ((await (await k.get(`/v1/widget/conversations/${c.conversationId}`, c.auth)).json()) as { messages: WireMessage[] }).messages;

  describe('sign-in and sessions', () => {
    it('signs in with a session cookie (httpOnly, SameSite=Strict) and a CSRF token', async () => {
      const u = await makeUser(k.database.db, 'agent');
      const res = await k.post('/v1/console/auth/login', { email: u.email.toUpperCase(), password: u.password });
      expect(res.status).toBe(200);
      const set = res.headers.get('set-cookie')!;
      expect(set).toMatch(/knowns_session=[\w-]{40,}/);
      expect(set).toMatch(/HttpOnly/i);
      expect(set).toMatch(/SameSite=Strict/i);
      expect(set).toMatch(/Path=\//);
      expect(set).not.toMatch(/Secure/); // plain http here; Secure when PUBLIC_URL is https
      const body = (await res.json()) as { user: { email: string; role: string }; csrfToken: string };
      expect(body.user).toMatchObject({ email: u.email, role: 'agent' });
      expect(JSON.stringify(body)).not.toMatch(/password|scrypt/i);
      const me = await k.get('/v1/console/me', { cookie: set.split(';')[0]! });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { csrfToken: string }).csrfToken).toBe(body.csrfToken);
      // Only a hash of the cookie is stored.
      const rows = await k.database.db.select().from(sessions).where(eq(sessions.userId, u.id));
      expect(rows).toHaveLength(1);
      expect(set).not.toContain(rows[0]!.tokenHash);
    });

    it('the session cookie is Secure when the console is served over HTTPS', async () => {
      const u = await makeUser(k.database.db, 'agent');
      const res = await k.app.request('https://console.example/v1/console/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: u.email, password: u.password }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    });

    it('refuses a wrong password and an unknown email alike', async () => {
      const u = await makeUser(k.database.db, 'agent');
      const wrong = await k.post('/v1/console/auth/login', { email: u.email, password: 'not the password' });
      const unknown = await k.post('/v1/console/auth/login', { email: 'nobody@example.com', password: 'whatever it is' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const [a, b] = [await problemOf(wrong), await problemOf(unknown)];
      expect(a.code).toBe('invalid_credentials');
      expect(b.detail).toBe(a.detail);
      expect(wrong.headers.get('set-cookie')).toBeNull();
    });

    it('rate-limits sign-in attempts per email', async () => {
      const u = await makeUser(k.database.db, 'agent');
      for (let i = 0; i < 5; i++) expect((await k.post('/v1/console/auth/login', { email: u.email, password: `wrong-${i}-password` })).status).toBe(401);
      const limited = await k.post('/v1/console/auth/login', { email: u.email, password: u.password });
      expect(limited.status).toBe(429);
      expect((await problemOf(limited)).code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('refuses sign-in posted from another site', async () => {
      const u = await makeUser(k.database.db, 'agent');
      const res = await k.post('/v1/console/auth/login', { email: u.email, password: u.password }, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect((await problemOf(res)).code).toBe('csrf_failed');
    });

    it('sign-out ends this session; sign-out everywhere ends them all', async () => {
      const u = await makeUser(k.database.db, 'agent');
      const one = await signIn(request, u.email, u.password);
      const two = await signIn(request, u.email, u.password);
      const three = await signIn(request, u.email, u.password);
      const out = await one.post('/v1/console/auth/logout');
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/knowns_session=;/);
      expect((await one.get('/v1/console/me')).status).toBe(401);
      expect((await two.get('/v1/console/me')).status).toBe(200);
      const all = await two.post('/v1/console/auth/logout-everywhere');
      expect(all.status).toBe(200);
      expect(((await all.json()) as { ended: number }).ended).toBe(2);
      expect((await two.get('/v1/console/me')).status).toBe(401);
      expect((await three.get('/v1/console/me')).status).toBe(401);
    });
  });

  describe('access control', () => {
    const routes = (n: number): [string, string][] => [
      ['GET', '/v1/console/me'],
      ['GET', '/v1/console/users'],
      ['GET', '/v1/console/tickets'],
      ['GET', `/v1/console/tickets/${n}`],
      ['GET', '/v1/console/events'],
      ['POST', `/v1/console/tickets/${n}/reply`],
      ['POST', `/v1/console/tickets/${n}/notes`],
      ['POST', `/v1/console/tickets/${n}/claim`],
      ['POST', `/v1/console/tickets/${n}/assign`],
      ['POST', `/v1/console/tickets/${n}/status`],
      ['POST', `/v1/console/tickets/${n}/priority`],
      ['POST', `/v1/console/tickets/${n}/macros/${uuid()}/apply`],
      ['POST', `/v1/console/tickets/${n}/flags`],
      ['POST', `/v1/console/tickets/${n}/add-it`],
      ['POST', `/v1/console/tickets/${n}/typing`],
      ['POST', '/v1/console/auth/logout'],
      ['GET', '/v1/console/admin/users'],
      ['POST', '/v1/console/admin/users'],
      ['GET', '/v1/console/admin/sla'],
      ['PUT', '/v1/console/admin/sla'],
      ['GET', '/v1/console/admin/flags'],
      ['POST', '/v1/console/admin/macros'],
    ];

    it('every console route needs a session (401), and a widget conversation token opens none', async () => {
      const t = await openTicket();
      for (const [method, path] of routes(t.number)) {
        const none = await k.app.request(path, { method, headers: { 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body: '{}' }) });
        expect(none.status, `${method} ${path}`).toBe(401);
        expect((await problemOf(none)).code).toBe('unauthorized');
        const widget = await k.app.request(path, { method, headers: { 'content-type': 'application/json', ...t.auth }, ...(method === 'GET' ? {} : { body: '{}' }) });
        expect(widget.status, `${method} ${path} with a conversation token`).toBe(401);
        const forged = await k.app.request(path, { method, headers: { cookie: 'knowns_session=forged-session-value' } });
        expect(forged.status).toBe(401);
      }
    });

    it('agents cannot reach admin routes (403); admins can', async () => {
      for (const [method, path] of routes(1).filter(([, p]) => p.includes('/admin/'))) {
        const res = await agent.send(method, path, method === 'GET' ? undefined : {});
        expect(res.status, `${method} ${path}`).toBe(403);
        expect((await problemOf(res)).code).toBe('forbidden');
      }
      expect((await admin.get('/v1/console/admin/users')).status).toBe(200);
      expect((await admin.get('/v1/console/admin/sla')).status).toBe(200);
    });

    it('state changes need the CSRF token of this session; nothing changes without it', async () => {
      const t = await openTicket();
      const path = `/v1/console/tickets/${t.number}/notes`;
      const missing = await k.app.request(path, { method: 'POST', headers: { cookie: agent.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'no token' }) });
      expect(missing.status).toBe(403);
      expect((await problemOf(missing)).code).toBe('csrf_failed');
      const wrong = await agent.post(path, { text: 'wrong token' }, { 'x-csrf-token': admin.csrf });
      expect(wrong.status).toBe(403);
      const crossSite = await agent.post(path, { text: 'cross site' }, { origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
      const [ticket] = await k.database.db.select().from(tickets).where(eq(tickets.number, t.number));
      expect(await k.database.db.select().from(messages).where(and(eq(messages.conversationId, ticket!.conversationId), eq(messages.role, 'note')))).toHaveLength(0);
      expect((await agent.post(path, { text: 'with the token' })).status).toBe(201);
    });
  });

  describe('the inbox', () => {
    it('lists tickets sorted by SLA due time, filtered, searched and paginated', async () => {
      const a = await openTicket('Where is the quokka export setting in the desktop app?');
      const b = await openTicket('My invoice lists a wombat surcharge I never agreed to');
      expect((await agent.post(`/v1/console/tickets/${b.number}/priority`, { priority: 'urgent' })).status).toBe(200);

      const all = (await (await agent.get('/v1/console/tickets?pageSize=100')).json()) as ListBody;
      const numbers = all.items.map((i) => i.number);
      expect(numbers).toContain(a.number);
      expect(numbers.indexOf(b.number)).toBeLessThan(numbers.indexOf(a.number)); // urgent is due first

      const search = (await (await agent.get('/v1/console/tickets?q=quokka')).json()) as ListBody;
      expect(search.items.map((i) => i.number)).toEqual([a.number]);
      const byPriority = (await (await agent.get('/v1/console/tickets?priority=urgent')).json()) as ListBody;
      expect(byPriority.items.every((i) => i.priority === 'urgent')).toBe(true);
      expect(byPriority.items.map((i) => i.number)).toContain(b.number);
      const unassigned = (await (await agent.get('/v1/console/tickets?assignee=none&status=new,open&pageSize=100')).json()) as ListBody;
      expect(unassigned.items.every((i) => i.assignee === null)).toBe(true);
      const ok = (await (await agent.get('/v1/console/tickets?sla=ok&pageSize=100')).json()) as ListBody;
      expect(ok.items.map((i) => i.number)).toContain(a.number);
      const breached = (await (await agent.get('/v1/console/tickets?sla=breached')).json()) as ListBody;
      expect(breached.items.map((i) => i.number)).not.toContain(a.number);

      const page1 = (await (await agent.get('/v1/console/tickets?pageSize=1&page=1')).json()) as ListBody;
      const page2 = (await (await agent.get('/v1/console/tickets?pageSize=1&page=2')).json()) as ListBody;
      expect(page1.items).toHaveLength(1);
      expect(page2.items).toHaveLength(1);
      expect(page1.items[0]!.number).not.toBe(page2.items[0]!.number);
      expect(page1.total).toBeGreaterThanOrEqual(2);
    });

    it('filters by the intent a ticket was opened with, and lists those intents for the filter', async () => {
      const t = await openTicket('How do I reset my password?');
      const other = await openTicket('Where is the numbat setting hidden?');
      const all = (await (await agent.get('/v1/console/tickets?pageSize=100')).json()) as ListBody & { intents: { id: string; name: string }[] };
      const reset = all.intents.find((i) => i.name === 'reset_password');
      expect(reset).toBeDefined();
      const filtered = (await (await agent.get(`/v1/console/tickets?intent=${reset!.id}&pageSize=100`)).json()) as ListBody;
      expect(filtered.items.map((i) => i.number)).toContain(t.number);
      expect(filtered.items.map((i) => i.number)).not.toContain(other.number);
    });

    it('answers bad filters with a 400 naming the field', async () => {
      const res = await agent.get('/v1/console/tickets?status=lost&pageSize=1000');
      expect(res.status).toBe(400);
      const p = (await problemOf(res)) as unknown as { errors: { path: string }[] };
      expect(p.errors.map((e) => e.path).sort()).toEqual(['pageSize', 'status.0']);
    });
  });

  describe('a ticket', () => {
    it('shows the whole transcript with the bot decisions, the context, macros and help', async () => {
      const t = await openTicket();
      const v = await view(agent, t.number);
      expect(v.ticket.number).toBe(t.number);
      expect(v.ticket.status).toBe('new');
      expect(v.ticket.contact).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });
      expect(v.ticket.context.page).toBe('http://localhost:3000/billing');
      expect(v.ticket.context.referrer).toBe('https://search.example/');
      expect(v.ticket.context.locale).toBe('en');
      expect(v.ticket.sla.firstResponseDueAt).toBeTruthy();
      expect(v.ticket.sla.state).toBe('ok');
      expect(v.transcript.map((m) => m.role)).toEqual(['bot', 'customer', 'bot', 'system']);
      const decided = v.transcript.find((m) => m.role === 'bot' && m.decision)!;
      expect(decided.decision!.quadrant).toMatch(/^(unknown|known)-/);
      expect(Array.isArray(decided.decision!.trace)).toBe(true);
      expect(v.events.map((e) => e.kind)).toContain('created');
      expect(v.macros.map((m) => m.name)).toContain('Greeting');
      expect(v.intents.length).toBeGreaterThan(0);
      expect(Array.isArray(v.suggestedArticles)).toBe(true);
      expect(Array.isArray(v.similarTickets)).toBe(true);
    });

    it('suggests the articles for a question the bot could have answered', async () => {
      const t = await openTicket('How do I reset my password? The email never arrives');
      const v = await view(agent, t.number);
      expect(v.suggestedArticles.map((a) => a.title)).toContain('Reset your password');
    });

    it('404 for a ticket that does not exist', async () => {
      const res = await agent.get('/v1/console/tickets/999999');
      expect(res.status).toBe(404);
      expect((await problemOf(res)).code).toBe('ticket_not_found');
    });

    it('a public reply reaches the widget, records the first response, opens the ticket and queues an email', async () => {
      const t = await openTicket();
      const res = await agent.post(`/v1/console/tickets/${t.number}/reply`, { text: 'Zorblax is our payment processor.' });
      expect(res.status).toBe(201);
      const { message } = (await res.json()) as { message: { id: string; role: string } };
      expect(message.role).toBe('agent');
      const seen = await widgetMessages(t);
      expect(seen.at(-1)).toMatchObject({ role: 'agent', text: 'Zorblax is our payment processor.' });
      const [row] = await k.database.db.select().from(tickets).where(eq(tickets.number, t.number));
      expect(row!.firstRespondedAt).not.toBeNull();
      expect(row!.status).toBe('open');
      const [mail] = await k.database.db.select().from(outbox).where(eq(outbox.messageId, message.id));
      expect(mail!.to).toBe('grace@example.com');
      expect(mail!.text).toContain('Zorblax is our payment processor.');
      expect(mail!.text).toMatch(/http:\/\/localhost:3000\/c\/l1\./);
      const v = await view(agent, t.number);
      const reply = v.events.find((e) => e.kind === 'reply')!;
      expect(reply.actorName).toBe('Alan Agent');
      expect(reply.data).toMatchObject({ firstResponse: true });
      expect(v.ticket.sla.firstResponseMs).not.toBeNull();
      expect(v.transcript.at(-1)).toMatchObject({ role: 'agent', author: { name: 'Alan Agent' } });
    });

    it('internal notes stay internal: never in the widget, over HTTP or its event stream', async () => {
      const t = await openTicket();
      expect((await agent.post(`/v1/console/tickets/${t.number}/notes`, { text: 'SECRET: customer is on the legacy plan' })).status).toBe(201);
      expect((await agent.post(`/v1/console/tickets/${t.number}/reply`, { text: 'Looking into it.' })).status).toBe(201);
      const seen = await widgetMessages(t);
      expect(seen.map((m) => m.text).join('\n')).not.toContain('SECRET');
      expect(seen.at(-1)!.text).toBe('Looking into it.');
      const stream = await k.get(`/v1/widget/conversations/${t.conversationId}/events`, t.auth);
      const reader = stream.body!.getReader();
      let text = '';
      while (!text.includes('Looking into it.')) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect(text).not.toContain('SECRET');
      const v = await view(agent, t.number);
      expect(v.transcript.find((m) => m.role === 'note')!.body).toContain('SECRET');
    });

    it('cannot be solved before a public reply reached the customer, unless a reason is written', async () => {
      const t = await openTicket();
      const refused = await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'solved' });
      expect(refused.status).toBe(409);
      expect((await problemOf(refused)).code).toBe('reply_required');
      // A note is not a reply.
      await agent.post(`/v1/console/tickets/${t.number}/notes`, { text: 'checked billing' });
      expect((await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'solved' })).status).toBe(409);
      const override = await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'solved', overrideReason: 'Customer called us; solved by phone.' });
      expect(override.status).toBe(200);
      expect(((await override.json()) as { overridden: boolean }).overridden).toBe(true);
      const v = await view(agent, t.number);
      expect(v.ticket.status).toBe('solved');
      expect(v.ticket.sla.solvedAt).not.toBeNull();
      expect(v.events.find((e) => e.kind === 'status' && e.data.to === 'solved')!.data).toMatchObject({ override: true, reason: 'Customer called us; solved by phone.' });
    });

    it('solves after a reply; a customer message reopens it; then it needs a new reply', async () => {
      const t = await openTicket();
      await agent.post(`/v1/console/tickets/${t.number}/reply`, { text: 'Here is the answer.' });
      expect((await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'solved' })).status).toBe(200);
      const more = await k.post(`/v1/widget/conversations/${t.conversationId}/messages`, { clientMessageId: uuid(), text: 'It still does not work' }, t.auth);
      expect(more.status).toBe(200);
      const v = await view(agent, t.number);
      expect(v.ticket.status).toBe('open');
      expect(v.events.map((e) => e.kind)).toContain('reopened');
      expect((await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'solved' })).status).toBe(409);
      await agent.post(`/v1/console/tickets/${t.number}/reply`, { text: 'Try this instead.' });
      expect((await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'solved' })).status).toBe(200);
      expect((await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'closed' })).status).toBe(200);
      const closedReply = await agent.post(`/v1/console/tickets/${t.number}/reply`, { text: 'late' });
      expect(closedReply.status).toBe(409);
    });

    it('refuses an impossible status move', async () => {
      const t = await openTicket();
      const res = await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'closed' });
      expect(res.status).toBe(409);
      expect((await problemOf(res)).code).toBe('conflict');
      const bad = await agent.post(`/v1/console/tickets/${t.number}/status`, { status: 'done' });
      expect(bad.status).toBe(400);
    });

    it('claim, assign to someone else, unassign; each is in the history', async () => {
      const t = await openTicket();
      const claim = await agent.post(`/v1/console/tickets/${t.number}/claim`);
      expect(claim.status).toBe(200);
      let v = await view(agent, t.number);
      expect(v.ticket.assignee).toMatchObject({ id: agent.user.id, name: 'Alan Agent' });
      expect(v.ticket.status).toBe('open');
      const mine = (await (await agent.get('/v1/console/tickets?assignee=me&pageSize=100')).json()) as ListBody;
      expect(mine.items.map((i) => i.number)).toContain(t.number);
      expect((await agent.post(`/v1/console/tickets/${t.number}/assign`, { assigneeId: admin.user.id })).status).toBe(200);
      expect((await agent.post(`/v1/console/tickets/${t.number}/assign`, { assigneeId: null })).status).toBe(200);
      v = await view(agent, t.number);
      expect(v.ticket.assignee).toBeNull();
      expect(v.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['claimed', 'assigned', 'unassigned']));
      const nobody = await agent.post(`/v1/console/tickets/${t.number}/assign`, { assigneeId: uuid() });
      expect(nobody.status).toBe(404);
      expect((await problemOf(nobody)).code).toBe('user_not_found');
    });

    it('changing the priority moves the due times', async () => {
      const t = await openTicket();
      const before = await view(agent, t.number);
      expect((await agent.post(`/v1/console/tickets/${t.number}/priority`, { priority: 'urgent' })).status).toBe(200);
      const after = await view(agent, t.number);
      expect(after.ticket.priority).toBe('urgent');
      expect(new Date(after.ticket.sla.firstResponseDueAt!).getTime()).toBeLessThan(new Date(before.ticket.sla.firstResponseDueAt!).getTime());
      expect(after.events.find((e) => e.kind === 'priority')!.data).toMatchObject({ to: 'urgent' });
    });

    it('renders a macro with the contact and ticket variables', async () => {
      const t = await openTicket();
      const v = await view(agent, t.number);
      const greeting = v.macros.find((m) => m.name === 'Greeting')!;
      const res = await agent.post(`/v1/console/tickets/${t.number}/macros/${greeting.id}/apply`);
      expect(res.status).toBe(200);
      const { text } = (await res.json()) as { text: string };
      expect(text).toContain('Hi Grace Hopper');
      expect(text).toContain(`ticket #${t.number}`);
      const unknown = await agent.post(`/v1/console/tickets/${t.number}/macros/${uuid()}/apply`);
      expect(unknown.status).toBe(404);
      expect((await problemOf(unknown)).code).toBe('macro_not_found');
    });

    it('shows an agent typing in the widget (realtime event)', async () => {
      const t = await openTicket();
      const heard: unknown[] = [];
      const off = k.hub.subscribe(t.conversationId, (e) => heard.push(e));
      expect((await agent.post(`/v1/console/tickets/${t.number}/typing`, { typing: true })).status).toBe(204);
      // Heard through the database's NOTIFY, like every process hears it.
      await expect.poll(() => heard.some((e) => JSON.stringify(e) === JSON.stringify({ type: 'typing', conversationId: t.conversationId, typing: true }))).toBe(true);
      off();
    });
  });

  describe('the knowledge loop', () => {
    it('Flag it: an agent flags an article with a comment; admins see it', async () => {
      const t = await openTicket('How do I reset my password? The email never arrives');
      const v = await view(agent, t.number);
      const article = v.suggestedArticles[0]!;
      const res = await agent.post(`/v1/console/tickets/${t.number}/flags`, { articleId: article.id, comment: 'Does not mention the spam folder.' });
      expect(res.status).toBe(201);
      const flags = (await (await admin.get('/v1/console/admin/flags')).json()) as { flags: { articleId: string; comment: string; user: string; ticketNumber: number }[] };
      expect(flags.flags.find((f) => f.ticketNumber === t.number)).toMatchObject({ articleId: article.id, comment: 'Does not mention the spam folder.', user: 'Alan Agent' });
      const unknown = await agent.post(`/v1/console/tickets/${t.number}/flags`, { articleId: uuid(), comment: 'x' });
      expect(unknown.status).toBe(404);
      expect((await problemOf(unknown)).code).toBe('article_not_found');
      expect(await k.database.db.select().from(articleFlags).where(eq(articleFlags.comment, 'x'))).toHaveLength(0);
    });

    it('Add it: a draft article from the reply and the question as an example of an intent', async () => {
      const t = await openTicket('What is the Zorblax charge on my card statement?');
      const v = await view(agent, t.number);
      const intent = v.intents[0]!;
      const res = await agent.post(`/v1/console/tickets/${t.number}/add-it`, {
        article: { title: 'The Zorblax charge', body: 'Zorblax is our **payment processor**.' },
        intent: { id: intent.id },
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { article: { id: string }; intent: { id: string; created: boolean }; example: string };
      expect(body.example).toBe('What is the Zorblax charge on my card statement?');
      const [a] = await k.database.db.select().from(articles).where(eq(articles.id, body.article.id));
      expect(a!.status).toBe('draft');
      const [i] = await k.database.db.select().from(intents).where(eq(intents.id, intent.id));
      expect(i!.examples).toContain('What is the Zorblax charge on my card statement?');
      // Adding it twice stores the example once.
      await agent.post(`/v1/console/tickets/${t.number}/add-it`, { intent: { id: intent.id } });
      const [again] = await k.database.db.select().from(intents).where(eq(intents.id, intent.id));
      expect(again!.examples.filter((e) => e === body.example)).toHaveLength(1);

      const created = await agent.post(`/v1/console/tickets/${t.number}/add-it`, { intent: { name: 'Zorblax charges', reason: 'information' } });
      expect(created.status).toBe(201);
      expect(((await created.json()) as { intent: { created: boolean } }).intent.created).toBe(true);
      const dup = await agent.post(`/v1/console/tickets/${t.number}/add-it`, { intent: { name: 'Zorblax charges', reason: 'information' } });
      expect(dup.status).toBe(409);
      const empty = await agent.post(`/v1/console/tickets/${t.number}/add-it`, {});
      expect(empty.status).toBe(400);
      const [ticket] = await k.database.db.select().from(tickets).where(eq(tickets.number, t.number));
      const history = await k.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket!.id));
      expect(history.filter((e) => e.kind === 'added-knowledge').length).toBe(3);
    });
  });

  describe('live inbox', () => {
    it('streams a change when a ticket is created or updated', async () => {
      const stream = await agent.get('/v1/console/events');
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const reader = stream.body!.getReader();
      let text = '';
      while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value);
      const t = await openTicket();
      while (!text.includes(t.conversationId)) text += new TextDecoder().decode((await reader.read()).value);
      await agent.post(`/v1/console/tickets/${t.number}/claim`);
      while (!text.includes('"ticketId"')) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect(text).toContain('event: change');
    });
  });

  describe('admin', () => {
    it('creates users (unique email, long enough password) and disabling one ends their sessions', async () => {
      const res = await admin.post('/v1/console/admin/users', { email: 'New.Agent@Example.com', password: 'a long enough password', role: 'agent', name: 'New Agent' });
      expect(res.status).toBe(201);
      const { user } = (await res.json()) as { user: { id: string; email: string } };
      expect(user.email).toBe('new.agent@example.com');
      expect((await admin.post('/v1/console/admin/users', { email: 'new.agent@example.com', password: 'a long enough password', role: 'agent' })).status).toBe(409);
      const short = await admin.post('/v1/console/admin/users', { email: 'short@example.com', password: 'short', role: 'agent' });
      expect(short.status).toBe(400);
      const them = await signIn(request, 'new.agent@example.com', 'a long enough password');
      const off = await admin.send('PATCH', `/v1/console/admin/users/${user.id}`, { disabled: true });
      expect(off.status).toBe(200);
      expect((await them.get('/v1/console/me')).status).toBe(401);
      expect((await k.post('/v1/console/auth/login', { email: 'new.agent@example.com', password: 'a long enough password' })).status).toBe(401);
      expect((await admin.send('PATCH', `/v1/console/admin/users/${admin.user.id}`, { disabled: true })).status).toBe(409);
    });

    it('sets the SLA targets per priority', async () => {
      const res = await admin.send('PUT', '/v1/console/admin/sla', { high: { firstResponse: 2, resolution: 12 } });
      expect(res.status).toBe(200);
      const { policy } = (await (await admin.get('/v1/console/admin/sla')).json()) as { policy: Record<string, { firstResponse: number }> };
      expect(policy.high!.firstResponse).toBe(2);
      expect(policy.normal!.firstResponse).toBe(8);
      const bad = await admin.send('PUT', '/v1/console/admin/sla', { low: { firstResponse: 10, resolution: 2 } });
      expect(bad.status).toBe(400);
    });

    it('new tickets take their due times from the SLA targets', async () => {
      expect((await admin.send('PUT', '/v1/console/admin/sla', { normal: { firstResponse: 3, resolution: 30 } })).status).toBe(200);
      try {
        const t = await openTicket();
        const [row] = await k.database.db.select().from(tickets).where(eq(tickets.number, t.number));
        expect(row!.priority).toBe('normal');
        expect(row!.firstResponseDueAt!.getTime() - row!.createdAt.getTime()).toBeGreaterThan(2.9 * 3_600_000);
        expect(row!.firstResponseDueAt!.getTime() - row!.createdAt.getTime()).toBeLessThan(3.1 * 3_600_000);
        expect(row!.resolutionDueAt!.getTime() - row!.createdAt.getTime()).toBeGreaterThan(29.9 * 3_600_000);
        expect(row!.resolutionDueAt!.getTime() - row!.createdAt.getTime()).toBeLessThan(30.1 * 3_600_000);
      } finally {
        await admin.send('PUT', '/v1/console/admin/sla', { normal: { firstResponse: 8, resolution: 48 } });
      }
    });

    it('creates a macro for a site', async () => {
      const t = await openTicket();
      const [row] = await k.database.db.select().from(tickets).where(eq(tickets.number, t.number));
      const res = await admin.post('/v1/console/admin/macros', { siteId: row!.siteId, name: 'Thanks', body: 'Thanks {{contact.first_name}}!' });
      expect(res.status).toBe(201);
      const v = await view(agent, t.number);
      const macro = v.macros.find((m) => m.name === 'Thanks')!;
      const applied = (await (await agent.post(`/v1/console/tickets/${t.number}/macros/${macro.id}/apply`)).json()) as { text: string };
      expect(applied.text).toBe('Thanks Grace!');
    });
  });

  describe('the email link', () => {
    it('reopens the conversation in a browser with a token for it, and only it', async () => {
      const t = await openTicket();
      const links = createLinkSigner(await sharedSecret(k.database.db), 60_000);
      const res = await k.get(`/c/${links.sign(t.conversationId)}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(t.conversationId);
      expect(html).toContain('/widget/frame/demo');
      const token = /v1\.[0-9a-f-]{36}\.[\w-]+/.exec(html)![0];
      expect((await k.get(`/v1/widget/conversations/${t.conversationId}`, { authorization: `Bearer ${token}` })).status).toBe(200);

      const tampered = links.sign(t.conversationId).replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
      expect((await k.get(`/c/${tampered}`)).status).toBe(404);
      const expired = createLinkSigner(await sharedSecret(k.database.db), 60_000, () => Date.now() - 120_000).sign(t.conversationId);
      expect((await k.get(`/c/${expired}`)).status).toBe(410);
    });
  });
});
