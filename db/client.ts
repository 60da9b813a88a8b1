import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { mkdirSync } from 'node:fs';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A database connection plus the two things drizzle does not cover: LISTEN/NOTIFY and shutdown. */
export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs fn while holding a cluster-wide lock (advisory lock on PostgreSQL). */
  withLock<T>(key: number, fn: (db: Db) => Promise<T>): Promise<T>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string;
  dataDir: string;
  /** In-memory PGlite (tests). */
  memory?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url) : openPglite(options);
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  let pg: PGlite;
  if (options.memory) pg = new PGlite();
  else {
    mkdirSync(options.dataDir, { recursive: true });
    pg = new PGlite(options.dataDir);
  }
  await pg.waitReady;
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  // PGlite is a single connection in this process: running fn is already exclusive.
  let chain: Promise<unknown> = Promise.resolve();
  return {
    db,
    driver: 'pglite',
    withLock(_key, fn) {
      const run = chain.then(() => fn(db));
      chain = run.catch(() => undefined);
      return run;
    },
    async listen(channel, onPayload) {
      const unsub = await pg.listen(channel, onPayload);
      return async () => unsub();
    },
    async notify(channel, payload) {
      await pg.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async ping() {
      try {
        await pg.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pg.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const sql = postgres(url, { max: 20, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzlePostgres(preparedStatements(sql), { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    async withLock(key, fn) {
      // Session-level advisory locks belong to one connection: use a dedicated one-connection client.
      const one = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await one`select pg_advisory_lock(${key})`;
        try {
          return await fn(drizzlePostgres(one, { schema }) as unknown as Db);
        } finally {
          await one`select pg_advisory_unlock(${key})`;
        }
      } finally {
        await one.end({ timeout: 5 });
      }
    },
    async listen(channel, onPayload) {
      const sub = await sql.listen(channel, onPayload);
      return async () => sub.unlisten();
    },
    async notify(channel, payload) {
      await sql.notify(channel, payload);
    },
    async ping() {
      try {
        await sql`select 1`;
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * drizzle runs its queries through `sql.unsafe(text, params)`, which postgres.js sends unnamed:
 * every execution is parsed and planned again, and waits for a Describe round trip first. Named
 * (prepared) statements are parsed once per connection and then cost one round trip. Query texts
 * are drizzle's, with parameters for every value, so the set of statements stays small.
 */
function preparedStatements(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop !== 'unsafe') return Reflect.get(target, prop, receiver);
      return (text: string, args: postgres.ParameterOrJSON<never>[] = [], options: postgres.UnsafeQueryOptions = {}) =>
        target.unsafe(text, args, args.length > 0 ? { ...options, prepare: true } : options);
    },
  });
}
