import { describe, expect, it } from 'vitest';
import { compileModel, route, type ConversationContext } from '../../../api/domain/routing/index.js';
import { applyPolicy } from '../../../api/domain/routing/policy.js';
import { cleanText } from '../../../api/domain/routing/normalise.js';
import { CTX, INPUT } from './fixture.js';

const model = compileModel(INPUT);

describe('policy: hand-off rules (message + model → decision)', () => {
  it.each([
    // message, context, trigger, priority
    ['I want to talk to a person', CTX, 'asked-for-person', 'high'],
    ['human please', CTX, 'asked-for-person', 'high'],
    ['can I speak to an agent about my password', CTX, 'asked-for-person', 'high'],
    ['Real person!!', CTX, 'asked-for-person', 'high'],
    ['let me chat with someone', CTX, 'asked-for-person', 'high'],
    ['connect me to customer service', CTX, 'asked-for-person', 'high'],
    ['this is urgent, my parcel is lost', CTX, 'urgency', 'urgent'],
    ['I need my refund ASAP', CTX, 'urgency', 'urgent'],
    ['this is the worst service, absolutely useless', CTX, 'negative-sentiment', 'high'],
    ['where is my parcel', { ...CTX, noCount: 2 }, 'repeated-no', 'high'],
    ['speak to a human, it is urgent', CTX, 'asked-for-person', 'urgent'], // first trigger names it, highest priority wins
  ] as const)('%s → %s (%s)', (text, context, trigger, priority) => {
    const d = route(model, { text, context: context as ConversationContext });
    expect(d.action).toBe('collect-contact');
    expect(d.handoff).toEqual({ trigger, priority });
    expect(d.trace.at(-1)?.stage).toBe('policy');
    expect(d.trace.at(-1)?.detail).toContain(trigger);
  });

  it.each([
    'where is my parcel',
    'i want to add people to my account',
    'i need someone to explain the refund', // "need someone" is not a request for a person
    'is my travel agent booking refundable',
    'thanks, that was a bad joke', // one mild word is not strong sentiment
    'what time do you close',
  ])('no hand-off: %s', (text) => {
    expect(route(model, { text, context: { ...CTX, noCount: 1 } }).handoff).toBeNull();
  });

  it('an explicit request for a person hands off whatever the scores say', () => {
    const d = route(model, { text: 'how do i reset my password, actually just get me a human', context: CTX });
    expect(d.handoff?.trigger).toBe('asked-for-person');
    expect(d.action).toBe('collect-contact');
  });

  it('lists every rule that fired, in order', () => {
    const p = applyPolicy(cleanText('this is urgent and your service is terrible, let me talk to a person'), { ...CTX, noCount: 3 });
    expect(p?.fired.map((f) => f.trigger)).toEqual(['asked-for-person', 'urgency', 'negative-sentiment', 'repeated-no']);
    expect(p?.priority).toBe('urgent');
  });
});
