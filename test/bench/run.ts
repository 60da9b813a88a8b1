/**
 * `npm run bench`: prints figures, asserts nothing (DESIGN.md: a benchmark prints figures; a test
 * asserts behaviour). One run measures, in order:
 *
 *   1. widget sizes (gzip) against their budgets;
 *   2. the ceiling for HTTP: a Hono hello-world on @hono/node-server, in its own process;
 *   3. POST /v1/widget/conversations/:id/messages on the real server, on PGlite and on PostgreSQL,
 *      with autocannon (same connections and duration as the ceiling);
 *   4. the ceiling for the database: pgbench's tpcb-like transaction on the same PostgreSQL;
 *   5. the routing engine, when test/bench/routing.ts exists.
 *
 * Then a summary table, and the figures as JSON in test/.artifacts/bench.json.
 * Everything listens on loopback, every loop is bounded, and every process it starts is stopped.
 *
 * Knobs (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (50),
 * BENCH_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres), BENCH_SKIP_PG=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../helpers/server.js';
import { startHello } from './lib/hello.js';
import { runLoad, type LoadFigures } from './lib/load.js';
import { BENCH_QUESTION, benchMessages, type MessagesBenchFigures } from './lib/messages.js';
import {
  DEFAULT_ADMIN_URL,
  createScratchDatabase,
  findPgbench,
  pgSettings,
  pgUnreachableReason,
  redact,
  runPgbench,
  type PgbenchFigures,
} from './lib/postgres.js';
import { runCommand } from './lib/proc.js';
import { measureWidgetSizes } from './sizes.js';
import { count, fmt, kb, ms, pct, perS, step, table, type Row } from './lib/report.js';

const round1 = (n: number) => Math.round(n * 10) / 10;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const num = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const settings = {
  connections: num('BENCH_CONNECTIONS', 50),
  duration: num('BENCH_DURATION', 10),
  warmupS: num('BENCH_WARMUP', 3),
  pgAdminUrl: process.env.BENCH_PG_URL || DEFAULT_ADMIN_URL,
  skipPg: process.env.BENCH_SKIP_PG === '1',
  pgbench: { scale: 10, clients: 50, threads: 2 },
};

const BUDGETS = { loaderGzip: 3 * 1024, chatGzip: 30 * 1024 };
const P99_TARGET_MS = 20;
/** The server runs with these on top of the defaults: no rate limits (one client IP sends everything), quiet logs. */
const SERVER_ENV = { RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'warn' };

/** At the configured connections, plus one connection: the cost of a message without queueing. */
type MessagesFigures = MessagesBenchFigures & { oneConnection: LoadFigures };

type Outcome<T> = { ok: true; value: T } | { ok: false; skipped: string };

interface Report {
  startedAt: string;
  finishedAt?: string;
  machine: { node: string; cpu: string; cores: number; memoryGb: number; commit: string | null; loadAvgAtStart: number; loadAvgAtEnd?: number };
  settings: typeof settings & { serverEnv: typeof SERVER_ENV; question: string };
  sizes?: Outcome<{ loaderGzip: number; chatGzip: number; budgets: typeof BUDGETS }>;
  hello?: Outcome<LoadFigures>;
  messagesPglite?: Outcome<MessagesFigures>;
  messagesPostgres?: Outcome<MessagesFigures>;
  postgres?: Outcome<Record<string, string>>;
  pgbench?: Outcome<PgbenchFigures>;
  routing?: Outcome<unknown>;
}

// ── cleanup and the watchdog: whatever happens, the processes and databases we made go away ──
const cleanups: (() => Promise<void>)[] = [];
/** Registers a stop/drop function to run at exit too; returns it made idempotent. */
function onExit(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => (done ??= fn());
  cleanups.push(once);
  return once;
}
async function cleanupAll(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    await Promise.race([fn().catch((e: unknown) => console.error('cleanup failed:', e)), sleep(10_000)]);
  }
}
const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec).unref());
const bail = (why: string, code: number) => {
  console.error(`\n${why}: stopping what the bench started…`);
  void cleanupAll().finally(() => process.exit(code));
};
process.once('SIGINT', () => bail('interrupted', 130));
process.once('SIGTERM', () => bail('terminated', 143));
// A full run takes about 2 minutes; nothing legitimate takes 15.
setTimeout(() => bail('watchdog: the bench ran for 15 minutes', 1), 15 * 60_000).unref();

async function attempt<T>(what: string, fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.log(`  ✗ ${what}: ${reason}`);
    return { ok: false, skipped: reason };
  }
}

/** Imports an optional sibling module (written by someone else) if it exists. */
async function optionalModule<T>(file: string): Promise<T | null> {
  const path = join(here, file);
  if (!existsSync(path)) return null;
  return (await import(pathToFileURL(path).href)) as T;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    return null;
  }
}

// ── the sections ──

async function sizes(): Promise<{ loaderGzip: number; chatGzip: number; budgets: typeof BUDGETS }> {
  const dist = join(root, 'dist', 'widget');
  if (!existsSync(join(dist, 'widget.js')) || !existsSync(join(dist, 'chat.html'))) {
    console.log('  dist/widget is missing: npm run build');
    const build = await runCommand('npm', ['run', 'build'], { cwd: root, timeoutMs: 300_000 });
    if (build.code !== 0) throw new Error(`npm run build failed: ${(build.stderr || build.stdout).trim().split('\n').slice(-5).join(' | ')}`);
  }
  const { loaderGzip, chatGzip } = await measureWidgetSizes();
  console.log(`  loader ${kb(loaderGzip)} gzip (budget ${kb(BUDGETS.loaderGzip)}), chat ${kb(chatGzip)} gzip (budget ${kb(BUDGETS.chatGzip)})`);
  return { loaderGzip, chatGzip, budgets: BUDGETS };
}

async function hello(): Promise<LoadFigures> {
  const server = await startHello();
  const stop = onExit(server.stop);
  try {
    // The very requests the real server gets (path, headers, body), answered without reading them.
    let n = 0;
    const target = {
      url: server.url,
      method: 'POST' as const,
      path: '/v1/widget/conversations/00000000-0000-4000-8000-000000000000/messages',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      next: () => ({ body: JSON.stringify({ clientMessageId: `hello-${n++}`, text: BENCH_QUESTION }) }),
    };
    await runLoad(target, { connections: settings.connections, duration: settings.warmupS });
    const figures = await runLoad(target, { connections: settings.connections, duration: settings.duration });
    printLoad('hello world', figures);
    return figures;
  } finally {
    await stop();
  }
}

async function messagesOn(label: string, env: Record<string, string>): Promise<MessagesFigures> {
  const server = await startServer({ ...SERVER_ENV, ...env });
  const stop = onExit(() => server.stop());
  try {
    const figures = await benchMessages(server.url, {
      siteKey: 'demo',
      connections: settings.connections,
      duration: settings.duration,
      warmupS: settings.warmupS,
      messagesPerConversation: 20,
      minConversations: 50,
    });
    printLoad(label, figures);
    const { before, after } = figures.probe;
    console.log(`  conversations ${figures.conversations} (~${fmt(figures.messagesPerConversation, 1)} messages each)`);
    console.log(`  bot reply, fresh conversation: ${describeReply(before)}`);
    console.log(`  bot reply, after the run:      ${describeReply(after)}`);
    const one = await benchMessages(server.url, {
      siteKey: 'demo',
      connections: 1,
      duration: Math.min(5, settings.duration),
      warmupS: 1,
      messagesPerConversation: 20,
      minConversations: 5,
    });
    printLoad(`${label}, 1 connection`, one);
    const { probe: _p, warmup: _w, conversations: _c, messagesPerConversation: _m, ...oneConnection } = one;
    return { ...figures, oneConnection };
  } finally {
    await stop();
  }
}

async function messagesOnPostgres(): Promise<MessagesFigures> {
  const db = await createScratchDatabase(settings.pgAdminUrl, 'knowns_bench');
  const drop = onExit(db.drop);
  console.log(`  database ${db.name}`);
  try {
    return await messagesOn('PostgreSQL', { DATABASE_URL: db.url });
  } finally {
    await drop();
  }
}

async function pgbench(): Promise<PgbenchFigures> {
  const bin = findPgbench();
  if (!bin) throw new Error('pgbench not found (/usr/lib/postgresql/15/bin/pgbench or on PATH)');
  const db = await createScratchDatabase(settings.pgAdminUrl, 'knowns_pgbench');
  const drop = onExit(db.drop);
  try {
    console.log(`  ${bin} -i -s ${settings.pgbench.scale}, then -c ${settings.pgbench.clients} -j ${settings.pgbench.threads} -T ${settings.duration} on ${db.name}`);
    const figures = await runPgbench(bin, db.url, { ...settings.pgbench, durationS: settings.duration });
    console.log(`  tps ${fmt(figures.tps, 0)}, latency average ${figures.latencyAvgMs ?? '—'} ms`);
    return figures;
  } finally {
    await drop();
  }
}

async function routing(): Promise<unknown> {
  const mod = await optionalModule<{ runRoutingBench: () => unknown }>('routing.ts');
  if (!mod) throw new Error('test/bench/routing.ts does not exist yet');
  return await mod.runRoutingBench();
}

// ── printing ──

function printLoad(label: string, f: LoadFigures): void {
  const codes = Object.entries(f.statusCodes).map(([c, n]) => `${c}×${n}`).join(' ');
  console.log(
    `  ${label}: ${perS(f.okPerSecond)} ok, p50 ${ms(f.latencyMs.p50)}, p99 ${ms(f.latencyMs.p99)}, ` +
      `${f.requests} requests [${codes}]${f.errors ? `, ${f.errors} errors (${f.timeouts} timeouts)` : ''}`,
  );
}

function describeReply(r: MessagesBenchFigures['probe']['before']): string {
  return `${r.quadrant ?? 'no decision'}${r.intent ? ` · ${r.intent}` : ''}${r.article ? ` · "${r.article}"` : ''} (${r.replies} replies)`;
}

/** A reason on one table line; the whole of it is printed above the tables and kept in bench.json. */
function short(reason: string): string {
  const line = reason.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function one(o: Outcome<MessagesFigures> | undefined): Outcome<LoadFigures> | undefined {
  return o?.ok ? { ok: true, value: o.value.oneConnection } : o;
}

function summary(r: Report): string {
  const out: string[] = [];
  const hello = r.hello?.ok ? r.hello.value : null;
  const pgb = r.pgbench?.ok ? r.pgbench.value : null;

  if (r.sizes) {
    const rows: Row[] = r.sizes.ok
      ? [
          ['loader', kb(r.sizes.value.loaderGzip), kb(BUDGETS.loaderGzip), pct(r.sizes.value.loaderGzip / BUDGETS.loaderGzip), r.sizes.value.loaderGzip <= BUDGETS.loaderGzip ? 'within' : 'OVER'],
          ['chat', kb(r.sizes.value.chatGzip), kb(BUDGETS.chatGzip), pct(r.sizes.value.chatGzip / BUDGETS.chatGzip), r.sizes.value.chatGzip <= BUDGETS.chatGzip ? 'within' : 'OVER'],
        ]
      : [['skipped', short(r.sizes.skipped)]];
    out.push(table('Widget size (gzip, 1 KB = 1024 B)', ['bundle', 'size', 'budget', 'of budget', ''], rows));
  }

  const loadRow = (name: string, o: Outcome<LoadFigures> | undefined, vsHello = true): Row => {
    if (!o) return [name, 'not run'];
    if (!o.ok) return [name, `skipped: ${short(o.skipped)}`];
    const f = o.value;
    return [
      name,
      perS(f.okPerSecond),
      ms(f.latencyMs.p50),
      ms(f.latencyMs.p99),
      count(f.non2xx + f.errors),
      hello && vsHello && o !== r.hello ? pct(f.okPerSecond / hello.okPerSecond) : '',
    ];
  };
  const oneS = Math.min(5, settings.duration);
  const oneConnectionRows: Row[] = [];
  if (r.messagesPglite?.ok) oneConnectionRows.push(loadRow(`  same on PGlite, 1 connection, ${oneS} s`, one(r.messagesPglite), false));
  if (r.messagesPostgres?.ok) oneConnectionRows.push(loadRow(`  same on PostgreSQL, 1 connection, ${oneS} s`, one(r.messagesPostgres), false));
  out.push(
    table(
      `HTTP: ${settings.connections} connections, ${settings.duration} s after a ${settings.warmupS} s warm-up, unless noted`,
      ['target', 'ok req/s', 'p50', 'p99', 'failed', 'of hello'],
      [
        loadRow('Hono hello world (ceiling)', r.hello),
        loadRow('POST …/messages on PGlite', r.messagesPglite),
        loadRow('POST …/messages on PostgreSQL', r.messagesPostgres),
        ...oneConnectionRows,
      ],
    ),
  );

  const targets: Row[] = [];
  for (const [name, o] of [['PGlite', r.messagesPglite], ['PostgreSQL', r.messagesPostgres]] as const) {
    if (o?.ok) {
      const p99 = o.value.latencyMs.p99;
      targets.push([`p99 on ${name}`, ms(p99), `≤ ${ms(P99_TARGET_MS)}`, pct(p99 / P99_TARGET_MS), p99 <= P99_TARGET_MS ? 'met' : 'missed']);
    }
  }
  if (pgb) {
    targets.push(['pgbench tpcb-like (ceiling)', perS(pgb.tps), '', '', '']);
    // Context for the p99 target: with 50 clients in a closed loop, mean latency is 50 / rate
    // (Little's law), for pgbench's bare transaction too.
    if (pgb.latencyAvgMs !== null) targets.push(['pgbench mean latency', ms(pgb.latencyAvgMs), '', '', '']);
  }
  if (pgb && r.messagesPostgres?.ok) {
    const ours = r.messagesPostgres.value.okPerSecond;
    const half = pgb.tps / 2;
    targets.push(['messages on PostgreSQL', perS(ours), `≥ ${perS(half)} (½ pgbench)`, pct(ours / half), ours >= half ? 'met' : 'missed']);
  } else if (r.pgbench && !r.pgbench.ok) targets.push(['pgbench', `skipped: ${short(r.pgbench.skipped)}`]);
  if (targets.length) out.push(table('Targets', ['figure', 'measured', 'target', 'of target', ''], targets));

  if (r.routing) {
    const v = r.routing.ok ? r.routing.value : null;
    if (v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'number')) {
      const rows: Row[] = Object.entries(v as Record<string, number>).map(([k, x]) => [k, /ms$/i.test(k) ? ms(x) : fmt(x)]);
      out.push(table('Routing engine (test/bench/routing.ts)', ['figure', 'value'], rows));
    } else {
      const text = r.routing.ok ? JSON.stringify(v) ?? '(no figures returned)' : `skipped: ${short(r.routing.skipped)}`;
      out.push(`\nRouting: ${text.length > 600 ? `${text.slice(0, 600)}… (all of it in bench.json)` : text}`);
    }
  }
  const m = r.machine;
  out.push(`\nMachine: ${m.cpu} × ${m.cores}, ${m.memoryGb} GB, Node ${m.node}, commit ${m.commit ?? '—'}; server env ${JSON.stringify(SERVER_ENV)}`);
  if (r.postgres?.ok) out.push(`PostgreSQL: ${Object.entries(r.postgres.value).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  out.push('The load generator, the server and PostgreSQL share this machine: compare figures from the same run.');
  const busiest = Math.max(m.loadAvgAtStart, m.loadAvgAtEnd ?? 0);
  if (busiest > m.cores) {
    out.push(`⚠ Load average was ${fmt(busiest, 1)} on ${m.cores} cores: other processes competed for the CPU, so these figures are low and noisy.`);
  }
  return out.join('\n');
}

// ── main ──

async function main(): Promise<void> {
  const report: Report = {
    startedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      commit: gitCommit(),
      loadAvgAtStart: round1(loadavg()[0]),
    },
    settings: { ...settings, pgAdminUrl: redact(settings.pgAdminUrl), serverEnv: SERVER_ENV, question: BENCH_QUESTION },
  };

  step('Widget sizes');
  report.sizes = await attempt('widget sizes', sizes);

  step(`Ceiling: Hono hello world, ${settings.connections} connections`);
  report.hello = await attempt('hello world', hello);

  step('POST /v1/widget/conversations/:id/messages on PGlite');
  report.messagesPglite = await attempt('messages on PGlite', () => messagesOn('PGlite', {}));

  const pgDown = settings.skipPg ? 'BENCH_SKIP_PG=1' : await pgUnreachableReason(settings.pgAdminUrl);
  if (pgDown) {
    console.log(`\n▸ PostgreSQL figures skipped: ${pgDown}`);
    report.postgres = report.messagesPostgres = report.pgbench = { ok: false, skipped: pgDown };
  } else {
    report.postgres = await attempt('PostgreSQL settings', () => pgSettings(settings.pgAdminUrl));
    step('POST /v1/widget/conversations/:id/messages on PostgreSQL');
    report.messagesPostgres = await attempt('messages on PostgreSQL', messagesOnPostgres);
    step(`Ceiling: pgbench tpcb-like, ${settings.pgbench.clients} clients`);
    report.pgbench = await attempt('pgbench', pgbench);
  }

  step('Routing');
  report.routing = await attempt('routing', routing);

  report.finishedAt = new Date().toISOString();
  report.machine.loadAvgAtEnd = round1(loadavg()[0]);
  console.log(summary(report));

  const artifacts = join(root, 'test', '.artifacts');
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nFigures written to test/.artifacts/bench.json`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanupAll();
    // Exit even if a library left a handle open (a pool, a socket): the bench must stop by itself.
    setTimeout(() => process.exit(), 2000).unref();
  });
