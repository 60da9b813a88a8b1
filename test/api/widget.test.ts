import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations, feedback, messages, tickets, ticketEvents, contacts } from '../../db/schema/index.js';
import { databaseTargets } from '../helpers/databases.js';
import { testRuntime, type TestRuntime } from '../helpers/runtime.js';
import type { WireMessage } from '../../api/domain/conversations/wire.js';

const uuid = () => crypto.randomUUID();
type PostResult = { message: WireMessage; replies: WireMessage[] };

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { code: string; status: number; requestId: string; detail: string; type: string; title: string };
  expect(body.status).toBe(res.status);
  expect(body.requestId).toMatch(/\S+/);
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

describe.each(databaseTargets())('widget API on $name', (target) => {
  let k: TestRuntime;
  beforeAll(async () => {
    k = await testRuntime(target, { RATE_LIMIT_PER_CONVERSATION: '50' });
  });
  afterAll(async () => k?.dispose());

  const ask = async (conv: { conversationId: string; auth: Record<string, string> }, text: string, extra: Record<string, unknown> = {}) => {
    const res = await k.post(`/v1/widget/conversations/${conv.conversationId}/messages`, { clientMessageId: uuid(), text, ...extra }, conv.auth);
    expect(res.status).toBe(200);
    return (await res.json()) as PostResult;
  };

  describe('POST /v1/widget/conversations', () => {
    it('starts a conversation with a scoped token and the greeting first', async () => {
      const res = await k.post('/v1/widget/conversations', { siteKey: 'demo', page: 'http://localhost:3000/pricing', locale: 'en-GB' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { conversationId: string; token: string; messages: WireMessage[]; site: { name: string } };
      expect(body.token).toMatch(/^v1\./);
      expect(body.site.name).toBe('Lumen Notes');
      expect(body.messages).toHaveLength(1);
      expect(body.messages[0]!.role).toBe('bot');
      expect(body.messages[0]!.text).toMatch(/Lumen Notes assistant/);
      const [row] = await k.database.db.select().from(conversations).where(eq(conversations.id, body.conversationId));
      expect(row!.page).toBe('http://localhost:3000/pricing');
      expect(row!.locale).toBe('en');
    });

    it('greets in French when the page is French', async () => {
      const res = await k.post('/v1/widget/conversations', { siteKey: 'demo', locale: 'fr-FR' });
      const body = (await res.json()) as { messages: WireMessage[] };
      expect(body.messages[0]!.text).not.toMatch(/assistant\. Ask/);
      expect(body.messages[0]!.text).toMatch(/Bonjour|Lumen/);
    });

    it('refuses an unknown site key', async () => {
      const res = await k.post('/v1/widget/conversations', { siteKey: 'nope' });
      expect(res.status).toBe(404);
      expect((await problemOf(res)).code).toBe('site_not_found');
    });

    it('refuses a host page origin the site does not allow, and stores nothing', async () => {
      const before = (await k.database.db.select().from(conversations)).length;
      const res = await k.post('/v1/widget/conversations', { siteKey: 'demo', origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect((await problemOf(res)).code).toBe('origin_not_allowed');
      const viaHeader = await k.post('/v1/widget/conversations', { siteKey: 'demo' }, { origin: 'https://evil.example' });
      expect(viaHeader.status).toBe(403);
      expect(viaHeader.headers.get('access-control-allow-origin')).toBeNull();
      expect((await k.database.db.select().from(conversations)).length).toBe(before);
    });

    it('accepts the allowed origin', async () => {
      const res = await k.post('/v1/widget/conversations', { siteKey: 'demo', origin: 'http://localhost:3000' }, { origin: 'http://localhost:3000' });
      expect(res.status).toBe(201);
    });

    it('answers bad input with problem+json naming the field', async () => {
      const res = await k.post('/v1/widget/conversations', { page: 5 });
      expect(res.status).toBe(400);
      const p = (await problemOf(res)) as unknown as { code: string; errors: { path: string }[] };
      expect(p.code).toBe('validation_failed');
      expect(p.errors.map((e) => e.path)).toContain('siteKey');
    });

    it('answers malformed JSON with invalid_json', async () => {
      const res = await k.post('/v1/widget/conversations', '{"siteKey": ');
      expect(res.status).toBe(400);
      expect((await problemOf(res)).code).toBe('invalid_json');
    });

    it('caps request bodies, whether streamed or declared', async () => {
      const streamed = await k.post('/v1/widget/conversations', { siteKey: 'demo', page: 'x'.repeat(40_000) });
      expect(streamed.status).toBe(413);
      expect((await problemOf(streamed)).code).toBe('payload_too_large');
      // A declared Content-Length over the cap is refused before the body is read.
      const declared = await k.post('/v1/widget/conversations', { siteKey: 'demo' }, { 'content-length': '40000' });
      expect(declared.status).toBe(413);
      expect((await problemOf(declared)).code).toBe('payload_too_large');
    });
  });

  describe('conversation access', () => {
    it('reads its own conversation with its token', async () => {
      const c = await k.startConversation();
      const res = await k.get(`/v1/widget/conversations/${c.conversationId}`, c.auth);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { messages: WireMessage[]; ticket: null; status: string };
      expect(body.messages).toHaveLength(1);
      expect(body.ticket).toBeNull();
      expect(body.status).toBe('open');
    });

    it('401 without a token or with a forged one', async () => {
      const c = await k.startConversation();
      const none = await k.get(`/v1/widget/conversations/${c.conversationId}`);
      expect(none.status).toBe(401);
      expect((await problemOf(none)).code).toBe('unauthorized');
      const forged = await k.get(`/v1/widget/conversations/${c.conversationId}`, { authorization: `Bearer v1.${c.conversationId}.AAAA` });
      expect(forged.status).toBe(401);
    });

    it("404 for another conversation's id, on every route", async () => {
      const mine = await k.startConversation();
      const theirs = await k.startConversation();
      const base = `/v1/widget/conversations/${theirs.conversationId}`;
      for (const res of [
        await k.get(base, mine.auth),
        await k.get(`${base}/events`, mine.auth),
        await k.post(`${base}/messages`, { clientMessageId: uuid(), text: 'hi there' }, mine.auth),
        await k.post(`${base}/contact`, { email: 'a@example.com' }, mine.auth),
        await k.post(`${base}/feedback`, { messageId: uuid(), helpful: true }, mine.auth),
      ]) {
        expect(res.status).toBe(404);
        expect((await problemOf(res)).code).toBe('conversation_not_found');
      }
      const rows = await k.database.db.select().from(messages).where(eq(messages.conversationId, theirs.conversationId));
      expect(rows).toHaveLength(1); // only the greeting
    });
  });

  describe('POST …/messages', () => {
    it('answers a known question with its article (Known-Known) and stores the decision with its trace', async () => {
      const c = await k.startConversation();
      const { message, replies } = await ask(c, 'How do I reset my password?');
      expect(message.role).toBe('customer');
      expect(replies).toHaveLength(1);
      const reply = replies[0]!;
      expect(reply.article?.title).toBe('Reset your password');
      expect(reply.article?.url).toBe('http://localhost:3000/help/reset-your-password');
      expect(reply.html).toContain('<');
      expect(reply.askFeedback).toBe(true);
      expect(reply.decision?.quadrant).toBe('known-known');
      expect(reply.decision?.intentName).toBe('reset_password');
      const [row] = await k.database.db.select().from(messages).where(eq(messages.id, reply.id));
      expect(row!.replyToId).toBe(message.id);
      expect(row!.decision!.modelVersion).toMatch(/\S/);
      expect(row!.decision!.trace.length).toBeGreaterThan(0);
      expect(row!.meta.article?.versionId).toMatch(/[0-9a-f-]{36}/);
    });

    it('is idempotent on clientMessageId: same result, nothing new stored', async () => {
      const c = await k.startConversation();
      const body = { clientMessageId: uuid(), text: 'How do I cancel my subscription?' };
      const first = (await (await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, body, c.auth)).json()) as PostResult;
      const count = async () => (await k.database.db.select().from(messages).where(eq(messages.conversationId, c.conversationId))).length;
      const n = await count();
      const again = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, body, c.auth);
      expect(again.status).toBe(200);
      const second = (await again.json()) as PostResult;
      expect(second.message.id).toBe(first.message.id);
      expect(second.replies.map((r) => r.id)).toEqual(first.replies.map((r) => r.id));
      expect(await count()).toBe(n);
    });

    it('stores one message and one set of replies when the same post races itself', async () => {
      const c = await k.startConversation();
      const body = { clientMessageId: uuid(), text: 'Can I use Lumen offline?' };
      const results = await Promise.all([1, 2, 3].map(() => k.post(`/v1/widget/conversations/${c.conversationId}/messages`, body, c.auth)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      const bodies = (await Promise.all(results.map((r) => r.json()))) as PostResult[];
      expect(new Set(bodies.map((b) => b.message.id)).size).toBe(1);
      expect(new Set(bodies.map((b) => b.replies.map((r) => r.id).join()))).toEqual(new Set([bodies[0]!.replies.map((r) => r.id).join()]));
      const rows = await k.database.db.select().from(messages).where(eq(messages.conversationId, c.conversationId));
      expect(rows.filter((r) => r.role === 'customer')).toHaveLength(1);
      expect(rows.filter((r) => r.role === 'bot')).toHaveLength(2); // greeting + one reply
    });

    it('refuses reusing a clientMessageId for different text', async () => {
      const c = await k.startConversation();
      const id = uuid();
      await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: id, text: 'first text' }, c.auth);
      const res = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: id, text: 'other text' }, c.auth);
      expect(res.status).toBe(409);
      expect((await problemOf(res)).code).toBe('idempotency_conflict');
    });

    it('limits text to 4,000 characters and refuses blank text', async () => {
      const c = await k.startConversation();
      const long = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: 'a'.repeat(4001) }, c.auth);
      expect(long.status).toBe(400);
      expect((await problemOf(long)).code).toBe('validation_failed');
      const ok = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: 'a'.repeat(4000) }, c.auth);
      expect(ok.status).toBe(200);
      const blank = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: '   \n ' }, c.auth);
      expect(blank.status).toBe(400);
      const rows = await k.database.db.select().from(messages).where(eq(messages.conversationId, c.conversationId));
      expect(rows.filter((r) => r.role === 'customer')).toHaveLength(1);
    });

    it('asks for contact details when nothing matches', async () => {
      const c = await k.startConversation();
      const { replies } = await ask(c, 'What colour socks does your CEO wear on Tuesdays?');
      expect(replies[0]!.askContact).toBe(true);
      expect(replies[0]!.decision?.quadrant).toMatch(/^unknown-/);
    });

    it('hands off when the customer asks for a person', async () => {
      const c = await k.startConversation();
      const { replies } = await ask(c, 'I want to talk to a person');
      expect(replies[0]!.askContact).toBe(true);
      const [row] = await k.database.db.select().from(messages).where(eq(messages.id, replies[0]!.id));
      expect(row!.decision!.handoff?.trigger).toBe('asked-for-person');
    });

    it('answers the intent the customer picked from suggestions', async () => {
      const c = await k.startConversation();
      const first = await ask(c, 'How do I reset my password?');
      const intentId = first.replies[0]!.decision!.intentId!;
      const { replies } = await ask(c, 'Reset your password', { intentId });
      expect(replies[0]!.article?.title).toBe('Reset your password');
      const bad = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: 'x', intentId: uuid() }, c.auth);
      expect(bad.status).toBe(400);
    });
  });

  describe('feedback and the contact form', () => {
    it('thanks on Yes; asks for contact details after a second No', async () => {
      const c = await k.startConversation();
      const a1 = (await ask(c, 'How do I reset my password?')).replies[0]!;
      const yes = await k.post(`/v1/widget/conversations/${c.conversationId}/feedback`, { messageId: a1.id, helpful: true }, c.auth);
      expect(yes.status).toBe(200);
      expect(((await yes.json()) as { replies: WireMessage[] }).replies[0]!.askContact).toBe(false);

      const a2 = (await ask(c, 'How do I export my notes?')).replies[0]!;
      const no1 = (await (await k.post(`/v1/widget/conversations/${c.conversationId}/feedback`, { messageId: a2.id, helpful: false }, c.auth)).json()) as { replies: WireMessage[] };
      expect(no1.replies[0]!.askContact).toBe(false);
      const a3 = (await ask(c, 'How do I turn on two-factor authentication?')).replies[0]!;
      const no2 = (await (await k.post(`/v1/widget/conversations/${c.conversationId}/feedback`, { messageId: a3.id, helpful: false }, c.auth)).json()) as { replies: WireMessage[] };
      expect(no2.replies[0]!.askContact).toBe(true);

      const rows = await k.database.db.select().from(feedback).where(eq(feedback.conversationId, c.conversationId));
      expect(rows.map((r) => r.helpful).sort()).toEqual([false, false, true]);
      // clicking the same answer again changes nothing
      const again = (await (await k.post(`/v1/widget/conversations/${c.conversationId}/feedback`, { messageId: a3.id, helpful: false }, c.auth)).json()) as { replies: WireMessage[] };
      expect(again.replies).toEqual([]);
    });

    it('refuses feedback on a message that is not an answer, or not in the conversation', async () => {
      const c = await k.startConversation();
      const { message } = await ask(c, 'How do I reset my password?');
      const notAnswer = await k.post(`/v1/widget/conversations/${c.conversationId}/feedback`, { messageId: message.id, helpful: true }, c.auth);
      expect(notAnswer.status).toBe(400);
      const missing = await k.post(`/v1/widget/conversations/${c.conversationId}/feedback`, { messageId: uuid(), helpful: true }, c.auth);
      expect(missing.status).toBe(404);
      expect((await problemOf(missing)).code).toBe('message_not_found');
    });

    it('opens a ticket carrying the whole context', async () => {
      const c = await k.startConversation({ page: 'http://localhost:3000/billing', referrer: 'https://search.example/?q=lumen', locale: 'en-US' });
      const answer = (await ask(c, 'How do I reset my password?')).replies[0]!;
      await k.post(`/v1/widget/conversations/${c.conversationId}/feedback`, { messageId: answer.id, helpful: false }, c.auth);
      await ask(c, 'My invoices show a charge from a company called Zorblax, what is it?');
      const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { name: 'Ada Lovelace', email: 'Ada@Example.com', consent: true }, { ...c.auth, 'user-agent': 'TestAgent/1.0' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { ticket: { number: number; status: string }; messages: WireMessage[] };
      expect(body.ticket.number).toBeGreaterThanOrEqual(1001);
      expect(body.ticket.status).toBe('new');
      expect(body.messages[0]!.ticket?.number).toBe(body.ticket.number);
      expect(body.messages[0]!.text).toContain(`#${body.ticket.number}`);

      const [t] = await k.database.db.select().from(tickets).where(eq(tickets.number, body.ticket.number));
      expect(t!.conversationId).toBe(c.conversationId);
      expect(t!.transcript.map((m) => m.role)).toEqual(['bot', 'customer', 'bot', 'bot', 'customer', 'bot']);
      expect(t!.transcript[1]!.body).toBe('How do I reset my password?');
      expect(t!.subject).toContain('Zorblax');
      expect(t!.quadrant).toMatch(/^(unknown|known)-/);
      expect(['information', 'service', 'new-service', 'incident']).toContain(t!.reason);
      expect(t!.context.page).toBe('http://localhost:3000/billing');
      expect(t!.context.referrer).toBe('https://search.example/?q=lumen');
      expect(t!.context.locale).toBe('en');
      expect(t!.context.articlesShown).toEqual([{ articleId: answer.article!.id, title: 'Reset your password', messageId: answer.id, helpful: false }]);
      expect(t!.firstResponseDueAt!.getTime()).toBeGreaterThan(Date.now());
      const [contact] = await k.database.db.select().from(contacts).where(eq(contacts.id, t!.contactId));
      expect(contact!.email).toBe('ada@example.com');
      expect(contact!.name).toBe('Ada Lovelace');
      expect(contact!.consentAt).not.toBeNull();
      const events = await k.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t!.id));
      expect(events.map((e) => e.kind)).toEqual(['created']);
      const [conv] = await k.database.db.select().from(conversations).where(eq(conversations.id, c.conversationId));
      expect(conv!.status).toBe('handed-off');

      // Leaving details again returns the same ticket.
      const again = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { email: 'ada@example.com' }, c.auth);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { ticket: { number: number } }).ticket.number).toBe(body.ticket.number);
      expect((await k.database.db.select().from(tickets).where(eq(tickets.conversationId, c.conversationId))).length).toBe(1);

      // The conversation shows the ticket, and later messages are kept for the agent without a bot reply.
      const view = (await (await k.get(`/v1/widget/conversations/${c.conversationId}`, c.auth)).json()) as { ticket: { number: number } };
      expect(view.ticket.number).toBe(body.ticket.number);
      const after = await ask(c, 'Also, one more thing');
      expect(after.replies).toEqual([]);
      const evs = await k.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t!.id));
      expect(evs.map((e) => e.kind)).toContain('customer-message');
    });

    it('validates the email and writes nothing on bad input', async () => {
      const c = await k.startConversation();
      const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { name: 'X', email: 'not-an-email' }, c.auth);
      expect(res.status).toBe(400);
      expect((await problemOf(res)).code).toBe('validation_failed');
      expect((await k.database.db.select().from(tickets).where(eq(tickets.conversationId, c.conversationId))).length).toBe(0);
    });
  });

  describe('events (SSE)', () => {
    it('streams the backlog and new messages, and resumes after Last-Event-ID', async () => {
      const c = await k.startConversation();
      const res = await k.get(`/v1/widget/conversations/${c.conversationId}/events?token=${encodeURIComponent(c.token)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const seen: { id: string; data: WireMessage }[] = [];
      let buf = '';
      const readUntil = async (n: number) => {
        while (seen.length < n) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += new TextDecoder().decode(value);
          let idx;
          while ((idx = buf.indexOf('\n\n')) >= 0) {
            const chunk = buf.slice(0, idx);
            buf = buf.slice(idx + 2);
            if (!chunk.includes('event: message')) continue;
            const id = /^id: (.*)$/m.exec(chunk)![1]!;
            seen.push({ id, data: JSON.parse(/^data: (.*)$/m.exec(chunk)![1]!) as WireMessage });
          }
        }
      };
      await readUntil(1);
      expect(seen[0]!.data.role).toBe('bot');
      await ask(c, 'How do I reset my password?');
      await readUntil(3);
      await reader.cancel();
      expect(seen.map((s) => s.data.role)).toEqual(['bot', 'customer', 'bot']);
      expect(new Set(seen.map((s) => s.data.id)).size).toBe(3);

      const resumed = await k.get(`/v1/widget/conversations/${c.conversationId}/events`, { ...c.auth, 'last-event-id': seen[1]!.id });
      const r2 = resumed.body!.getReader();
      let text = '';
      while (!text.includes('event: message')) text += new TextDecoder().decode((await r2.read()).value);
      await r2.cancel();
      expect(text).toContain(`id: ${seen[2]!.id}`);
      expect(text).not.toContain(`id: ${seen[1]!.id}\n`);
    });
  });

  it('CORS: errors carry the headers too, so the widget can read them', async () => {
    const res = await k.post('/v1/widget/conversations', { siteKey: 'no-such-site' }, { origin: 'http://localhost:3000' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(res.headers.get('vary')).toContain('Origin');
    expect(res.headers.get('x-request-id')).toBe((await problemOf(res)).requestId);
  });

  it('CORS: allowed origins get the header, others do not', async () => {
    const ok = await k.app.request('/v1/widget/conversations', { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const bad = await k.app.request('/v1/widget/conversations', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('healthz answers 200 once migrations are applied', async () => {
    const res = await k.get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up', migrations: 'applied', driver: target.name });
  });

  it('unknown routes are problem+json 404s', async () => {
    const res = await k.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe('not_found');
  });

  it('logs one JSON line per request with its id, never the message body', async () => {
    const c = await k.startConversation();
    await ask(c, 'secret-canary-text about passwords');
    const lines = k.logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'request' && typeof l.requestId === 'string')).toBe(true);
    expect(k.logLines.join('\n')).not.toContain('secret-canary-text');
  });
});

describe('rate limits', () => {
  let k: TestRuntime;
  beforeAll(async () => {
    k = await testRuntime(databaseTargets()[0]!, { RATE_LIMIT_PER_CONVERSATION: '3', RATE_LIMIT_PER_IP: '1000' });
  });
  afterAll(async () => k?.dispose());

  it('answers 429 with Retry-After past the per-conversation limit, and stores nothing more', async () => {
    const c = await k.startConversation();
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 5; i++) {
      last = await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: `hello ${i}` }, c.auth);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await problemOf(last!)).code).toBe('rate_limited');
    const rows = await k.database.db.select().from(messages).where(eq(messages.conversationId, c.conversationId));
    expect(rows.filter((r) => r.role === 'customer')).toHaveLength(3);
  });
});

describe('pages', () => {
  let k: TestRuntime;
  beforeAll(async () => {
    k = await testRuntime(databaseTargets()[0]!);
  });
  afterAll(async () => k?.dispose());

  it('serves the demo host page embedding the loader with the demo site key', async () => {
    const res = await k.get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script async src="/widget.js" data-site-key="demo"></script>');
    expect(html).toContain('Knowns.q=Knowns.q||[]');
  });

  it('frames the chat only for the site allowed origins', async () => {
    const res = await k.get('/widget/frame/demo');
    expect(res.status).toBe(200); // the global setup built the widget
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self' http://localhost:3000");
    expect(await res.text()).toContain('<html');
    const unknown = await k.get('/widget/frame/nope');
    expect(unknown.status).toBe(404);
  });

  it('renders the help center index and article pages on the server', async () => {
    const index = await (await k.get('/help')).text();
    expect(index).toContain('<a href="/help/reset-your-password">Reset your password</a>');
    const page = await k.get('/help/reset-your-password');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Reset your password</h1>');
    expect(html).toContain('<link rel="canonical" href="http://localhost:3000/help/reset-your-password">');
    expect((await k.get('/help/no-such-article')).status).toBe(404);
  });
});
