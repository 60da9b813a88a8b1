import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client.js';
import { articles, articleVersions, intents, sites } from '../schema/index.js';
import { markdownToText, renderMarkdown } from '../../api/domain/knowledge/render-article.js';
import { REASONS } from '../../api/domain/routing/types.js';

const seedSchema = z.object({
  site: z.object({
    key: z.string().min(1),
    name: z.string().min(1),
    greeting: z.record(z.string(), z.string()),
    languages: z.array(z.string()).min(1),
    appearance: z.object({ color: z.string(), position: z.enum(['right', 'left']) }),
  }),
  articles: z.array(
    z.object({
      slug: z.string().regex(/^[a-z0-9-]+$/),
      title: z.string().min(1),
      category: z.string().min(1),
      summary: z.string(),
      keywords: z.array(z.string()),
      body: z.string().min(1),
    }),
  ),
  intents: z.array(
    z.object({
      name: z.string().min(1),
      description: z.string(),
      reason: z.enum(REASONS as [string, ...string[]]),
      keywords: z.array(z.string()),
      phrases: z.array(z.string()),
      negativeKeywords: z.array(z.string()),
      examples: z.array(z.string()),
      answer: z.union([
        z.object({ article: z.string() }),
        z.object({ canned: z.string() }),
        z.object({ action: z.literal('collect-contact') }),
      ]),
    }),
  ),
});

export type SeedData = z.infer<typeof seedSchema>;

export function readDemoSeed(): SeedData {
  const file = fileURLToPath(new URL('./demo.json', import.meta.url));
  return seedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Seeds a site with its articles (published, version 1) and intents, in one transaction,
 * unless a site with that key exists. Returns whether it seeded.
 */
export async function seedSite(db: Db, data: SeedData, allowedOrigins: string[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(sites)
      .values({ ...data.site, allowedOrigins })
      .onConflictDoNothing({ target: sites.key })
      .returning({ id: sites.id });
    const site = inserted[0];
    if (!site) return false;
    const articleIds = new Map<string, string>();
    for (const a of data.articles) {
      const [row] = await tx
        .insert(articles)
        .values({ siteId: site.id, slug: a.slug, category: a.category, status: 'published', publishedAt: new Date() })
        .returning({ id: articles.id });
      const [version] = await tx
        .insert(articleVersions)
        .values({
          articleId: row!.id,
          version: 1,
          title: a.title,
          summary: a.summary,
          bodyMarkdown: a.body,
          bodyHtml: renderMarkdown(a.body),
          bodyText: markdownToText(a.body),
          keywords: a.keywords,
          note: 'Seeded',
        })
        .returning({ id: articleVersions.id });
      await tx.update(articles).set({ publishedVersionId: version!.id }).where(eq(articles.id, row!.id));
      articleIds.set(a.slug, row!.id);
    }
    for (const i of data.intents) {
      const articleId = 'article' in i.answer ? articleIds.get(i.answer.article) : undefined;
      if ('article' in i.answer && !articleId) throw new Error(`Seed intent ${i.name} answers with unknown article ${i.answer.article}`);
      await tx.insert(intents).values({
        siteId: site.id,
        name: i.name,
        description: i.description,
        reason: i.reason as (typeof REASONS)[number],
        keywords: i.keywords,
        phrases: i.phrases,
        negativeKeywords: i.negativeKeywords,
        examples: i.examples,
        answerKind: 'article' in i.answer ? 'article' : 'canned' in i.answer ? 'canned' : 'action',
        answerArticleId: articleId ?? null,
        answerText: 'canned' in i.answer ? i.answer.canned : null,
      });
    }
    return true;
  });
}

/** Adds origins to a site's allow-list (used for EXTRA_ALLOWED_ORIGINS at start-up). */
export async function allowOrigins(db: Db, siteKey: string, origins: string[]): Promise<void> {
  const [site] = await db.select().from(sites).where(eq(sites.key, siteKey));
  if (!site) return;
  const merged = [...new Set([...site.allowedOrigins, ...origins])];
  if (merged.length !== site.allowedOrigins.length) {
    await db.update(sites).set({ allowedOrigins: merged, updatedAt: new Date() }).where(eq(sites.id, site.id));
  }
}
