/**
 * Reply emails through the outbox, against a real SMTP server on loopback: sent once when SMTP
 * is up; kept and retried with backoff while it is down, then sent exactly once when it is back;
 * skipped when the customer's open widget showed the reply live. The link reopens the conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import { databaseTargets } from '../helpers/databases.js';
import { testRuntime, type TestRuntime } from '../helpers/runtime.js';
import { makeUser, signIn, type ConsoleClient } from '../helpers/console.js';
import { freePort } from '../helpers/server.js';
import { smtpSink } from '../helpers/smtp.js';
import { createRuntime } from '../../api/runtime.js';
import { createLogger } from '../../api/log.js';

const uuid = () => crypto.randomUUID();

async function until(check: () => Promise<boolean> | boolean, what: string, timeout = 20_000) {
  await expect.poll(check, { timeout, interval: 50, message: what }).toBe(true);
}

describe.each(databaseTargets())('email outbox on $name', (target) => {
  let k: TestRuntime;
  let agent: ConsoleClient;
  let smtp: ReturnType<typeof smtpSink>;

  beforeAll(async () => {
    const port = await freePort();
    smtp = smtpSink(port);
    await smtp.start();
    k = await testRuntime(target, {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Lumen Support <support@lumen.example>',
      EMAIL_DELAY_SECONDS: '0',
      OUTBOX_POLL_MS: '100',
      OUTBOX_RETRY_BASE_MS: '100',
    });
    const u = await makeUser(k.database.db, 'agent', 'Alan Agent');
    agent = await signIn((p, i) => k.app.request(p, i), u.email, u.password);
  });
  afterAll(async () => {
    await k?.dispose();
    await smtp?.stop();
  });

  async function ticket() {
    const c = await k.startConversation();
    await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: 'Why was I charged twice by Zorblax?' }, c.auth);
    const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { name: 'Grace', email: `grace-${uuid().slice(0, 8)}@example.com` }, c.auth);
    expect(res.status).toBe(201);
    return { ...c, number: ((await res.json()) as { ticket: { number: number } }).ticket.number };
  }
  const reply = async (number: number, text: string) => {
    const res = await agent.post(`/v1/console/tickets/${number}/reply`, { text });
    expect(res.status).toBe(201);
    return ((await res.json()) as { message: { id: string } }).message.id;
  };
  const row = async (messageId: string) => (await k.database.db.select().from(outbox).where(eq(outbox.messageId, messageId)))[0]!;
  const mailsWith = (text: string) => smtp.received.filter((m) => m.text.includes(text));

  it('emails a reply to a customer who left, with a link that reopens the conversation', async () => {
    const t = await ticket();
    const id = await reply(t.number, 'Reply number one: the second charge is a pre-authorisation.');
    await until(() => mailsWith('Reply number one').length === 1, 'the email arrives');
    const mail = mailsWith('Reply number one')[0]!;
    expect(mail.raw).toMatch(/^From: Lumen Support <support@lumen\.example>/m);
    expect(mail.raw).toMatch(new RegExp(`^Subject: .*\\[#${t.number}\\]`, 'm'));
    // Marked sent once the SMTP server has acknowledged it (just after it received it).
    await until(async () => (await row(id)).status === 'sent', 'marked sent');
    const link = /http:\/\/localhost:3000(\/c\/l1\.[\w.-]+)/.exec(mail.text)![1]!;
    const page = await k.get(link);
    expect(page.status).toBe(200);
    const token = /v1\.[0-9a-f-]{36}\.[\w-]+/.exec(await page.text())![0];
    const conv = await k.get(`/v1/widget/conversations/${t.conversationId}`, { authorization: `Bearer ${token}` });
    expect(conv.status).toBe(200);
    const { messages } = (await conv.json()) as { messages: { role: string; text: string }[] };
    expect(messages.at(-1)).toMatchObject({ role: 'agent', text: 'Reply number one: the second charge is a pre-authorisation.' });
  });

  it('keeps the email while SMTP is down, retries with backoff, and sends it once when it is back', async () => {
    const t = await ticket();
    await smtp.stop();
    const id = await reply(t.number, 'Reply during the outage.');
    await until(async () => (await row(id)).attempts >= 3, 'several failed attempts');
    const failing = await row(id);
    expect(failing.status).toMatch(/pending|sending/);
    expect(failing.sentAt).toBeNull();
    expect(mailsWith('Reply during the outage.')).toHaveLength(0);

    await smtp.start();
    await until(async () => (await row(id)).status === 'sent', 'sent once SMTP is back');
    expect(mailsWith('Reply during the outage.')).toHaveLength(1);
    expect((await row(id)).lastError).toBeNull();
    // A later email goes out after it: by then the worker has polled again; still one copy.
    await reply(t.number, 'A later reply, after the outage.');
    await until(() => mailsWith('A later reply, after the outage.').length === 1, 'the later email arrives');
    expect(mailsWith('Reply during the outage.')).toHaveLength(1);
  });

  // Several processes share one outbox only on PostgreSQL (PGlite is one process per data folder).
  if (target.name === 'postgres')
  it('two processes draining one outbox send each email once', async () => {
    // A second runtime (its own pool and outbox worker) on the same PostgreSQL database.
    const other = await createRuntime({ ...k.config, SEED_DEMO: false }, { log: createLogger('silent') });
    try {
      const t = await ticket();
      const texts = Array.from({ length: 12 }, (_, i) => `Parallel reply ${i + 1}.`);
      await Promise.all(texts.map((text) => reply(t.number, text)));
      await until(() => texts.every((text) => mailsWith(text).length >= 1), 'every email arrives');
      // A later email after all of them: both workers have polled again by then.
      await reply(t.number, 'The last one.');
      await until(() => mailsWith('The last one.').length === 1, 'the last email arrives');
      for (const text of texts) expect(mailsWith(text), text).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe.each(databaseTargets())('reply emails wait for the widget on $name', (target) => {
  let k: TestRuntime;
  let agent: ConsoleClient;
  let smtp: ReturnType<typeof smtpSink>;
  beforeAll(async () => {
    const port = await freePort();
    smtp = smtpSink(port);
    await smtp.start();
    // A long grace period: whether the widget showed the reply decides.
    k = await testRuntime(target, { SMTP_URL: `smtp://127.0.0.1:${port}`, EMAIL_DELAY_SECONDS: '3600', OUTBOX_POLL_MS: '100' });
    const u = await makeUser(k.database.db, 'agent');
    agent = await signIn((p, i) => k.app.request(p, i), u.email, u.password);
  });
  afterAll(async () => {
    await k?.dispose();
    await smtp?.stop();
  });

  it('skips the emails of replies the open widget showed, live or when it came back', async () => {
    const c = await k.startConversation();
    await k.post(`/v1/widget/conversations/${c.conversationId}/messages`, { clientMessageId: uuid(), text: 'Where are my notes?' }, c.auth);
    const res = await k.post(`/v1/widget/conversations/${c.conversationId}/contact`, { email: 'ada@example.com' }, c.auth);
    const { ticket } = (await res.json()) as { ticket: { number: number } };

    const away = (await (await agent.post(`/v1/console/tickets/${ticket.number}/reply`, { text: 'While you were away.' })).json()) as { message: { id: string } };
    const stream = await k.get(`/v1/widget/conversations/${c.conversationId}/events`, c.auth);
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('While you were away.')) text += new TextDecoder().decode((await reader.read()).value);
    const live = (await (await agent.post(`/v1/console/tickets/${ticket.number}/reply`, { text: 'Seen live.' })).json()) as { message: { id: string } };
    while (!text.includes('Seen live.')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const status = async (id: string) => (await k.database.db.select().from(outbox).where(eq(outbox.messageId, id)))[0]!.status;
    await until(async () => (await status(live.message.id)) === 'skipped', 'the live reply email is skipped');
    // The first reply was also shown when the widget came back: no email needed either.
    expect(await status(away.message.id)).toBe('skipped');
    expect(smtp.received).toHaveLength(0);
  });
});
