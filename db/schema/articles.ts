import { integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';
import { sites } from './sites.js';

/** A knowledge-base article; its content lives in versions. */
export const articles = pgTable(
  'articles',
  {
    id: id(),
    siteId: uuid('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    category: text('category').notNull().default('General'),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    /** The version the help center and the bot use. */
    publishedVersionId: uuid('published_version_id'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('articles_site_slug').on(t.siteId, t.slug)],
);

/** Every save of an article is a version: Markdown source and the sanitized HTML rendered on save. */
export const articleVersions = pgTable(
  'article_versions',
  {
    id: id(),
    articleId: uuid('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMarkdown: text('body_markdown').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    keywords: text('keywords').array().notNull().default([]),
    authorId: uuid('author_id'),
    note: text('note').notNull().default(''),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('article_versions_article_version').on(t.articleId, t.version)],
);
