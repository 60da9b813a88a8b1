import { z } from 'zod';

/** What prompts/draft.md asks for: the reply text, ending with "SOURCES: n, m" or "SOURCES: none". */
export const draftOutputSchema = z.object({
  draft: z.string().min(1).max(8000),
  /** Indexes (0-based) into the articles given. */
  citations: z.array(z.number().int().min(0)),
});
export type DraftOutput = z.infer<typeof draftOutputSchema>;

/** Phrases a sincere apology never uses: a draft containing one is rejected. */
export const HOLLOW_APOLOGIES = [/regret any inconvenience/i, /sorry for any inconvenience/i, /apologi[sz]e for any inconvenience/i];

export function parseDraftOutput(text: string, articleCount: number): DraftOutput {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  const citations: number[] = [];
  const body: string[] = [];
  for (const line of lines) {
    const m = /^\s*sources\s*:(.*)$/i.exec(line);
    if (!m) body.push(line);
    else for (const d of m[1]!.match(/\d+/g) ?? []) {
      const n = Number(d);
      if (n >= 1 && n <= articleCount && !citations.includes(n - 1)) citations.push(n - 1);
    }
  }
  const draft = body.join('\n').trim();
  if (HOLLOW_APOLOGIES.some((re) => re.test(draft))) throw new Error('The draft used a hollow apology.');
  return draftOutputSchema.parse({ draft, citations });
}
