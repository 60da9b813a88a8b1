/**
 * A publish reaches every API process: two runtimes (each with its own connections and its own
 * LISTEN) on one PostgreSQL database; an admin publishes through the first, and the second answers
 * with the new model without being asked to. PostgreSQL only (embedded PGlite is one process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.js';
import { createLogger } from '../../api/log.js';
import { createRuntime, type Runtime } from '../../api/runtime.js';
import { freshPostgresDatabase } from '../helpers/databases.js';
import { makeUser, signIn } from '../helpers/console.js';

const base = process.env.DATABASE_URL;
if (!base) console.info('[knowns] DATABASE_URL is not set: the two-process publish test is skipped (it needs PostgreSQL).');

describe.skipIf(!base)('publishing with two API processes on PostgreSQL', () => {
  let a: Runtime;
  let b: Runtime;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshPostgresDatabase(base!);
    drop = db.drop;
    const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', DATA_DIR: '/nonexistent', DATABASE_URL: db.url, LOG_LEVEL: 'silent', RATE_LIMIT_DISABLED: 'true' });
    a = await createRuntime(config, { log: createLogger('silent') });
    b = await createRuntime(config, { log: createLogger('silent') });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  const ask = async (rt: Runtime, text: string) => {
    const start = await rt.app.request('/v1/widget/conversations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteKey: 'demo' }) });
    const { conversationId, token } = (await start.json()) as { conversationId: string; token: string };
    const res = await rt.app.request(`/v1/widget/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientMessageId: crypto.randomUUID(), text }),
    });
    return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
  };

  it('the other process swaps the published model in by itself', async () => {
    const Q = 'Where do I buy a zorblax adapter?';
    const ANSWER = 'Zorblax adapters are sold in the Lumen store.';
    expect(await ask(b, Q)).not.toContain(ANSWER);
    const user = await makeUser(a.database.db, 'admin');
    const admin = await signIn((path, init) => a.app.request(path, init), user.email, user.password);
    const S = '/v1/admin/sites/demo';
    const created = await admin.send('POST', `${S}/intents`, {
      name: 'zorblax_adapter',
      examples: [Q, 'buy zorblax adapter', 'zorblax adapter store', 'where to get a zorblax adapter'],
      keywords: ['zorblax'],
      answer: { kind: 'canned', text: ANSWER },
    });
    expect(created.status).toBe(201);
    // A draft: neither process answers with it yet.
    expect(await ask(b, Q)).not.toContain(ANSWER);
    expect((await admin.send('POST', `${S}/publish`, { note: 'zorblax' })).status).toBe(201);
    expect(await ask(a, Q)).toContain(ANSWER);
    // B hears NOTIFY knowns_models and rebuilds off the request path.
    await expect.poll(() => ask(b, Q), { timeout: 20_000, interval: 200 }).toContain(ANSWER);
  });
});
