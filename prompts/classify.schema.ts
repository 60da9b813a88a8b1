import { z } from 'zod';

/** What prompts/classify.md asks for: {"intent": "<candidate name>" | "none"}. */
export const classifyOutputSchema = z.object({ intent: z.string().min(1).max(200) }).strict();
export type ClassifyOutput = z.infer<typeof classifyOutputSchema>;

/**
 * Parses the model's reply into the closed set: one of `names`, or null ("none"). Anything else —
 * prose, a name not offered, extra keys, broken JSON — is null: the deterministic path decides.
 */
export function parseClassifyOutput(text: string, names: readonly string[]): string | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  const parsed = classifyOutputSchema.safeParse(json);
  if (!parsed.success) return null;
  const choice = parsed.data.intent.trim();
  return names.includes(choice) ? choice : null;
}
