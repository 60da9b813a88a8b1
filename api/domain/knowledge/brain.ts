import type { CompiledModel, IntentSpec } from '../routing/types.js';

/** A published article as the bot answers with it. */
export interface PublishedArticle {
  id: string;
  versionId: string;
  slug: string;
  title: string;
  summary: string;
  html: string;
  /** Plain-text body of the published version (what an LLM answer is grounded in). */
  body?: string;
}

/**
 * Everything the bot needs to answer for one site: the compiled routing model and the
 * intents and published articles it was built from. Swapped as a whole.
 */
export interface Brain {
  model: CompiledModel;
  intents: ReadonlyMap<string, IntentSpec>;
  articles: ReadonlyMap<string, PublishedArticle>;
}

export interface BrainProvider {
  /** The live brain for a site (built on first use, rebuilt when knowledge changes). */
  forSite(siteId: string): Promise<Brain>;
}
