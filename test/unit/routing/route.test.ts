import { describe, expect, it } from 'vitest';
import { compileModel, route, type Decision, type TrainingInput } from '../../../api/domain/routing/index.js';
import { CTX, INPUT } from './fixture.js';

const model = compileModel(INPUT, { version: 'test-1' });
const decide = (text: string, context = CTX): Decision => route(model, { text, context });

describe('route: the four quadrants (message + model → decision)', () => {
  it.each([
    // message, quadrant, action, intentId, articleId
    ['how can I reset my password', 'known-known', 'answer', 'reset-password', null],
    ['where is my parcel', 'known-known', 'answer', 'shipping-status', null],
    ['cancel my subscription', 'known-known', 'answer', 'cancel-subscription', null], // answer null can still win
    ['does the warranty cover water damage', 'known-known', 'answer', null, 'a-warranty'], // an article wins
    ['my invoice has the wrong vat number', 'unknown-known', 'collect-contact', null, null],
    ['what is the weather on mars', 'unknown-unknown', 'escalate', null, null],
  ] as const)('%s → %s / %s', (text, quadrant, action, intentId, articleId) => {
    const d = decide(text);
    expect(d.quadrant).toBe(quadrant);
    expect(d.action).toBe(action);
    expect(d.intentId).toBe(intentId);
    expect(d.articleId).toBe(articleId);
    expect(d.handoff).toBeNull();
    expect(d.modelVersion).toBe('test-1');
  });

  it('Known-Unknown: a vague message offers two or three choices', () => {
    const d = decide('when');
    expect(d.quadrant).toBe('known-unknown');
    expect(d.action).toBe('clarify');
    expect(d.candidates.length).toBeGreaterThanOrEqual(2);
    expect(d.candidates.length).toBeLessThanOrEqual(3);
    expect(d.intentId).toBeNull();
  });

  it('Unknown-Known attaches the similar solved tickets and who solved them', () => {
    const d = decide('my invoice has the wrong vat number');
    expect(d.similarTickets.map((t) => [t.number, t.solvedBy])).toEqual([
      [101, 'agent-ana'],
      [102, 'agent-ana'],
    ]);
  });

  it('carries the reason for contact of the winning intent', () => {
    expect(decide('i forgot my password').reason).toBe('service');
    expect(decide('track my order').reason).toBe('information');
  });

  it('a disabled intent never wins, even on its own examples', () => {
    const d = decide('is the summer promo code still valid');
    expect(d.candidates.map((c) => c.id)).not.toContain('old-promo');
    expect(d.intentId).not.toBe('old-promo');
  });

  it('a negative keyword vetoes the intent', () => {
    expect(decide('how do i get a refund').intentId).toBe('refund');
    const d = decide('what is your refund policy');
    expect(d.intentId).not.toBe('refund');
    expect(d.candidates.map((c) => c.id)).not.toContain('refund');
  });

  it('keywords alone cannot answer against a confident classifier', () => {
    const input: TrainingInput = {
      ...INPUT,
      intents: INPUT.intents.map((i) => (i.id === 'opening-hours' ? { ...i, phrases: ['parcel arrived'] } : i)),
    };
    const m = compileModel(input);
    const d = route(m, { text: 'has my parcel arrived yet', context: CTX });
    expect(d.intentId).not.toBe('opening-hours');
    expect(d.candidates.map((c) => c.id)).toContain('opening-hours'); // evidence is kept, shown as a candidate
    expect(d.trace.find((t) => t.stage === 'rules')?.detail).toContain('opening hours');
  });

  it('an intent with only keywords (no examples) can win on them', () => {
    const input: TrainingInput = {
      ...INPUT,
      intents: [...INPUT.intents, { ...INPUT.intents[4], id: 'gift', name: 'gift', examples: [], phrases: ['gift wrapping'], keywords: [] }],
    };
    const d = route(compileModel(input), { text: 'do you offer gift wrapping', context: CTX });
    expect(d.candidates[0].id).toBe('gift');
  });

  it('does not answer again an intent the customer already said No to', () => {
    const d = decide('how can I reset my password', { noCount: 1, answeredIntentIds: ['reset-password'], turn: 2 });
    expect(d.action).toBe('clarify');
    expect(d.quadrant).toBe('known-unknown');
  });

  it('explains every stage in the trace', () => {
    const d = decide('how can I reset my password');
    expect(d.trace.map((t) => t.stage)).toEqual(['normalise', 'rules', 'classifier', 'retrieval', 'calibration', 'decision', 'policy']);
    expect(d.trace.find((t) => t.stage === 'classifier')?.detail).toContain('nearest example');
    expect(d.trace.find((t) => t.stage === 'decision')?.detail).toContain('known-known');
  });

  it('scores are calibrated into [0, 1], best first', () => {
    for (const text of ['where is my parcel', 'when', 'what is the weather on mars']) {
      const d = decide(text);
      expect(d.confidence).toBeGreaterThanOrEqual(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
      const scores = d.candidates.filter((c) => c.kind === 'intent').map((c) => c.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('works with no intents at all', () => {
    const m = compileModel({ intents: [], articles: [], solvedTickets: [] });
    const d = route(m, { text: 'hello', context: CTX });
    expect(d.quadrant).toBe('unknown-unknown');
    expect(d.action).toBe('escalate');
  });
});

describe('route: determinism', () => {
  const messages = ['how can I reset my password', 'when', 'my invoice has the wrong vat number', 'human please', 'zzz'];

  it('the same message gives an identical decision across runs', () => {
    for (const text of messages) expect(decide(text)).toEqual(decide(text));
  });

  it('two trainings of the same input give identical decisions', () => {
    const again = compileModel(structuredClone(INPUT), { version: 'test-1' });
    for (const text of messages) expect(route(again, { text, context: CTX })).toEqual(decide(text));
  });

  it('a model survives structured clone (worker boundary) unchanged', () => {
    const cloned = structuredClone(model);
    for (const text of messages) expect(route(cloned, { text, context: CTX })).toEqual(decide(text));
  });

  it('derives a stable version from the input when none is given', () => {
    expect(compileModel(INPUT).version).toBe(compileModel(structuredClone(INPUT)).version);
    expect(compileModel({ ...INPUT, solvedTickets: [] }).version).not.toBe(compileModel(INPUT).version);
  });
});
