import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from '../../../api/domain/routing/decide.js';
import { calibrate } from '../../../api/domain/routing/calibrate.js';
import { DEFAULT_CALIBRATION, DEFAULT_DECISION } from '../../../api/domain/routing/compile.js';
import type { Candidate } from '../../../api/domain/routing/index.js';
import { CTX } from './fixture.js';

const intent = (id: string, score: number): Candidate => ({ kind: 'intent', id, label: id, score });
const article = (id: string, score: number): Candidate => ({ kind: 'article', id, label: id, score });
const base: DecideInput = {
  intentCandidates: [intent('a', 0.9), intent('b', 0.05), intent('c', 0.03)],
  articleCandidates: [],
  confidence: 0.9,
  margin: 0.85,
  ruleOnlyWinAgainstClassifier: false,
  topAlreadyRejected: false,
  bestTicketScore: 0,
  context: CTX,
};
const P = { ...DEFAULT_DECISION, answerThreshold: 0.6, oosThreshold: 0.3, minMargin: 0.2, ticketThreshold: 0.45 };

describe('decide', () => {
  it.each([
    ['confident with a margin', {}, 'known-known', 'answer'],
    ['confident but close second', { margin: 0.1, intentCandidates: [intent('a', 0.61), intent('b', 0.5)] }, 'known-unknown', 'clarify'],
    ['mid confidence', { confidence: 0.45, margin: 0.3 }, 'known-unknown', 'clarify'],
    ['rule-only winner against the classifier', { ruleOnlyWinAgainstClassifier: true }, 'known-unknown', 'clarify'],
    ['already rejected', { topAlreadyRejected: true }, 'known-unknown', 'clarify'],
    ['low, similar tickets', { confidence: 0.1, bestTicketScore: 0.6 }, 'unknown-known', 'collect-contact'],
    ['low, nothing similar', { confidence: 0.1, bestTicketScore: 0.2 }, 'unknown-unknown', 'escalate'],
    ['low, a strong article', { confidence: 0.1, articleCandidates: [article('x', 0.7), article('y', 0.1)] }, 'known-known', 'answer'],
    ['low, two close articles', { confidence: 0.1, articleCandidates: [article('x', 0.3), article('y', 0.28)] }, 'known-unknown', 'clarify'],
  ] as const)('%s → %s / %s', (_, patch, quadrant, action) => {
    const v = decide({ ...base, ...(patch as Partial<DecideInput>) }, P);
    expect(v.quadrant).toBe(quadrant);
    expect(v.action).toBe(action);
    if (action === 'clarify') expect(v.candidates.length).toBeGreaterThanOrEqual(2);
    if (action === 'answer') expect(v.intentId ?? v.articleId).not.toBeNull();
  });

  it('a higher out-of-scope threshold also raises the answer threshold', () => {
    expect(decide({ ...base, confidence: 0.7 }, { ...P, oosThreshold: 0.8 }).quadrant).toBe('unknown-unknown');
  });
});

describe('calibrate', () => {
  const lr = Float64Array.from([3, 1, 0]);
  const knn = Float64Array.from([0.9, 0.2, 0]);
  const none = new Float64Array(3);
  const noVeto = new Uint8Array(3);

  it('combines classifier and nearest example into probabilities that sum to 1', () => {
    const c = calibrate(lr, knn, none, noVeto, DEFAULT_CALIBRATION);
    expect([...c.order]).toEqual([0, 1, 2]);
    expect(c.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(c.margin).toBeGreaterThan(0.5);
  });

  it('rule evidence can change the winner, and the no-rules winner is kept for the decision', () => {
    const c = calibrate(lr, knn, Float64Array.from([0, 1, 0]), noVeto, { ...DEFAULT_CALIBRATION, ruleWeight: 10 });
    expect(c.order[0]).toBe(1);
    expect(c.withoutRules.top).toBe(0);
  });

  it('a vetoed class gets probability 0', () => {
    const c = calibrate(lr, knn, none, Uint8Array.from([1, 0, 0]), DEFAULT_CALIBRATION);
    expect(c.probs[0]).toBe(0);
    expect(c.order[0]).toBe(1);
  });

  it('far from every example, confidence is damped', () => {
    const near = calibrate(lr, knn, none, noVeto, DEFAULT_CALIBRATION);
    const far = calibrate(lr, Float64Array.from([0.1, 0.05, 0]), none, noVeto, DEFAULT_CALIBRATION);
    expect(far.confidence).toBeLessThan(near.confidence);
  });
});
