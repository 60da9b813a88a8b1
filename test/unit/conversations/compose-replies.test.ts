import { describe, expect, it } from 'vitest';
import { composeReplies } from '../../../api/domain/conversations/compose-replies.js';
import type { Brain } from '../../../api/domain/knowledge/brain.js';
import type { Decision, IntentSpec } from '../../../api/domain/routing/types.js';

const intent = (id: string, answer: IntentSpec['answer'], enabled = true): IntentSpec => ({
  id, name: id, description: `About ${id}`, reason: 'information', keywords: [], phrases: [], negativeKeywords: [], examples: [], answer, enabled,
});

const brain: Brain = {
  model: { version: 'v-test', builtAt: '', stats: { intents: 0, examples: 0, articles: 0, solvedTickets: 0 }, data: null },
  intents: new Map([
    ['pw', intent('pw', { kind: 'article', articleId: 'a1' })],
    ['hours', intent('hours', { kind: 'canned', text: 'We are open 9–5.' })],
    ['vuln', intent('vuln', { kind: 'action', action: 'collect-contact' })],
    ['draft', intent('draft', null)],
    ['off', intent('off', { kind: 'canned', text: 'x' }, false)],
  ]),
  articles: new Map([['a1', { id: 'a1', versionId: 'v1', slug: 'reset', title: 'Reset your password', summary: 'Use the link.', html: '<p>Use the link.</p>' }]]),
};

const decision = (d: Partial<Decision>): Decision => ({
  quadrant: 'known-known', action: 'answer', intentId: null, articleId: null, confidence: 0.9, candidates: [], reason: 'information',
  similarTickets: [], handoff: null, trace: [], modelVersion: 'v-test', ...d,
});

describe('composeReplies', () => {
  const cases: { name: string; d: Partial<Decision>; ticket?: number; expect: (r: ReturnType<typeof composeReplies>) => void }[] = [
    { name: 'article answer', d: { intentId: 'pw' }, expect: ([r]) => { expect(r!.meta.article?.slug).toBe('reset'); expect(r!.bodyHtml).toBe('<p>Use the link.</p>'); expect(r!.meta.askFeedback).toBe(true); } },
    { name: 'answer straight from an article', d: { articleId: 'a1' }, expect: ([r]) => expect(r!.meta.article?.id).toBe('a1') },
    { name: 'canned answer', d: { intentId: 'hours' }, expect: ([r]) => { expect(r!.body).toBe('We are open 9–5.'); expect(r!.meta.askFeedback).toBe(true); } },
    { name: 'action answer asks for contact', d: { intentId: 'vuln' }, expect: ([r]) => expect(r!.meta.askContact).toBe(true) },
    { name: 'intent without an answer asks for contact', d: { intentId: 'draft' }, expect: ([r]) => { expect(r!.meta.askContact).toBe(true); expect(r!.body).toContain('draft'); } },
    {
      name: 'clarify offers enabled intents only, labelled by article title',
      d: { action: 'clarify', quadrant: 'known-unknown', candidates: [
        { kind: 'intent', id: 'pw', label: 'pw', score: 0.5 }, { kind: 'intent', id: 'off', label: 'off', score: 0.4 }, { kind: 'intent', id: 'hours', label: 'hours', score: 0.3 },
      ] },
      expect: ([r]) => expect(r!.meta.suggestions).toEqual([{ intentId: 'pw', label: 'Reset your password' }, { intentId: 'hours', label: 'Hours' }]),
    },
    { name: 'clarify with nothing offerable asks for contact', d: { action: 'clarify', candidates: [{ kind: 'intent', id: 'off', label: 'off', score: 0.4 }] }, expect: ([r]) => expect(r!.meta.askContact).toBe(true) },
    { name: 'escalate asks for contact', d: { action: 'escalate', quadrant: 'unknown-unknown' }, expect: ([r]) => expect(r!.meta.askContact).toBe(true) },
    { name: 'hand-off asks for contact', d: { action: 'collect-contact', handoff: { trigger: 'asked-for-person', priority: 'normal' } }, expect: ([r]) => expect(r!.meta.askContact).toBe(true) },
    { name: 'with a ticket already, it does not ask again', d: { action: 'escalate' }, ticket: 1042, expect: ([r]) => { expect(r!.meta.askContact).toBeUndefined(); expect(r!.body).toContain('#1042'); } },
  ];
  it.each(cases)('$name', (c) => c.expect(composeReplies(decision(c.d), brain, 'en', c.ticket ?? null)));

  it('speaks the conversation language', () => {
    const [r] = composeReplies(decision({ action: 'escalate' }), brain, 'fr', null);
    expect(r!.body).toMatch(/e-mail/);
  });
});
