/**
 * Routing engine benchmark: prints figures, asserts nothing.
 *
 * 1. Synthetic scale: 1,000 intents (8 examples each) and 10,000 articles (~80-word bodies) drawn
 *    from a seeded synthetic vocabulary; training time and decision latency p50/p99 over 2,000
 *    messages (half close to an intent, half near an article or random).
 * 2. CLINC150 (when ../shared/data is present): training time on the 15,000 in-scope examples and
 *    decision latency p50/p99 at 150 intents over the test set.
 *
 * Wall-clock figures on a shared machine measure the neighbours too, so each line also prints the
 * CPU time this process spent (training, and mean per decision) and the 1-minute load average.
 *
 * Run alone: npx tsx test/bench/routing.ts
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { prng } from '../../api/domain/routing/classifier.js';
import { readJsonl } from '../../api/domain/routing/eval-cli.js';
import { compileModel, intentsFromLabelledRows, route, type ArticleSpec, type IntentSpec } from '../../api/domain/routing/index.js';

const CTX = { noCount: 0, answeredIntentIds: [], turn: 0 };

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

function syntheticWorld(nIntents: number, nArticles: number) {
  const rand = prng(2024);
  const syl = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'shi', 'po', 'vel', 'dar', 'en', 'is', 'or', 'um', 'ba', 'ge'];
  const word = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => syl[Math.floor(rand() * syl.length)]).join('');
  const vocab = Array.from({ length: 20000 }, word);
  const common = ['how', 'do', 'i', 'my', 'the', 'a', 'to', 'can', 'you', 'is', 'what', 'where', 'why', 'please', 'help', 'with'];
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const sentence = (topic: string[], n: number) =>
    Array.from({ length: n }, () => (rand() < 0.45 ? pick(topic) : rand() < 0.6 ? pick(common) : pick(vocab))).join(' ');
  const intents: IntentSpec[] = [];
  const topics: string[][] = [];
  for (let i = 0; i < nIntents; i++) {
    const topic = Array.from({ length: 6 }, () => pick(vocab));
    topics.push(topic);
    intents.push({
      id: `intent-${i}`, name: `intent ${i}`, description: '', reason: 'information', keywords: i % 10 === 0 ? [topic[0]] : [],
      phrases: [], negativeKeywords: [], examples: Array.from({ length: 8 }, () => sentence(topic, 5 + Math.floor(rand() * 6))),
      answer: null, enabled: true,
    });
  }
  const articles: ArticleSpec[] = Array.from({ length: nArticles }, (_, a) => {
    const topic = a < nIntents ? topics[a] : Array.from({ length: 6 }, () => pick(vocab));
    return { id: `article-${a}`, title: sentence(topic, 5), keywords: [topic[1]], body: sentence(topic, 80) };
  });
  const messages = Array.from({ length: 2000 }, (_, m) =>
    m % 2 === 0 ? sentence(topics[Math.floor(rand() * nIntents)], 8) : sentence(Array.from({ length: 6 }, () => pick(vocab)), 8),
  );
  return { intents, articles, messages };
}

function measure(model: ReturnType<typeof compileModel>, messages: string[]): { p50: number; p99: number; cpuMean: number } {
  for (let i = 0; i < Math.min(200, messages.length); i++) route(model, { text: messages[i], context: CTX }); // warm up
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (const text of messages) {
    const t = performance.now();
    route(model, { text, context: CTX });
    times.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), cpuMean: (used.user + used.system) / 1000 / messages.length };
}

/** Wall and CPU milliseconds of a synchronous call. */
function timed<T>(f: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const load = (): string => `load average ${loadavg()[0].toFixed(1)}`;

export async function runRoutingBench(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const world = syntheticWorld(1000, 10000);
  const tb = timed(() => compileModel({ intents: world.intents, articles: world.articles, solvedTickets: [] }));
  const big = tb.value;
  figures.scaleTrainMs = tb.wallMs;
  figures.scaleTrainCpuMs = tb.cpuMs;
  const s = measure(big, world.messages);
  figures.scaleP50Ms = s.p50;
  figures.scaleP99Ms = s.p99;
  figures.scaleCpuPerDecisionMs = s.cpuMean;
  process.stdout.write(
    `routing  1,000 intents + 10,000 articles: train ${figures.scaleTrainMs.toFixed(0)} ms (CPU ${tb.cpuMs.toFixed(0)} ms), ` +
      `decision p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms (CPU mean ${s.cpuMean.toFixed(3)} ms); ${load()}\n`,
  );

  const dir = fileURLToPath(new URL('../../../shared/data/intents/clinc150/', import.meta.url));
  if (existsSync(`${dir}train.jsonl`)) {
    const train = readJsonl(`${dir}train.jsonl`);
    const test = readJsonl(`${dir}test.jsonl`);
    const tc = timed(() => compileModel({ intents: intentsFromLabelledRows(train), articles: [], solvedTickets: [] }));
    const model = tc.value;
    figures.clincTrainMs = tc.wallMs;
    figures.clincTrainCpuMs = tc.cpuMs;
    const c = measure(model, test.map((r) => r.text));
    figures.clincP50Ms = c.p50;
    figures.clincP99Ms = c.p99;
    figures.clincCpuPerDecisionMs = c.cpuMean;
    process.stdout.write(
      `routing  CLINC150 (150 intents, 15,000 examples): train ${figures.clincTrainMs.toFixed(0)} ms (CPU ${tc.cpuMs.toFixed(0)} ms), ` +
        `decision p50 ${c.p50.toFixed(3)} ms, p99 ${c.p99.toFixed(3)} ms (CPU mean ${c.cpuMean.toFixed(3)} ms); ${load()}\n`,
    );
  }
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runRoutingBench().then((f) => process.stdout.write(JSON.stringify(f) + '\n'));
}
