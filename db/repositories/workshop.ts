/**
 * The admin workshop's storage: articles and their versions, intents, publishes (drafts vs live).
 *
 * Draft vs live: intents and articles are edited in place (every article save appends a version).
 * What is live is what the last publish made live: article rows point at their published version
 * (`published_version_id`), and the intents the bot uses are the last publish's snapshot. The first
 * time a site is touched, its current state is recorded as publish #1 (the baseline).
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { articleFlags, articles, articleVersions, contacts, conversations, goldenQuestions, intents, messages, publishes, sites, tickets, users } from '../schema/index.js';
import { AppError } from '../../api/domain/errors.js';
import type {
  ArticleRecord,
  ArticleVersionRecord,
  IntentRecord,
  IntentWrite,
  PublishRecord,
  RenderedArticle,
  WorkshopStore,
} from '../../api/domain/knowledge/ports.js';
import type { PublishSnapshot } from '../../api/domain/knowledge/snapshot.js';
import { sameIntent } from '../../api/domain/intents/intent-input.js';
import type { IntentSpec } from '../../api/domain/routing/types.js';
import { toIntentSpec, type SiteKnowledge } from './knowledge.js';

type Q = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'selectDistinctOn'>;
type VersionRow = typeof articleVersions.$inferSelect;
type ArticleRow = typeof articles.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toVersion = (v: VersionRow): ArticleVersionRecord => ({
  id: v.id,
  articleId: v.articleId,
  version: v.version,
  title: v.title,
  summary: v.summary,
  keywords: v.keywords,
  bodyMarkdown: v.bodyMarkdown,
  bodyHtml: v.bodyHtml,
  authorId: v.authorId,
  note: v.note,
  createdAt: v.createdAt.toISOString(),
});

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return (err.code ?? err.cause?.code) === '23505';
}

async function latestVersions(q: Q, articleIds: string[]): Promise<Map<string, VersionRow>> {
  if (articleIds.length === 0) return new Map();
  const rows = await q
    .selectDistinctOn([articleVersions.articleId])
    .from(articleVersions)
    .where(inArray(articleVersions.articleId, articleIds))
    .orderBy(articleVersions.articleId, desc(articleVersions.version));
  return new Map(rows.map((r) => [r.articleId, r]));
}

async function versionNumbers(q: Q, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await q.select({ id: articleVersions.id, version: articleVersions.version }).from(articleVersions).where(inArray(articleVersions.id, ids));
  return new Map(rows.map((r) => [r.id, r.version]));
}

async function toArticles(q: Q, rows: ArticleRow[]): Promise<ArticleRecord[]> {
  const latest = await latestVersions(q, rows.map((r) => r.id));
  const published = await versionNumbers(q, rows.flatMap((r) => (r.publishedVersionId ? [r.publishedVersionId] : [])));
  return rows
    .filter((r) => latest.has(r.id))
    .map((r) => {
      const l = latest.get(r.id)!;
      const target = r.status === 'published' ? l.id : null;
      return {
        id: r.id,
        slug: r.slug,
        category: r.category,
        status: r.status,
        publishedVersionId: r.publishedVersionId,
        publishedVersion: r.publishedVersionId ? (published.get(r.publishedVersionId) ?? null) : null,
        publishedAt: iso(r.publishedAt),
        latest: toVersion(l),
        pending: target !== r.publishedVersionId,
        updatedAt: r.updatedAt.toISOString(),
      };
    });
}

/** Records the current state as publish #1 when a site has never been published (idempotent, race-safe). */
export async function ensureBaseline(q: Q, siteId: string): Promise<void> {
  const [existing] = await q.select({ id: publishes.id }).from(publishes).where(eq(publishes.siteId, siteId)).limit(1);
  if (existing) return;
  const [intentRows, articleRows] = await Promise.all([
    q.select().from(intents).where(eq(intents.siteId, siteId)).orderBy(asc(intents.name)),
    q.select({ id: articles.id, v: articles.publishedVersionId }).from(articles).where(and(eq(articles.siteId, siteId), isNotNull(articles.publishedVersionId))),
  ]);
  const snapshot: PublishSnapshot = {
    intents: intentRows.map(toIntentSpec),
    articles: Object.fromEntries(articleRows.map((a) => [a.id, a.v!])),
  };
  await q
    .insert(publishes)
    .values({ siteId, number: 1, snapshot, note: 'Initial state', publishedBy: 'system' })
    .onConflictDoNothing({ target: [publishes.siteId, publishes.number] });
}

async function latestPublish(q: Q, siteId: string) {
  await ensureBaseline(q, siteId);
  const [row] = await q.select().from(publishes).where(eq(publishes.siteId, siteId)).orderBy(desc(publishes.number)).limit(1);
  return row!;
}

/** Points each article at the version `pick` chooses (null: not live); returns the live map and how many changed. */
async function setLiveVersions(
  q: Q,
  articleRows: (typeof articles.$inferSelect)[],
  pick: (a: typeof articles.$inferSelect) => string | null,
): Promise<{ live: Record<string, string>; articleChanges: number }> {
  const live: Record<string, string> = {};
  let articleChanges = 0;
  for (const a of articleRows) {
    const next = pick(a);
    if (next) live[a.id] = next;
    if (next !== a.publishedVersionId) {
      articleChanges++;
      await q.update(articles).set({ publishedVersionId: next, publishedAt: next ? new Date() : null, updatedAt: new Date() }).where(eq(articles.id, a.id));
    }
  }
  return { live, articleChanges };
}

/** The publish row after `prev`, with what changed since it (a publish and a rollback alike). */
async function recordPublish(
  q: Q,
  siteId: string,
  prev: typeof publishes.$inferSelect,
  snapshot: PublishSnapshot,
  articleChanges: number,
  by: { note: string; publishedBy: string; restoredFromId?: string },
) {
  const [row] = await q
    .insert(publishes)
    .values({
      siteId,
      number: prev.number + 1,
      snapshot,
      ...by,
      changes: { intents: intentChanges(prev.snapshot.intents, snapshot.intents), articles: articleChanges },
    })
    .returning();
  return toPublish(row!, row!.id);
}

async function solvedTickets(db: Db, siteId: string): Promise<SiteKnowledge['solvedTickets']> {
  const rows = await db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, intentId: tickets.intentId, assigneeId: tickets.assigneeId })
    .from(tickets)
    .innerJoin(contacts, eq(contacts.id, tickets.contactId))
    .where(and(eq(tickets.siteId, siteId), eq(tickets.status, 'solved'), isNotNull(tickets.solvedAt)));
  return rows.map((t) => ({ id: t.id, number: t.number, question: t.subject, intentId: t.intentId, solvedBy: t.assigneeId }));
}

function toKnowledgeArticle(a: { id: string; slug: string }, v: VersionRow): SiteKnowledge['articles'][number] {
  return { id: a.id, versionId: v.id, slug: a.slug, title: v.title, summary: v.summary, html: v.bodyHtml, keywords: v.keywords, body: v.bodyText };
}

/** What the bot answers with: the last publish's intents and the published article versions. */
export async function loadLiveKnowledge(db: Db, siteId: string): Promise<SiteKnowledge> {
  const pub = await latestPublish(db, siteId);
  const rows = await db
    .select({ a: articles, v: articleVersions })
    .from(articles)
    .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .where(eq(articles.siteId, siteId));
  return {
    intents: pub.snapshot.intents,
    articles: rows.map(({ a, v }) => toKnowledgeArticle(a, v)),
    solvedTickets: await solvedTickets(db, siteId),
  };
}

/** What the bot would answer with after a publish: current intents, latest versions of articles meant to be public. */
export async function loadDraftKnowledge(db: Db, siteId: string): Promise<SiteKnowledge> {
  const [intentRows, articleRows] = await Promise.all([
    db.select().from(intents).where(eq(intents.siteId, siteId)).orderBy(asc(intents.name)),
    db.select().from(articles).where(and(eq(articles.siteId, siteId), eq(articles.status, 'published'))),
  ]);
  const latest = await latestVersions(db, articleRows.map((a) => a.id));
  return {
    intents: intentRows.map(toIntentSpec),
    articles: articleRows.filter((a) => latest.has(a.id)).map((a) => toKnowledgeArticle(a, latest.get(a.id)!)),
    solvedTickets: await solvedTickets(db, siteId),
  };
}

function intentChanges(before: IntentSpec[], after: IntentSpec[]): number {
  const prev = new Map(before.map((i) => [i.id, i]));
  let n = 0;
  for (const i of after) {
    const p = prev.get(i.id);
    if (!p || !sameIntent(p, i)) n++;
    prev.delete(i.id);
  }
  return n + prev.size;
}

const toPublish = (r: typeof publishes.$inferSelect, liveId: string | null): PublishRecord => ({
  id: r.id,
  number: r.number,
  note: r.note,
  publishedBy: r.publishedBy,
  restoredFromId: r.restoredFromId,
  changes: r.changes,
  createdAt: r.createdAt.toISOString(),
  live: r.id === liveId,
});

function intentValues(siteId: string, i: IntentWrite) {
  return {
    siteId,
    name: i.name,
    description: i.description,
    reason: i.reason,
    keywords: i.keywords,
    phrases: i.phrases,
    negativeKeywords: i.negativeKeywords,
    examples: i.examples,
    answerKind: i.answer?.kind ?? null,
    answerArticleId: i.answer?.kind === 'article' ? i.answer.articleId : null,
    answerText: i.answer?.kind === 'canned' ? i.answer.text : null,
    enabled: i.enabled,
    updatedAt: new Date(),
  };
}

export function createWorkshopStore(db: Db): WorkshopStore {
  const articleById = async (q: Q, siteId: string, id: string) => {
    const rows = await q.select().from(articles).where(and(eq(articles.siteId, siteId), eq(articles.id, id)));
    return (await toArticles(q, rows))[0] ?? null;
  };
  const toIntentRecords = async (rows: (typeof intents.$inferSelect)[], siteId: string): Promise<IntentRecord[]> => {
    const live = new Map((await latestPublish(db, siteId)).snapshot.intents.map((i) => [i.id, i]));
    return rows.map((r) => {
      const spec = toIntentSpec(r);
      const l = live.get(r.id);
      return { ...spec, updatedAt: r.updatedAt.toISOString(), pending: !l || !sameIntent(l, spec) };
    });
  };

  const store: WorkshopStore = {
    async listArticles(siteId, filter = {}) {
      const rows = await db
        .select()
        .from(articles)
        .where(and(eq(articles.siteId, siteId), filter.category ? eq(articles.category, filter.category) : undefined))
        .orderBy(asc(articles.category), asc(articles.slug));
      let list = await toArticles(db, rows);
      const q = filter.search?.trim().toLowerCase();
      if (q) {
        const words = q.split(/\s+/);
        list = list.filter((a) => {
          const hay = `${a.slug} ${a.latest.title} ${a.latest.summary} ${a.latest.keywords.join(' ')} ${a.latest.bodyMarkdown}`.toLowerCase();
          return words.every((w) => hay.includes(w));
        });
      }
      return list;
    },
    getArticle: (siteId, id) => articleById(db, siteId, id),
    async listVersions(siteId, articleId) {
      const rows = await db
        .select({ v: articleVersions })
        .from(articleVersions)
        .innerJoin(articles, eq(articles.id, articleVersions.articleId))
        .where(and(eq(articles.siteId, siteId), eq(articleVersions.articleId, articleId)))
        .orderBy(desc(articleVersions.version));
      return rows.map((r) => toVersion(r.v));
    },
    async saveArticle(siteId, id, content, authorId) {
      try {
        return await db.transaction(async (tx) => {
          await ensureBaseline(tx, siteId);
          let articleId = id;
          if (articleId === null) {
            const [row] = await tx
              .insert(articles)
              .values({ siteId, slug: content.slug, category: content.category, status: content.status })
              .returning({ id: articles.id });
            articleId = row!.id;
          } else {
            const [row] = await tx
              .select({ id: articles.id })
              .from(articles)
              .where(and(eq(articles.siteId, siteId), eq(articles.id, articleId)))
              .for('update');
            if (!row) throw new AppError('not_found', 'No such article.');
            await tx
              .update(articles)
              .set({ slug: content.slug, category: content.category, status: content.status, updatedAt: new Date() })
              .where(eq(articles.id, articleId));
          }
          const [last] = await tx.select({ n: max(articleVersions.version) }).from(articleVersions).where(eq(articleVersions.articleId, articleId));
          await tx.insert(articleVersions).values({
            articleId,
            version: (last?.n ?? 0) + 1,
            title: content.title,
            summary: content.summary,
            bodyMarkdown: content.bodyMarkdown,
            bodyHtml: content.bodyHtml,
            bodyText: content.bodyText,
            keywords: content.keywords,
            authorId,
            note: content.note,
          });
          return (await articleById(tx, siteId, articleId))!;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('conflict', `Another article already has the slug "${content.slug}".`);
        throw e;
      }
    },
    async deleteArticle(siteId, id) {
      const [row] = await db.select().from(articles).where(and(eq(articles.siteId, siteId), eq(articles.id, id)));
      if (!row) return false;
      if (row.publishedVersionId) throw new AppError('conflict', 'The article is live: set it to draft and publish before deleting it.');
      await db.delete(articles).where(eq(articles.id, id));
      return true;
    },

    async openFlags(siteId, articleId) {
      const rows = await db
        .select({ f: articleFlags, by: users.name, ticketNumber: tickets.number })
        .from(articleFlags)
        .innerJoin(articles, eq(articles.id, articleFlags.articleId))
        .innerJoin(users, eq(users.id, articleFlags.userId))
        .leftJoin(tickets, eq(tickets.id, articleFlags.ticketId))
        .where(and(eq(articles.siteId, siteId), eq(articleFlags.articleId, articleId), eq(articleFlags.status, 'open')))
        .orderBy(desc(articleFlags.createdAt));
      return rows.map((r) => ({ id: r.f.id, comment: r.f.comment, by: r.by, ticketNumber: r.ticketNumber ?? null, createdAt: r.f.createdAt.toISOString() }));
    },
    async resolveFlag(siteId, articleId, flagId) {
      const [a] = await db.select({ id: articles.id }).from(articles).where(and(eq(articles.siteId, siteId), eq(articles.id, articleId)));
      if (!a) return false;
      const rows = await db
        .update(articleFlags)
        .set({ status: 'resolved', resolvedAt: new Date() })
        .where(and(eq(articleFlags.id, flagId), eq(articleFlags.articleId, articleId), eq(articleFlags.status, 'open')))
        .returning({ id: articleFlags.id });
      return rows.length > 0;
    },

    async listIntents(siteId) {
      return toIntentRecords(await db.select().from(intents).where(eq(intents.siteId, siteId)).orderBy(asc(intents.name)), siteId);
    },
    async getIntent(siteId, id) {
      const rows = await db.select().from(intents).where(and(eq(intents.siteId, siteId), eq(intents.id, id)));
      return (await toIntentRecords(rows, siteId))[0] ?? null;
    },
    async saveIntent(siteId, id, intent) {
      await ensureBaseline(db, siteId);
      if (intent.answer?.kind === 'article') {
        const [a] = await db.select({ id: articles.id }).from(articles).where(and(eq(articles.siteId, siteId), eq(articles.id, intent.answer.articleId)));
        if (!a) throw new AppError('validation_failed', 'The answer article does not exist.', { fields: [{ path: 'answer.articleId', message: 'no such article' }] });
      }
      try {
        let row;
        if (id === null) [row] = await db.insert(intents).values(intentValues(siteId, intent)).returning();
        else [row] = await db.update(intents).set(intentValues(siteId, intent)).where(and(eq(intents.siteId, siteId), eq(intents.id, id))).returning();
        if (!row) throw new AppError('not_found', 'No such intent.');
        return (await toIntentRecords([row], siteId))[0]!;
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('conflict', `Another intent is already named "${intent.name}".`);
        throw e;
      }
    },
    async deleteIntent(siteId, id) {
      await ensureBaseline(db, siteId);
      const rows = await db.delete(intents).where(and(eq(intents.siteId, siteId), eq(intents.id, id))).returning({ id: intents.id });
      return rows.length > 0;
    },

    async importAll(siteId, newArticles, newIntents, authorId) {
      return db.transaction(async (tx) => {
        await ensureBaseline(tx, siteId);
        const result = { articles: { created: 0, updated: 0 }, intents: { created: 0, updated: 0 } };
        const existing = await tx.select({ id: articles.id, slug: articles.slug }).from(articles).where(eq(articles.siteId, siteId));
        const idOfSlug = new Map(existing.map((a) => [a.slug, a.id]));
        for (const a of newArticles) {
          let id = idOfSlug.get(a.slug);
          if (id) {
            await tx.update(articles).set({ category: a.category, status: a.status, updatedAt: new Date() }).where(eq(articles.id, id));
            result.articles.updated++;
          } else {
            const [row] = await tx.insert(articles).values({ siteId, slug: a.slug, category: a.category, status: a.status }).returning({ id: articles.id });
            id = row!.id;
            idOfSlug.set(a.slug, id);
            result.articles.created++;
          }
          const [last] = await tx.select({ n: max(articleVersions.version) }).from(articleVersions).where(eq(articleVersions.articleId, id));
          await tx.insert(articleVersions).values({
            articleId: id,
            version: (last?.n ?? 0) + 1,
            title: a.title,
            summary: a.summary,
            bodyMarkdown: a.bodyMarkdown,
            bodyHtml: a.bodyHtml,
            bodyText: a.bodyText,
            keywords: a.keywords,
            authorId,
            note: a.note || 'Imported',
          });
        }
        const intentRows = await tx.select({ id: intents.id, name: intents.name }).from(intents).where(eq(intents.siteId, siteId));
        const idOfName = new Map(intentRows.map((i) => [i.name.toLowerCase(), i.id]));
        for (const i of newIntents) {
          const answer: IntentWrite['answer'] =
            i.answer?.kind === 'article' && 'slug' in i.answer
              ? { kind: 'article', articleId: idOfSlug.get(i.answer.slug) ?? '' }
              : (i.answer as IntentWrite['answer']);
          if (answer?.kind === 'article' && !answer.articleId) throw new AppError('validation_failed', `No article for intent "${i.name}".`);
          const values = intentValues(siteId, { ...i, answer });
          const id = idOfName.get(i.name.toLowerCase());
          if (id) {
            await tx.update(intents).set(values).where(eq(intents.id, id));
            result.intents.updated++;
          } else {
            await tx.insert(intents).values(values);
            result.intents.created++;
          }
        }
        return result;
      });
    },

    async listPublishes(siteId) {
      const live = await latestPublish(db, siteId);
      const rows = await db.select().from(publishes).where(eq(publishes.siteId, siteId)).orderBy(desc(publishes.number)).limit(100);
      return rows.map((r) => toPublish(r, live.id));
    },
    async liveSnapshot(siteId) {
      return (await latestPublish(db, siteId)).snapshot;
    },
    async publish(siteId, by, note) {
      return db.transaction(async (tx) => {
        // One publish at a time per site, across every API process.
        await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).for('update');
        const prev = await latestPublish(tx, siteId);
        const intentRows = await tx.select().from(intents).where(eq(intents.siteId, siteId)).orderBy(asc(intents.name));
        const articleRows = await tx.select().from(articles).where(eq(articles.siteId, siteId));
        const latest = await latestVersions(tx, articleRows.map((a) => a.id));
        const { live, articleChanges } = await setLiveVersions(tx, articleRows, (a) => (a.status === 'published' ? (latest.get(a.id)?.id ?? null) : null));
        return recordPublish(tx, siteId, prev, { intents: intentRows.map(toIntentSpec), articles: live }, articleChanges, { note, publishedBy: by });
      });
    },
    async rollback(siteId, publishId, by) {
      return db.transaction(async (tx) => {
        await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).for('update');
        const [target] = await tx.select().from(publishes).where(and(eq(publishes.siteId, siteId), eq(publishes.id, publishId)));
        if (!target) return null;
        const prev = await latestPublish(tx, siteId);
        const articleRows = await tx.select().from(articles).where(eq(articles.siteId, siteId));
        // Only versions that still exist (a deleted article stays deleted).
        const wanted = Object.values(target.snapshot.articles);
        const existing = new Set(
          wanted.length ? (await tx.select({ id: articleVersions.id }).from(articleVersions).where(inArray(articleVersions.id, wanted))).map((r) => r.id) : [],
        );
        const { live, articleChanges } = await setLiveVersions(tx, articleRows, (a) => {
          const v = target.snapshot.articles[a.id];
          return v && existing.has(v) ? v : null;
        });
        return recordPublish(tx, siteId, prev, { intents: target.snapshot.intents, articles: live }, articleChanges, {
          note: `Rollback to publish #${target.number}`,
          publishedBy: by,
          restoredFromId: target.id,
        });
      });
    },
  };
  return store;
}

/** Published articles of a site for the help center: rendered HTML as stored at publish time. */
export async function findHelpArticle(db: Db, siteId: string, slug: string) {
  const [row] = await db
    .select({ slug: articles.slug, category: articles.category, publishedAt: articles.publishedAt, v: articleVersions })
    .from(articles)
    .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .where(and(eq(articles.siteId, siteId), eq(articles.slug, slug)))
    .limit(1);
  return row
    ? { slug: row.slug, category: row.category, title: row.v.title, summary: row.v.summary, html: row.v.bodyHtml, updatedAt: (row.publishedAt ?? row.v.createdAt).toISOString() }
    : null;
}

export async function listHelpArticles(db: Db, siteId: string) {
  const rows = await db
    .select({ slug: articles.slug, category: articles.category, publishedAt: articles.publishedAt, title: articleVersions.title, summary: articleVersions.summary, createdAt: articleVersions.createdAt })
    .from(articles)
    .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .where(eq(articles.siteId, siteId))
    .orderBy(asc(articles.category), asc(articleVersions.title));
  return rows.map((r) => ({ slug: r.slug, category: r.category, title: r.title, summary: r.summary, updatedAt: (r.publishedAt ?? r.createdAt).toISOString() }));
}

/** Full-text search over published articles (title weighted above summary and body). */
export async function searchHelpArticles(db: Db, siteId: string, query: string, limit = 20) {
  const doc = sql`setweight(to_tsvector('english', ${articleVersions.title}), 'A') || setweight(to_tsvector('english', ${articleVersions.summary}), 'B') || setweight(to_tsvector('english', ${articleVersions.bodyText}), 'C')`;
  const q = sql`websearch_to_tsquery('english', ${query})`;
  const rank = sql<number>`ts_rank(${doc}, ${q})`;
  const rows = await db
    .select({ slug: articles.slug, category: articles.category, title: articleVersions.title, summary: articleVersions.summary, rank })
    .from(articles)
    .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .where(and(eq(articles.siteId, siteId), sql`${doc} @@ ${q}`))
    .orderBy(desc(rank), asc(articleVersions.title))
    .limit(limit);
  return rows.map(({ rank: _r, ...r }) => r);
}

/** Customer questions of the last `days` days, grouped by exact text, most asked first. */
export async function recentCustomerQuestions(db: Db, siteId: string, days: number, limit = 2000) {
  const since = new Date(Date.now() - days * 86_400_000);
  const n = sql<number>`count(*)::int`;
  const last = sql<Date>`max(${messages.createdAt})`;
  const rows = await db
    .select({ text: messages.body, count: n, last })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(conversations.siteId, siteId), eq(messages.role, 'customer'), gte(messages.createdAt, since)))
    .groupBy(messages.body)
    .orderBy(desc(n), asc(messages.body))
    .limit(limit);
  return rows.map((r) => ({ text: r.text, count: Number(r.count), lastAskedAt: new Date(r.last).toISOString() }));
}

/** Questions the bot could not answer in the last `days` days: Unknown quadrants or handed to a person. */
export async function gapQuestions(db: Db, siteId: string, days: number, limit = 5000) {
  const since = new Date(Date.now() - days * 86_400_000);
  const customer = alias(messages, 'customer');
  const rows = await db
    .selectDistinctOn([customer.id], { text: customer.body, decision: messages.decision, askedAt: customer.createdAt })
    .from(messages)
    .innerJoin(customer, eq(customer.id, messages.replyToId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(conversations.siteId, siteId),
        eq(messages.role, 'bot'),
        isNotNull(messages.decision),
        gte(customer.createdAt, since),
        sql`(${messages.decision}->>'quadrant' in ('unknown-known', 'unknown-unknown') or jsonb_typeof(${messages.decision}->'handoff') = 'object')`,
      ),
    )
    .orderBy(customer.id)
    .limit(limit);
  return rows.map((r) => ({ text: r.text, quadrant: r.decision!.quadrant, handoff: r.decision!.handoff !== null, askedAt: r.askedAt.toISOString() }));
}

export async function listGoldenQuestions(db: Db, siteId: string) {
  const rows = await db.select().from(goldenQuestions).where(eq(goldenQuestions.siteId, siteId)).orderBy(asc(goldenQuestions.createdAt), asc(goldenQuestions.text));
  return rows.map((r) => ({ id: r.id, text: r.text, expectedIntent: r.expectedIntent, createdAt: r.createdAt.toISOString() }));
}

/** Adds golden questions (or updates the expected intent of an existing text), all or none. */
export async function saveGoldenQuestions(db: Db, siteId: string, items: { text: string; expectedIntent: string | null }[]) {
  if (items.length === 0) return 0;
  await db
    .insert(goldenQuestions)
    .values(items.map((i) => ({ siteId, text: i.text, expectedIntent: i.expectedIntent })))
    .onConflictDoUpdate({ target: [goldenQuestions.siteId, goldenQuestions.text], set: { expectedIntent: sql`excluded.expected_intent` } });
  return items.length;
}

export async function deleteGoldenQuestion(db: Db, siteId: string, id: string) {
  const rows = await db.delete(goldenQuestions).where(and(eq(goldenQuestions.siteId, siteId), eq(goldenQuestions.id, id))).returning({ id: goldenQuestions.id });
  return rows.length > 0;
}

export type SiteSettings = Pick<typeof sites.$inferSelect, 'name' | 'allowedOrigins' | 'greeting' | 'languages' | 'appearance' | 'businessHours' | 'offHoursMessage'>;

export async function getSiteSettings(db: Db, siteId: string): Promise<SiteSettings | null> {
  const [r] = await db.select().from(sites).where(eq(sites.id, siteId));
  return r
    ? { name: r.name, allowedOrigins: r.allowedOrigins, greeting: r.greeting, languages: r.languages, appearance: r.appearance, businessHours: r.businessHours, offHoursMessage: r.offHoursMessage }
    : null;
}

export async function updateSiteSettings(db: Db, siteId: string, patch: Partial<SiteSettings>): Promise<SiteSettings | null> {
  await db.update(sites).set({ ...patch, updatedAt: new Date() }).where(eq(sites.id, siteId));
  return getSiteSettings(db, siteId);
}

export async function findSiteIdByKey(db: Db, key: string): Promise<string | null> {
  const [r] = await db.select({ id: sites.id }).from(sites).where(eq(sites.key, key));
  return r?.id ?? null;
}
