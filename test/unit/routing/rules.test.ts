import { describe, expect, it } from 'vitest';
import { compileRules, matchRules } from '../../../api/domain/routing/rules.js';
import { normalise } from '../../../api/domain/routing/normalise.js';

const rules = compileRules([
  { keywords: ['refund', 'money back'], phrases: [], negativeKeywords: ['policy'] },
  { keywords: ['password', 'login'], phrases: ['locked out'], negativeKeywords: [] },
  { keywords: [], phrases: [], negativeKeywords: [] },
]);

describe('rules', () => {
  it.each([
    // message, evidence per intent, vetoed per intent
    ['I want a refund', [0.6, 0, 0], [0, 0, 0]],
    ['refunds please', [0.6, 0, 0], [0, 0, 0]], // stems
    ['can I have my money back', [1, 0, 0], [0, 0, 0]], // multi-word keyword = phrase
    ['what is your refund policy', [0.6, 0, 0], [1, 0, 0]], // negative keyword vetoes
    ['forgot password and login broken', [0, 0.8, 0], [0, 0, 0]], // two keywords
    ['I am locked out', [0, 1, 0], [0, 0, 0]], // phrase
    ['locked my door, out of ideas', [0, 0, 0], [0, 0, 0]], // phrase words not adjacent
    ['hello there', [0, 0, 0], [0, 0, 0]],
  ] as const)('%s', (text, evidence, vetoed) => {
    const m = matchRules(rules, normalise(text));
    expect([...m.evidence]).toEqual(evidence);
    expect([...m.vetoed]).toEqual(vetoed);
  });

  it('reports what matched, for the trace', () => {
    const m = matchRules(rules, normalise('refund policy'));
    expect(m.matched[0]).toEqual(['refund', '-policy']);
  });
});
