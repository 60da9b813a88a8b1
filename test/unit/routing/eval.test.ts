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
    // Without a separate top intent, top-1 is the prediction.
    expect(m.top1Accuracy).toBeCloseTo(1 / 3, 9);
    expect(m.rightButRejected).toBe(0);
  });

  it('top-1 accuracy ignores the out-of-scope decision and counts the right rows it turned away', () => {
    const m = computeMetrics([
      { gold: 'a', predicted: 'a', top: 'a' },
      { gold: 'a', predicted: null, top: 'a' }, // right, but declared out of scope
      { gold: 'b', predicted: null, top: 'a' }, // wrong anyway
      { gold: null, predicted: null, top: 'b' },
    ]);
    expect(m.inScopeAccuracy).toBeCloseTo(1 / 3, 9);
    expect(m.top1Accuracy).toBeCloseTo(2 / 3, 9);
    expect(m.rightButRejected).toBe(1);
  });

  it('picks the threshold with the best in-scope accuracy among those reaching the out-of-scope recall floor', () => {
    const rows = [
      { gold: 'a', top: 'a', confidence: 0.9 },
      { gold: 'a', top: 'a', confidence: 0.6 },
      { gold: null, top: 'a', confidence: 0.4 },
      { gold: 'b', top: 'a', confidence: 0.3 }, // wrong anyway: cheap to reject
      { gold: null, top: 'b', confidence: 0.2 },
    ];
    // Default floor 0.8: both out-of-scope rows must go; a threshold of 0.5 costs only the row
    // that was wrong anyway.
    expect(pickThreshold(rows)).toBeCloseTo(0.5, 9);
    // Floor 0.5: 0.25 would do, but accuracy is the same up to 0.5, so the higher recall wins.
    expect(pickThreshold(rows, 0.5)).toBeCloseTo(0.5, 9);
    // Floor 0: no in-scope row may be lost either way; still the highest free recall.
    expect(pickThreshold(rows, 0)).toBeCloseTo(0.5, 9);
  });

  it('does not let a rare out-of-scope class buy many in-scope rows', () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({ gold: 'a', top: 'a', confidence: 0.5 + i * 0.01 })),
      ...Array.from({ length: 10 }, (_, i) => ({ gold: 'a', top: 'a', confidence: 0.9 + i * 0.001 })),
      { gold: null, top: 'a', confidence: 0.6 },
      { gold: null, top: 'a', confidence: 0.1 },
      { gold: null, top: 'a', confidence: 0.2 },
      { gold: null, top: 'a', confidence: 0.3 },
      { gold: null, top: 'a', confidence: 0.35 },
    ];
    // Recall 0.8 is reached by rejecting the four lowest: no in-scope row lost.
    expect(pickThreshold(rows, 0.8)).toBeCloseTo(0.425, 9);
    // Recall 1 costs the ten in-scope rows between 0.5 and 0.6.
    expect(pickThreshold(rows, 1)).toBeCloseTo(0.6 + (0.9 - 0.6) / 2, 9);
  });

  it('declares nothing out of scope when validation has no out-of-scope row', () => {
    const rows = [
      { gold: 'a', top: 'a', confidence: 0.9 },
      { gold: 'a', top: 'b', confidence: 0.2 }, // wrong anyway: rejecting it costs nothing, gains nothing
      { gold: 'b', top: 'b', confidence: 0.1 },
    ];
    expect(pickThreshold(rows)).toBe(0);
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
    expect(r.top1Accuracy).toBe(7 / 8);
    expect(r.rightButRejected).toBe(0);
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
    for (const k of ['inScopeAccuracy', 'oosRecall', 'oosPrecision', 'macroF1', 'top1Accuracy', 'trainMs', 'p50Ms', 'p99Ms']) expect(typeof r[k]).toBe('number');
    expect(r.inScopeAccuracy).toBe(0.875);
    expect(r.oosRecall).toBe(1);
  });

  it('rejects malformed rows with the line number', () => {
    expect(() => readJsonl(fx('../../unit/routing/fixture.ts'))).toThrow();
  });
});
