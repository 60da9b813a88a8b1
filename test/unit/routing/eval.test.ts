import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJsonl, runEval } from '../../../api/domain/routing/eval-cli.js';
import { computeMetrics, pickThreshold } from '../../../api/domain/routing/metrics.js';
import { intentsFromLabelledRows } from '../../../api/domain/routing/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fx = (f: string) => `${root}test/fixtures/intents/${f}`;

describe('intentsFromLabelledRows (the import path)', () => {
  it('turns labels into intents with their rows as examples', () => {
    const intents = intentsFromLabelledRows([
      { text: 'a', intent: 'x' },
      { text: 'b', intent: 'y' },
      { text: 'c', intent: 'x' },
      { text: 'c ', intent: 'x' }, // duplicate after trim
      { text: 'oos', intent: null },
      { text: '  ', intent: 'x' },
    ]);
    expect(intents).toEqual([
      { id: 'x', name: 'x', description: '', reason: 'information', keywords: [], phrases: [], negativeKeywords: [], examples: ['a', 'c'], answer: null, enabled: true },
      { id: 'y', name: 'y', description: '', reason: 'information', keywords: [], phrases: [], negativeKeywords: [], examples: ['b'], answer: null, enabled: true },
    ]);
  });
});

describe('metrics', () => {
  it('in-scope accuracy, out-of-scope recall/precision and macro-F1', () => {
    const m = computeMetrics([
      { gold: 'a', predicted: 'a' },
      { gold: 'a', predicted: null }, // declared out of scope: wrong
      { gold: 'b', predicted: 'a' },
      { gold: null, predicted: null },
      { gold: null, predicted: 'b' },
    ]);
    expect(m.inScopeAccuracy).toBeCloseTo(1 / 3, 9);
    expect(m.oosRecall).toBe(0.5);
    expect(m.oosPrecision).toBe(0.5);
    // F1: a = 2/(2+1+1) = 0.5, b = 0, oos = 2/(2+1+1) = 0.5 → mean 1/3
    expect(m.macroF1).toBeCloseTo(1 / 3, 9);
  });

  it('picks the threshold that maximises in-scope accuracy + out-of-scope recall', () => {
    const rows = [
      { gold: 'a', top: 'a', confidence: 0.9 },
      { gold: 'a', top: 'a', confidence: 0.6 },
      { gold: null, top: 'a', confidence: 0.4 },
      { gold: 'b', top: 'a', confidence: 0.3 }, // wrong anyway: cheap to reject
      { gold: null, top: 'b', confidence: 0.2 },
    ];
    expect(pickThreshold(rows)).toBeCloseTo(0.5, 9);
  });
});

describe('eval command on a small fixture', () => {
  const train = readJsonl(fx('train.jsonl'));
  const test = readJsonl(fx('test.jsonl'));
  const val = readJsonl(fx('val.jsonl'));

  it('gives the known figures (one deliberately mislabelled test row)', () => {
    const r = runEval(train, test, val, true);
    expect(r.intents).toBe(4);
    expect(r.inScopeAccuracy).toBe(7 / 8);
    expect(r.oosRecall).toBe(1);
    expect(r.oosPrecision).toBe(1);
    // F1 per class: reset 1, refund 0.8, track 1, opening 2/3, out-of-scope 1
    expect(r.macroF1).toBeCloseTo((1 + 0.8 + 1 + 2 / 3 + 1) / 5, 9);
    expect(r.threshold).toBeGreaterThan(0);
  });

  it('npm run eval -- --json prints one JSON object with the figures', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', `${root}api/domain/routing/eval-cli.ts`, '--train', fx('train.jsonl'), '--test', fx('test.jsonl'), '--val', fx('val.jsonl'), '--json'],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const r = JSON.parse(out.trim()) as Record<string, number>;
    for (const k of ['inScopeAccuracy', 'oosRecall', 'oosPrecision', 'macroF1', 'trainMs', 'p50Ms', 'p99Ms']) expect(typeof r[k]).toBe('number');
    expect(r.inScopeAccuracy).toBe(0.875);
    expect(r.oosRecall).toBe(1);
  });

  it('rejects malformed rows with the line number', () => {
    expect(() => readJsonl(fx('../../unit/routing/fixture.ts'))).toThrow();
  });
});
