import { and, desc, eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../client.js';
import { articleFlags, articleVersions, articles, intents, tickets, users } from '../schema/index.js';
import type { KnowledgeWriter } from '../../api/domain/tickets/ports.js';
import { markdownToText, renderMarkdown } from '../../api/domain/knowledge/render-article.js';

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

const slugOf = (title: string) =>
  title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'article';

/** The Known-Knowns loop's writes: flags on articles, draft articles, intent examples. */
export function createKnowledgeWriter(db: Db): KnowledgeWriter {
  return {
    async articleExists(siteId, articleId) {
      const [r] = await db.select({ id: articles.id }).from(articles).where(and(eq(articles.siteId, siteId), eq(articles.id, articleId))).limit(1);
      return !!r;
    },
    async listIntents(siteId) {
      return db.select({ id: intents.id, name: intents.name, reason: intents.reason }).from(intents).where(eq(intents.siteId, siteId)).orderBy(intents.name);
    },
    async createFlag(input) {
      const [r] = await db.insert(articleFlags).values(input).returning({ id: articleFlags.id });
      return r!;
    },
    async listFlags(status) {
      const rows = await db
        .select({ f: articleFlags, title: sql<string>`(select ${articleVersions.title} from ${articleVersions} where ${articleVersions.articleId} = ${articleFlags.articleId} order by ${articleVersions.version} desc limit 1)`, ticketNumber: tickets.number, user: users.name })
        .from(articleFlags)
        .leftJoin(tickets, eq(tickets.id, articleFlags.ticketId))
        .innerJoin(users, eq(users.id, articleFlags.userId))
        .where(status === 'all' ? undefined : eq(articleFlags.status, status))
        .orderBy(desc(articleFlags.createdAt));
      return rows.map((r) => ({ id: r.f.id, articleId: r.f.articleId, articleTitle: r.title ?? '', ticketNumber: r.ticketNumber ?? null, user: r.user, comment: r.f.comment, status: r.f.status, createdAt: r.f.createdAt }));
    },
    async createDraftArticle(input) {
      return db.transaction(async (tx) => {
        let slug = slugOf(input.title);
        const [taken] = await tx.select({ id: articles.id }).from(articles).where(and(eq(articles.siteId, input.siteId), eq(articles.slug, slug))).limit(1);
        if (taken) slug = `${slug}-${randomBytes(3).toString('hex')}`;
        const [a] = await tx.insert(articles).values({ siteId: input.siteId, slug, status: 'draft' }).returning({ id: articles.id, slug: articles.slug });
        await tx.insert(articleVersions).values({
          articleId: a!.id,
          version: 1,
          title: input.title,
          bodyMarkdown: input.body,
          bodyHtml: renderMarkdown(input.body),
          bodyText: markdownToText(input.body),
          authorId: input.authorId,
          note: input.note,
        });
        return a!;
      });
    },
    async addIntentExample(siteId, intentId, example) {
      const [r] = await db
        .update(intents)
        .set({
          examples: sql`case when ${example} = any(${intents.examples}) then ${intents.examples} else array_append(${intents.examples}, ${example}::text) end`,
          updatedAt: new Date(),
        })
        .where(and(eq(intents.siteId, siteId), eq(intents.id, intentId)))
        .returning({ id: intents.id, name: intents.name });
      return r ?? null;
    },
    async createIntent(input) {
      try {
        const [r] = await db
          .insert(intents)
          .values({
            siteId: input.siteId,
            name: input.name,
            reason: input.reason,
            examples: [input.example],
            answerKind: input.articleId ? 'article' : input.answerText ? 'canned' : null,
            answerArticleId: input.articleId,
            answerText: input.answerText,
          })
          .returning({ id: intents.id, name: intents.name });
        return r!;
      } catch (e) {
        if (isUniqueViolation(e)) return null;
        throw e;
      }
    },
  };
}
