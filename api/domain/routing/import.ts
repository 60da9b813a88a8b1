/**
 * The import path: labelled rows ({text, intent}) → intents. Used by the eval command and by
 * admin imports, so both train exactly the same way. Rows with a null intent (out of scope) are
 * not an intent and are skipped; empty texts are skipped; duplicates within an intent are kept
 * once. Intents come out in order of first appearance.
 */
import type { IntentSpec } from './types.js';

export interface LabelledRow {
  text: string;
  intent: string | null;
}

export function intentsFromLabelledRows(rows: readonly LabelledRow[]): IntentSpec[] {
  const byLabel = new Map<string, IntentSpec>();
  const seen = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.intent === null || row.intent === undefined) continue;
    const text = row.text.trim();
    if (text.length === 0) continue;
    let intent = byLabel.get(row.intent);
    if (!intent) {
      intent = {
        id: row.intent,
        name: row.intent,
        description: '',
        reason: 'information',
        keywords: [],
        phrases: [],
        negativeKeywords: [],
        examples: [],
        answer: null,
        enabled: true,
      };
      byLabel.set(row.intent, intent);
      seen.set(row.intent, new Set());
    }
    const s = seen.get(row.intent)!;
    if (s.has(text)) continue;
    s.add(text);
    intent.examples.push(text);
  }
  return [...byLabel.values()];
}
