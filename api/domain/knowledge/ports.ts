import type { IntentAnswer, IntentSpec } from '../routing/types.js';
import type { PublishSnapshot } from './snapshot.js';

export interface ArticleVersionRecord {
  id: string;
  articleId: string;
  version: number;
  title: string;
  summary: string;
  keywords: string[];
  bodyMarkdown: string;
  bodyHtml: string;
  authorId: string | null;
  note: string;
  createdAt: string;
}

export interface ArticleRecord {
  id: string;
  slug: string;
  category: string;
  /** What the admin wants after the next publish. */
  status: 'draft' | 'published';
  /** What is live now (help center and bot); null: not public. */
  publishedVersionId: string | null;
  publishedVersion: number | null;
  publishedAt: string | null;
  latest: ArticleVersionRecord;
  /** The article has changes the next publish will make live. */
  pending: boolean;
  updatedAt: string;
}

/** A flag an agent raised on an article ("this is wrong"), listed on it until resolved. */
export interface ArticleFlagRecord {
  id: string;
  comment: string;
  by: string;
  ticketNumber: number | null;
  createdAt: string;
}

export interface RenderedArticle {
  slug: string;
  category: string;
  status: 'draft' | 'published';
  title: string;
  summary: string;
  keywords: string[];
  bodyMarkdown: string;
  bodyHtml: string;
  bodyText: string;
  note: string;
}

export interface IntentRecord extends IntentSpec {
  updatedAt: string;
  /** Changed since the last publish (or new). */
  pending: boolean;
}

export interface IntentWrite {
  name: string;
  description: string;
  reason: IntentSpec['reason'];
  keywords: string[];
  phrases: string[];
  negativeKeywords: string[];
  examples: string[];
  answer: IntentAnswer | null;
  enabled: boolean;
}

export interface PublishRecord {
  id: string;
  number: number;
  note: string;
  publishedBy: string;
  restoredFromId: string | null;
  changes: { intents: number; articles: number };
  createdAt: string;
  live: boolean;
}

/** The admin workshop's storage port (implemented with Drizzle in db/repositories/workshop.ts). */
export interface WorkshopStore {
  listArticles(siteId: string, filter?: { search?: string; category?: string }): Promise<ArticleRecord[]>;
  getArticle(siteId: string, id: string): Promise<ArticleRecord | null>;
  listVersions(siteId: string, articleId: string): Promise<ArticleVersionRecord[]>;
  /** Creates the article when `id` is null; always appends a version. Throws AppError('conflict') on a taken slug. */
  saveArticle(siteId: string, id: string | null, content: RenderedArticle, authorId: string | null): Promise<ArticleRecord>;
  deleteArticle(siteId: string, id: string): Promise<boolean>;
  openFlags(siteId: string, articleId: string): Promise<ArticleFlagRecord[]>;
  /** Marks an open flag of the article resolved; false when there is no such open flag. */
  resolveFlag(siteId: string, articleId: string, flagId: string): Promise<boolean>;

  listIntents(siteId: string): Promise<IntentRecord[]>;
  getIntent(siteId: string, id: string): Promise<IntentRecord | null>;
  /** Throws AppError('conflict') on a taken name. */
  saveIntent(siteId: string, id: string | null, intent: IntentWrite): Promise<IntentRecord>;
  deleteIntent(siteId: string, id: string): Promise<boolean>;

  /**
   * Writes an import in one transaction: articles by slug (a new version each), then intents by
   * name; an intent's article answer may name an article by slug. All or nothing.
   */
  importAll(
    siteId: string,
    articles: RenderedArticle[],
    intents: (Omit<IntentWrite, 'answer'> & { answer: IntentWrite['answer'] | { kind: 'article'; slug: string } })[],
    authorId: string | null,
  ): Promise<{ articles: { created: number; updated: number }; intents: { created: number; updated: number } }>;

  listPublishes(siteId: string): Promise<PublishRecord[]>;
  liveSnapshot(siteId: string): Promise<PublishSnapshot>;
  /** Makes the draft live in one transaction: article published versions, a publish row. */
  publish(siteId: string, by: string, note: string): Promise<PublishRecord>;
  rollback(siteId: string, publishId: string, by: string): Promise<PublishRecord | null>;
}
