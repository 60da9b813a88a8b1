import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../client.js';
import { appSettings } from '../schema/index.js';

/**
 * A value every API process must share, created once: the first process to ask generates it,
 * the others read the same row.
 */
export async function sharedSecret(db: Db, key = 'token_secret'): Promise<string> {
  await db.insert(appSettings).values({ key, value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  return row!.value;
}
