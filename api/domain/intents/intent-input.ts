import { z } from 'zod';
import { REASONS, type IntentAnswer, type IntentSpec, type Reason } from '../routing/types.js';

const words = z.array(z.string().trim().min(1).max(200)).max(500).default([]);

export const intentAnswer = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('article'), articleId: z.uuid() }),
    z.object({ kind: z.literal('canned'), text: z.string().trim().min(1).max(4000) }),
    z.object({ kind: z.literal('action'), action: z.literal('collect-contact') }),
  ])
  .nullable();

/** An intent as admins edit it. */
export const intentInput = z.object({
  name: z.string().trim().min(1).max(100).regex(/^[\p{L}\p{N}_ .:-]+$/u, 'letters, digits, spaces, _ . : -'),
  description: z.string().trim().max(1000).default(''),
  reason: z.enum(REASONS as [Reason, ...Reason[]]).default('information'),
  keywords: words,
  phrases: words,
  negativeKeywords: words,
  examples: z.array(z.string().trim().min(1).max(1000)).max(5000).default([]),
  answer: intentAnswer.default(null),
  enabled: z.boolean().default(true),
});
export type IntentInput = z.infer<typeof intentInput>;

/** Removes duplicates (case-insensitive) keeping the first spelling. */
export function dedupe(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = s.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function cleanIntent(input: IntentInput): IntentInput {
  return {
    ...input,
    keywords: dedupe(input.keywords),
    phrases: dedupe(input.phrases),
    negativeKeywords: dedupe(input.negativeKeywords),
    examples: dedupe(input.examples),
  };
}

export function sameIntent(a: IntentSpec, b: IntentSpec): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const canonical = (i: IntentSpec) => [i.name, i.description, i.reason, i.keywords, i.phrases, i.negativeKeywords, i.examples, answerKey(i.answer), i.enabled];
const answerKey = (a: IntentAnswer | null) => (a ? JSON.stringify(a) : null);
