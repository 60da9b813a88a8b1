import { count, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { macros, sites, users } from '../schema/index.js';
import { hashPassword, randomPassword } from '../../api/domain/accounts/password.js';

export const DEMO_ADMIN_EMAIL = 'admin@example.com';

const DEMO_MACROS = [
  {
    name: 'Greeting',
    body: 'Hi {{contact.name}},\n\nThanks for getting in touch about ticket #{{ticket.number}}. ',
  },
  {
    name: 'Solved: let us know',
    body: 'Hi {{contact.name}},\n\nThis should now be sorted. If anything is still not right, just reply here and ticket #{{ticket.number}} reopens.\n\n{{agent.name}}',
  },
  {
    name: 'Need more detail',
    body: 'Hi {{contact.name}},\n\nCould you tell me a bit more: which device and app version are you using, and what exactly do you see?\n\n{{agent.name}}',
  },
];

/**
 * On a deployment with no users yet, creates a demo admin with a random password (printed once
 * by the server) and the demo site's canned responses. Returns the login when it created one.
 */
export async function seedConsole(db: Db, siteKey: string): Promise<{ email: string; password: string } | null> {
  const [site] = await db.select({ id: sites.id }).from(sites).where(eq(sites.key, siteKey)).limit(1);
  if (site) await db.insert(macros).values(DEMO_MACROS.map((m) => ({ ...m, siteId: site.id }))).onConflictDoNothing();
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(users);
  if (n > 0) return null;
  const password = randomPassword();
  const created = await db
    .insert(users)
    .values({ email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', role: 'admin', passwordHash: await hashPassword(password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return created.length ? { email: DEMO_ADMIN_EMAIL, password } : null;
}
