/**
 * The eval command: train the routing engine on labelled rows and measure it.
 *
 *   npm run eval -- --train T.jsonl --test S.jsonl [--val V.jsonl] [--oos-recall R] [--json]
 *
 * Files: one {"text", "intent"} per line, "intent": null for out of scope. Every label of T
 * becomes an intent through the admin import path (intentsFromLabelledRows); the model is
 * compiled by exactly the engine the API uses (compileModel / route). With --val, the
 * out-of-scope threshold is picked on V: the one with the best in-scope accuracy among those
 * whose out-of-scope recall on V is at least R (default 0.8; see pickThreshold for why not the
 * plain sum of the two); a V without out-of-scope rows gets the threshold with the best in-scope
 * accuracy (0 as a rule). Without --val the model's default threshold applies. A test
 * row is "out of scope" when the decision's quadrant is Unknown-Known or Unknown-Unknown.
 * This is the only module of the routing folder that does I/O.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compileModel, intentsFromLabelledRows, route, withThreshold, type CompiledModel, type Decision } from './index.js';
import { computeMetrics, DEFAULT_MIN_OOS_RECALL, pickThreshold, type Metrics, type Prediction } from './metrics.js';
import type { LabelledRow } from './import.js';

interface Args {
  train: string;
  test: string;
  val?: string;
  oosRecall: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> = { json: false, oosRecall: DEFAULT_MIN_OOS_RECALL };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--train' || a === '--test' || a === '--val') {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a file`);
      out[a.slice(2) as 'train' | 'test' | 'val'] = v;
    } else if (a === '--oos-recall') {
      const r = Number(argv[++i]);
      if (!(r >= 0 && r <= 1)) throw new Error('--oos-recall needs a number in [0, 1]');
      out.oosRecall = r;
    } else if (a === '--') continue;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!out.train || !out.test) throw new Error('usage: npm run eval -- --train T.jsonl --test S.jsonl [--val V.jsonl] [--oos-recall R] [--json]');
  return out as Args;
}

export function readJsonl(path: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const o = JSON.parse(line) as { text?: unknown; intent?: unknown };
      if (typeof o.text !== 'string' || !(typeof o.intent === 'string' || o.intent === null))
        throw new Error(`${path}:${i + 1}: expected {"text": string, "intent": string | null}`);
      rows.push({ text: o.text, intent: o.intent });
    });
  return rows;
}

const CONTEXT = { noCount: 0, answeredIntentIds: [], turn: 0 };

function isOutOfScope(d: Decision): boolean {
  return d.quadrant === 'unknown-known' || d.quadrant === 'unknown-unknown';
}

function topIntent(d: Decision): string | null {
  const c = d.candidates.find((x) => x.kind === 'intent');
  return c ? c.id : null;
}

function progress(label: string, done: number, total: number): void {
  if (!process.stderr.isTTY && done !== total && done % 500 !== 0) return;
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  process.stderr.write(`\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}

export interface EvalResult extends Omit<Metrics, 'inScope' | 'outOfScope'> {
  trainMs: number;
  p50Ms: number;
  p99Ms: number;
  threshold: number;
  peakRssMb: number;
  intents: number;
  trainRows: number;
  testRows: number;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function runEval(
  train: LabelledRow[],
  test: LabelledRow[],
  val?: LabelledRow[],
  quiet = false,
  minOosRecall = DEFAULT_MIN_OOS_RECALL,
): EvalResult {
  const intents = intentsFromLabelledRows(train);
  const t0 = performance.now();
  let model: CompiledModel = compileModel({ intents, articles: [], solvedTickets: [] });
  const trainMs = performance.now() - t0;
  const modelData = model.data as { params: { decision: { oosThreshold: number } } };
  let threshold = modelData.params.decision.oosThreshold;
  if (val) {
    const rows = val.map((r, i) => {
      const d = route(model, { text: r.text, context: CONTEXT });
      if (!quiet) progress('validate', i + 1, val.length);
      return { gold: r.intent, top: topIntent(d), confidence: d.confidence };
    });
    threshold = pickThreshold(rows, minOosRecall);
    model = withThreshold(model, threshold);
  }
  const times: number[] = [];
  const preds: Prediction[] = test.map((r, i) => {
    const s = performance.now();
    const d = route(model, { text: r.text, context: CONTEXT });
    times.push(performance.now() - s);
    if (!quiet) progress('test', i + 1, test.length);
    const top = topIntent(d);
    return { gold: r.intent, predicted: isOutOfScope(d) ? null : top, top };
  });
  times.sort((a, b) => a - b);
  const m = computeMetrics(preds);
  return {
    inScopeAccuracy: m.inScopeAccuracy,
    oosRecall: m.oosRecall,
    oosPrecision: m.oosPrecision,
    macroF1: m.macroF1,
    top1Accuracy: m.top1Accuracy,
    rightButRejected: m.rightButRejected,
    trainMs,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    threshold,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    intents: intents.length,
    trainRows: train.length,
    testRows: test.length,
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const val = args.val ? readJsonl(args.val) : undefined;
  const r = runEval(readJsonl(args.train), readJsonl(args.test), val, false, args.oosRecall);
  if (args.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const pct = (x: number): string => (x * 100).toFixed(2) + '%';
  process.stdout.write(
    [
      `intents            ${r.intents} (train rows ${r.trainRows}, test rows ${r.testRows})`,
      `in-scope accuracy  ${pct(r.inScopeAccuracy)}`,
      `top-1 accuracy     ${pct(r.top1Accuracy)} (ignoring the out-of-scope decision; ${r.rightButRejected} right rows declared out of scope)`,
      `oos recall         ${pct(r.oosRecall)}`,
      `oos precision      ${pct(r.oosPrecision)}`,
      `macro-F1           ${pct(r.macroF1)}`,
      `oos threshold      ${r.threshold.toFixed(4)}${
        !val
          ? ' (default)'
          : val.some((row) => row.intent === null)
            ? ` (picked on validation: best in-scope accuracy with oos recall ≥ ${args.oosRecall})`
            : ' (picked on validation, which has no out-of-scope rows: best in-scope accuracy)'
      }`,
      `training time      ${r.trainMs.toFixed(0)} ms`,
      `decision latency   p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms`,
      `peak memory (RSS)  ${r.peakRssMb.toFixed(0)} MB`,
    ].join('\n') + '\n',
  );
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('eval-cli.ts')) main();
