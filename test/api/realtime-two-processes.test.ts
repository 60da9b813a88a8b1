/**
 * Two real API processes on one PostgreSQL database behave as one: started at the same moment
 * on an empty database (the migration lock lets exactly one apply the migrations), a reply an
 * agent posts to process A reaches the customer streaming from process B, and the live inbox on
 * B hears about a ticket opened on A.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { freshPostgresDatabase } from '../helpers/databases.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { cookieOf } from '../helpers/console.js';
import { openDatabase } from '../../db/client.js';
import { createAccountStore } from '../../db/repositories/accounts.js';
import { createUser } from '../../api/domain/accounts/create-user.js';

const base = process.env.DATABASE_URL;
if (!base) console.info('[knowns] DATABASE_URL is not set: the two-process realtime test needs PostgreSQL and is skipped.');
const uuid = () => crypto.randomUUID();

/** Reads an SSE response until `done(text)`; returns the text. */
async function readUntil(res: Response, done: (text: string) => boolean): Promise<string> {
  const reader = res.body!.getReader();
  let text = '';
  while (!done(text)) {
    const { value, done: end } = await reader.read();
    if (end) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return text;
}

describe.skipIf(!base)('two API processes on one PostgreSQL', () => {
  let a: RunningServer;
  let b: RunningServer;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    db = await freshPostgresDatabase(base!);
    // Same moment, empty database: both race to migrate and seed.
    [a, b] = await Promise.all([
      startServer({ DATABASE_URL: db.url, RATE_LIMIT_DISABLED: '1' }),
      startServer({ DATABASE_URL: db.url, RATE_LIMIT_DISABLED: '1' }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('applied the migrations and the seed exactly once', async () => {
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const applied = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const files = (await import('node:fs')).readdirSync(new URL('../../db/migrations', import.meta.url)).filter((f) => f.endsWith('.sql'));
      expect(applied[0]!.n).toBe(files.length);
      expect((await sql`select count(*)::int as n from sites where key = 'demo'`)[0]!.n).toBe(1);
      expect((await sql`select count(*)::int as n from users`)[0]!.n).toBe(1); // one demo admin
    } finally {
      await sql.end();
    }
    // Exactly one of them printed the demo admin's password.
    expect([a.output(), b.output()].filter((o) => o.includes('Demo admin')).length).toBe(1);
  });

  it("an agent's reply posted to one process reaches the customer streaming from the other", async () => {
    const database = await openDatabase({ url: db.url, dataDir: '/nonexistent' });
    const user = await createUser({ store: createAccountStore(database.db) }, { email: 'two@example.com', password: 'two processes, one db', role: 'agent', name: 'Tess' });
    await database.close();
    expect(user.role).toBe('agent');

    // The agent signs in on A and watches the live inbox on B.
    const login = await fetch(`${a.url}/v1/console/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'two@example.com', password: 'two processes, one db' }) });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const inbox = await fetch(`${b.url}/v1/console/events`, { headers: { cookie } });
    expect(inbox.status).toBe(200);

    // The customer talks to A, and opens a ticket there.
    const start = await fetch(`${a.url}/v1/widget/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteKey: 'demo' }) });
    const { conversationId, token } = (await start.json()) as { conversationId: string; token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${a.url}/v1/widget/conversations/${conversationId}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ clientMessageId: uuid(), text: 'Why does Zorblax appear on my statement?' }) });
    const contact = await fetch(`${a.url}/v1/widget/conversations/${conversationId}/contact`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'cust@example.com' }) });
    expect(contact.status).toBe(201);
    const { ticket } = (await contact.json()) as { ticket: { number: number } };
    // B's live inbox heard about the ticket opened on A.
    expect(await readUntil(inbox, (s) => s.includes(conversationId))).toContain('event: change');

    // The customer's widget streams from B.
    const stream = await fetch(`${b.url}/v1/widget/conversations/${conversationId}/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const received = readUntil(stream, (s) => s.includes('Zorblax is our payment processor.'));
    // Give B's stream its backlog first, then reply on A.
    const reply = await fetch(`${a.url}/v1/console/tickets/${ticket.number}/reply`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Zorblax is our payment processor.' }),
    });
    expect(reply.status).toBe(201);
    const text = await received;
    const events = text.split('\n\n').filter((e) => e.includes('event: message')).map((e) => JSON.parse(e.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { role: string; text: string });
    expect(events.at(-1)).toMatchObject({ role: 'agent', text: 'Zorblax is our payment processor.' });
  });
});
