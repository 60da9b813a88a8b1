import { sites } from '../schema/index.js';
import type { Db } from '../client.js';

/** Every origin some site allows, for CORS. */
export async function allAllowedOrigins(db: Db): Promise<Set<string>> {
  const rows = await db.select({ origins: sites.allowedOrigins }).from(sites);
  return new Set(rows.flatMap((r) => r.origins));
}
