import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { articles, articleVersions, contacts, intents, tickets } from '../schema/index.js';
import type { PublishedArticle } from '../../api/domain/knowledge/brain.js';
import type { ArticleSpec, IntentSpec, SolvedTicketSpec } from '../../api/domain/routing/types.js';

type IntentRow = typeof intents.$inferSelect;

export function toIntentSpec(r: IntentRow): IntentSpec {
  const answer =
    r.answerKind === 'article' && r.answerArticleId
      ? ({ kind: 'article', articleId: r.answerArticleId } as const)
      : r.answerKind === 'canned' && r.answerText
        ? ({ kind: 'canned', text: r.answerText } as const)
        : r.answerKind === 'action'
          ? ({ kind: 'action', action: 'collect-contact' } as const)
          : null;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    reason: r.reason,
    keywords: r.keywords,
    phrases: r.phrases,
    negativeKeywords: r.negativeKeywords,
    examples: r.examples,
    answer,
    enabled: r.enabled,
  };
}

export interface SiteKnowledge {
  intents: IntentSpec[];
  articles: (ArticleSpec & PublishedArticle)[];
  solvedTickets: SolvedTicketSpec[];
}

/**
 * The site's current intents, published articles and solved tickets. The runtime compiles live
 * models from `loadLiveKnowledge` and drafts from `loadDraftKnowledge` (db/repositories/workshop.ts);
 * this is the seed's view, used by the database tests.
 */
export async function loadSiteKnowledge(db: Db, siteId: string): Promise<SiteKnowledge> {
  const [intentRows, articleRows, ticketRows] = await Promise.all([
    db.select().from(intents).where(eq(intents.siteId, siteId)),
    db
      .select({ a: articles, v: articleVersions })
      .from(articles)
      .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
      .where(and(eq(articles.siteId, siteId), eq(articles.status, 'published'))),
    db
      .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, intentId: tickets.intentId, assigneeId: tickets.assigneeId, email: contacts.email })
      .from(tickets)
      .innerJoin(contacts, eq(contacts.id, tickets.contactId))
      .where(and(eq(tickets.siteId, siteId), eq(tickets.status, 'solved'), isNotNull(tickets.solvedAt))),
  ]);
  return {
    intents: intentRows.map(toIntentSpec),
    articles: articleRows.map(({ a, v }) => ({
      id: a.id,
      versionId: v.id,
      slug: a.slug,
      title: v.title,
      summary: v.summary,
      html: v.bodyHtml,
      keywords: v.keywords,
      body: v.bodyText,
    })),
    solvedTickets: ticketRows.map((t) => ({
      id: t.id,
      number: t.number,
      question: t.subject,
      intentId: t.intentId,
      solvedBy: t.assigneeId,
    })),
  };
}
