import { z } from 'zod';

/** What prompts/summary.md asks for: at most three short sentences of plain text. */
export const summaryOutputSchema = z.string().trim().min(1).max(1000);

export function parseSummaryOutput(text: string): string {
  return summaryOutputSchema.parse(text.replace(/^\s*(summary|hand-off summary)\s*:\s*/i, ''));
}
