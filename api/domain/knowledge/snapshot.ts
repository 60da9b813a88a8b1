import type { IntentSpec } from '../routing/types.js';

/** What a publish made live: the intents as they were, and the version each public article shows. */
export interface PublishSnapshot {
  intents: IntentSpec[];
  /** articleId → published article version id. Articles absent here are not live. */
  articles: Record<string, string>;
}
