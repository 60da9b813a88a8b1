import postgres from 'postgres';
import { randomBytes } from 'node:crypto';

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** Creates a fresh database and returns its URL (undefined: in-memory PGlite), and a drop function. */
  create(): Promise<{ url: string | undefined; drop(): Promise<void> }>;
}

/**
 * The drivers the suite runs against: PGlite always, PostgreSQL when DATABASE_URL is set
 * (each test file gets a fresh database on that server, dropped afterwards).
 */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'pglite', create: async () => ({ url: undefined, drop: async () => {} }) }];
  const base = process.env.DATABASE_URL;
  if (base) targets.push({ name: 'postgres', create: () => freshPostgresDatabase(base) });
  else if (!process.env.KNOWNS_QUIET_SKIPS) console.info('[knowns] DATABASE_URL is not set: PostgreSQL variants of the DB tests are skipped (PGlite runs).');
  return targets;
}

export async function freshPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `knowns_t_${randomBytes(5).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
