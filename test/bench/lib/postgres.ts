import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { runCommand } from './proc.js';

/** The admin URL the bench creates its scratch databases from (loopback only). */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function admin(adminUrl: string) {
  return postgres(adminUrl, { max: 1, connect_timeout: 3, idle_timeout: 1, onnotice: () => {} });
}

/** null when reachable, else why not. */
export async function pgUnreachableReason(adminUrl: string): Promise<string | null> {
  const sql = admin(adminUrl);
  try {
    await sql`select 1`;
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${redact(adminUrl)}: ${(err as Error).message}`;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database named `<prefix>_<random>`; drop() removes it (forcing out sessions). */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const sql = admin(adminUrl);
  try {
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 1 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const s = admin(adminUrl);
      try {
        await s.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await s.end({ timeout: 1 });
      }
    },
  };
}

/** The server's settings that shape a throughput figure, printed next to it. */
export async function pgSettings(adminUrl: string): Promise<Record<string, string>> {
  const sql = admin(adminUrl);
  try {
    const rows = await sql<{ name: string; setting: string }[]>`
      select name, current_setting(name) as setting from pg_settings
      where name in ('server_version', 'max_connections', 'shared_buffers', 'synchronous_commit', 'fsync')`;
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export function findPgbench(): string | null {
  for (const p of ['/usr/lib/postgresql/15/bin/pgbench', '/usr/bin/pgbench', '/usr/local/bin/pgbench']) {
    if (existsSync(p)) return p;
  }
  return null;
}

export interface PgbenchFigures {
  scale: number;
  clients: number;
  threads: number;
  durationS: number;
  tps: number;
  latencyAvgMs: number | null;
  transactions: number | null;
  failed: number | null;
}

/**
 * pgbench's built-in tpcb-like transaction on a scratch database: `-i -s <scale>`, then
 * `-c <clients> -j <threads> -T <seconds>`. Both steps have hard time limits.
 */
export async function runPgbench(
  pgbench: string,
  dbUrl: string,
  o: { scale: number; clients: number; threads: number; durationS: number },
): Promise<PgbenchFigures> {
  const init = await runCommand(pgbench, ['-i', '-q', '-s', String(o.scale), dbUrl], { timeoutMs: 180_000 });
  if (init.code !== 0) throw new Error(`pgbench -i failed: ${tail(init.stderr || init.stdout)}`);
  const run = await runCommand(
    pgbench,
    ['-c', String(o.clients), '-j', String(o.threads), '-T', String(o.durationS), dbUrl],
    { timeoutMs: (o.durationS + 120) * 1000 },
  );
  if (run.code !== 0) throw new Error(`pgbench failed: ${tail(run.stderr || run.stdout)}`);
  const out = run.stdout;
  const tps = out.match(/^tps = ([\d.]+)/m);
  if (!tps) throw new Error(`could not find "tps = …" in pgbench output: ${tail(out)}`);
  const num = (re: RegExp) => {
    const m = out.match(re);
    return m ? Number(m[1]) : null;
  };
  return {
    ...o,
    tps: Number(tps[1]),
    latencyAvgMs: num(/^latency average = ([\d.]+) ms/m),
    transactions: num(/^number of transactions actually processed: (\d+)/m),
    failed: num(/^number of failed transactions: (\d+)/m),
  };
}

function tail(s: string): string {
  return s.trim().split('\n').slice(-5).join(' | ');
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
