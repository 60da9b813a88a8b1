import { z } from 'zod';

/**
 * What prompts/answer.md asks for: plain text citing articles as [n], ending with a
 * "SOURCES: n, m" line; or the single line UNSUPPORTED.
 */
export const answerOutputSchema = z.discriminatedUnion('supported', [
  z.object({
    supported: z.literal(true),
    /** The visible answer, citations renumbered [1], [2]… in order of first use. */
    answer: z.string().min(1).max(4000),
    /** Indexes (0-based) into the articles given, in order of first citation; at least one. */
    citations: z.array(z.number().int().min(0)).min(1),
  }),
  z.object({ supported: z.literal(false), answer: z.literal(''), citations: z.array(z.number()).length(0) }),
]);
export type AnswerOutput = z.infer<typeof answerOutputSchema>;

const UNSUPPORTED = /^\W*unsupported\W*$/i;
const SOURCES = /^\s*sources\s*:(.*)$/i;

/**
 * Parses the model's text. An answer that cites nothing it was given is not grounded, so it
 * counts as unsupported; anything unparseable throws (the caller falls back).
 */
export function parseAnswerOutput(text: string, articleCount: number): AnswerOutput {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  if (lines.length === 0 || UNSUPPORTED.test(lines[0]!.trim()) || UNSUPPORTED.test(text.trim())) {
    return { supported: false, answer: '', citations: [] };
  }
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= articleCount;
  const body: string[] = [];
  const listed: number[] = [];
  for (const line of lines) {
    const m = SOURCES.exec(line);
    if (m) listed.push(...(m[1]!.match(/\d+/g) ?? []).map(Number));
    else body.push(line);
  }
  let answer = body.join('\n').trim();
  // Order of first citation in the text, then any listed but not marked.
  const order: number[] = [];
  for (const m of answer.matchAll(/\[(\d+)\]/g)) {
    const n = Number(m[1]);
    if (valid(n) && !order.includes(n)) order.push(n);
  }
  for (const n of listed) if (valid(n) && !order.includes(n)) order.push(n);
  // Renumber the markers; drop the ones pointing at nothing we gave.
  answer = answer
    .replace(/\[(\d+)\]/g, (_, d: string) => (order.includes(Number(d)) ? `[${order.indexOf(Number(d)) + 1}]` : ''))
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .trim();
  if (order.length === 0 || !answer) return { supported: false, answer: '', citations: [] };
  return answerOutputSchema.parse({ supported: true, answer, citations: order.map((n) => n - 1) });
}

/**
 * While streaming, what may be shown: everything except an unfinished line that could still turn
 * out to be the SOURCES trailer or UNSUPPORTED. Returns the visible prefix of `text` so far.
 */
export function visibleAnswerPrefix(text: string, final = false): string {
  const lines = text.split('\n');
  const shown: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const complete = final || i < lines.length - 1;
    const t = line.trim().toLowerCase();
    if (SOURCES.test(line) || UNSUPPORTED.test(line.trim())) break;
    if (!complete && ('sources:'.startsWith(t) || 'unsupported'.startsWith(t.replace(/^\W+/, '')))) break;
    shown.push(line);
    if (!complete) return shown.join('\n');
  }
  return shown.join('\n').replace(/\s+$/, '');
}
