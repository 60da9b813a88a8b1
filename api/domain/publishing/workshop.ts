/**
 * The admin workshop's use cases: edit knowledge as drafts, see how the bot's answers would
 * change (try-it, replay), publish (compile, swap, tell every API process), roll back, and turn
 * content gaps into intents or article drafts. Framework-free: everything comes in through `deps`.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Brain, BrainProvider, PublishedArticle } from '../knowledge/brain.js';
import { articleInput, slugify, type ArticleInput } from '../knowledge/article-input.js';
import { checkLinks, type LinkProblem } from '../knowledge/check-links.js';
import { diffVersions, type VersionDiff } from '../knowledge/diff-versions.js';
import type { ArticleRecord, IntentRecord, PublishRecord, WorkshopStore } from '../knowledge/ports.js';
import { markdownToText, renderMarkdown } from '../knowledge/render-article.js';
import { cleanIntent, sameIntent, type IntentInput } from '../intents/intent-input.js';
import {
  exportArticlesCsv,
  exportIntentsCsv,
  exportJson,
  planImport,
  type ImportFormat,
  type ImportKind,
  type ImportProblem,
} from '../intents/import-export.js';
import type { ArticleSpec, CompiledModel, IntentSpec, Router, SolvedTicketSpec, TrainingInput } from '../routing/types.js';
import { clusterGaps, type GapCluster, type GapQuestion } from './content-gaps.js';
import { replay, type GoldenQuestion, type PastQuestion, type ReplayReport } from './replay.js';
import { tryIt, type TryItResult } from './try-it.js';

export interface Knowledge {
  intents: IntentSpec[];
  articles: (ArticleSpec & PublishedArticle)[];
  solvedTickets: SolvedTicketSpec[];
}

export interface WorkshopDeps {
  store: WorkshopStore;
  loadDraft(siteId: string): Promise<Knowledge>;
  compile(input: TrainingInput): Promise<CompiledModel>;
  live: BrainProvider & { rebuild(siteId: string): Promise<Brain> };
  router: Router;
  /** Tells every other API process that a site's live knowledge changed (they rebuild). */
  announce(siteId: string): Promise<void>;
  recentQuestions(siteId: string, days: number): Promise<PastQuestion[]>;
  goldenQuestions(siteId: string): Promise<GoldenQuestion[]>;
  gapQuestions(siteId: string, days: number): Promise<GapQuestion[]>;
  publicUrl: string;
}

export interface PendingChanges {
  intents: { id: string; name: string; change: 'added' | 'changed' | 'removed' }[];
  articles: { id: string; slug: string; title: string; change: 'publish' | 'update' | 'unpublish' }[];
  links: LinkProblem[];
}

export function brainFrom(k: Knowledge, model: CompiledModel): Brain {
  return { model, intents: new Map(k.intents.map((i) => [i.id, i])), articles: new Map(k.articles.map((a) => [a.id, a])) };
}

export function createWorkshop(deps: WorkshopDeps) {
  // The draft model is compiled when the draft changes, not on every try-it: cache by content.
  const drafts = new Map<string, { hash: string; brain: Promise<Brain> }>();

  const draftBrain = async (siteId: string): Promise<Brain> => {
    const k = await deps.loadDraft(siteId);
    const input: TrainingInput = { intents: k.intents, articles: k.articles, solvedTickets: k.solvedTickets };
    const hash = createHash('sha256').update(JSON.stringify([k.intents, k.articles.map((a) => a.versionId), k.solvedTickets])).digest('hex');
    const cached = drafts.get(siteId);
    if (cached?.hash === hash) return cached.brain;
    const brain = deps.compile(input).then((model) => brainFrom(k, model));
    drafts.set(siteId, { hash, brain });
    brain.catch(() => drafts.delete(siteId));
    return brain;
  };

  const render = (input: ArticleInput) => ({
    slug: input.slug,
    category: input.category,
    status: input.status,
    title: input.title,
    summary: input.summary,
    keywords: input.keywords,
    bodyMarkdown: input.body,
    // Rendered and sanitized once, here; every page and answer serves this HTML.
    bodyHtml: renderMarkdown(input.body),
    bodyText: markdownToText(input.body),
    note: input.note,
  });

  const workshop = {
    draftBrain,

    async saveArticle(siteId: string, id: string | null, input: ArticleInput, authorId: string | null): Promise<ArticleRecord> {
      return deps.store.saveArticle(siteId, id, render(articleInput.parse(input)), authorId);
    },

    async restoreVersion(siteId: string, articleId: string, version: number, authorId: string | null): Promise<ArticleRecord> {
      const [article, versions] = await Promise.all([deps.store.getArticle(siteId, articleId), deps.store.listVersions(siteId, articleId)]);
      const v = versions.find((x) => x.version === version);
      if (!article || !v) throw new AppError('not_found', 'No such article version.');
      return workshop.saveArticle(
        siteId,
        articleId,
        {
          slug: article.slug,
          category: article.category,
          status: article.status,
          title: v.title,
          summary: v.summary,
          keywords: v.keywords,
          body: v.bodyMarkdown,
          note: `Restored version ${version}`,
        },
        authorId,
      );
    },

    async diff(siteId: string, articleId: string, from: number, to: number): Promise<VersionDiff> {
      const versions = await deps.store.listVersions(siteId, articleId);
      const a = versions.find((v) => v.version === from);
      const b = versions.find((v) => v.version === to);
      if (!a || !b) throw new AppError('not_found', `No version ${!a ? from : to} of this article.`);
      return diffVersions(a, b);
    },

    async saveIntent(siteId: string, id: string | null, input: IntentInput): Promise<IntentRecord> {
      return deps.store.saveIntent(siteId, id, cleanIntent(input));
    },

    async pendingChanges(siteId: string): Promise<PendingChanges> {
      const [live, intents, articles] = await Promise.all([deps.store.liveSnapshot(siteId), deps.store.listIntents(siteId), deps.store.listArticles(siteId)]);
      const liveIntents = new Map(live.intents.map((i) => [i.id, i]));
      const changes: PendingChanges['intents'] = [];
      for (const i of intents) {
        const l = liveIntents.get(i.id);
        if (!l) changes.push({ id: i.id, name: i.name, change: 'added' });
        else if (!sameIntent(l, i)) changes.push({ id: i.id, name: i.name, change: 'changed' });
        liveIntents.delete(i.id);
      }
      for (const l of liveIntents.values()) changes.push({ id: l.id, name: l.name, change: 'removed' });
      return {
        intents: changes,
        articles: articles
          .filter((a) => a.pending)
          .map((a) => ({
            id: a.id,
            slug: a.slug,
            title: a.latest.title,
            change: a.status === 'draft' ? ('unpublish' as const) : a.publishedVersionId ? ('update' as const) : ('publish' as const),
          })),
        links: checkLinks(
          articles.map((a) => ({ slug: a.slug, published: a.status === 'published', markdown: a.latest.bodyMarkdown })),
          deps.publicUrl,
        ),
      };
    },

    async tryIt(siteId: string, question: string): Promise<TryItResult> {
      const [live, draft] = await Promise.all([deps.live.forSite(siteId), draftBrain(siteId)]);
      return tryIt(deps.router, live, draft, question);
    },

    async replay(siteId: string, options: { days: number; golden: boolean }): Promise<ReplayReport> {
      const [live, draft, questions, goldens] = await Promise.all([
        deps.live.forSite(siteId),
        draftBrain(siteId),
        options.days > 0 ? deps.recentQuestions(siteId, options.days) : Promise.resolve([]),
        options.golden ? deps.goldenQuestions(siteId) : Promise.resolve([]),
      ]);
      return replay(deps.router, live, draft, questions, goldens);
    },

    /** Compiles the draft first (a draft that does not compile is never published), then makes it live everywhere. */
    async publish(siteId: string, by: string, note: string): Promise<{ publish: PublishRecord; modelVersion: string; links: LinkProblem[] }> {
      const { links } = await workshop.pendingChanges(siteId);
      await draftBrain(siteId);
      const publish = await deps.store.publish(siteId, by, note);
      const brain = await deps.live.rebuild(siteId);
      await deps.announce(siteId);
      return { publish, modelVersion: brain.model.version, links };
    },

    async rollback(siteId: string, publishId: string, by: string): Promise<{ publish: PublishRecord; modelVersion: string }> {
      const publish = await deps.store.rollback(siteId, publishId, by);
      if (!publish) throw new AppError('not_found', 'No such publish.');
      const brain = await deps.live.rebuild(siteId);
      await deps.announce(siteId);
      return { publish, modelVersion: brain.model.version };
    },

    /** Validates the whole file; writes it (one transaction) only when nothing is wrong. `dryRun`: validate only. */
    async importFile(
      siteId: string,
      input: { text: string; format: ImportFormat; kind: ImportKind | null; dryRun: boolean },
      authorId: string | null,
    ): Promise<{ ok: boolean; problems: ImportProblem[]; counts: { intents: number; articles: number }; written: Awaited<ReturnType<WorkshopStore['importAll']>> | null }> {
      const slugs = new Set((await deps.store.listArticles(siteId)).map((a) => a.slug));
      const { plan, problems } = planImport(input.text, input.format, input.kind, slugs);
      const counts = { intents: plan.intents.length, articles: plan.articles.length };
      if (problems.length > 0 || input.dryRun) return { ok: problems.length === 0, problems, counts, written: null };
      const written = await deps.store.importAll(
        siteId,
        plan.articles.map(({ article }) => render({ ...article, note: article.note || 'Imported' })),
        plan.intents.map(({ intent }) => cleanIntent(intent as IntentInput) as typeof intent & IntentInput),
        authorId,
      );
      return { ok: true, problems: [], counts, written };
    },

    async exportFile(siteId: string, format: ImportFormat, kind: ImportKind): Promise<{ body: string; contentType: string; filename: string }> {
      const [intents, articles] = await Promise.all([deps.store.listIntents(siteId), deps.store.listArticles(siteId)]);
      if (format === 'json') return { body: exportJson(intents, articles), contentType: 'application/json', filename: 'knowledge.json' };
      return kind === 'intents'
        ? { body: exportIntentsCsv(intents, articles), contentType: 'text/csv; charset=utf-8', filename: 'intents.csv' }
        : { body: exportArticlesCsv(articles), contentType: 'text/csv; charset=utf-8', filename: 'articles.csv' };
    },

    async contentGaps(siteId: string, days: number): Promise<GapCluster[]> {
      return clusterGaps(await deps.gapQuestions(siteId, days));
    },

    async findGap(siteId: string, key: string, days: number): Promise<GapCluster> {
      const cluster = (await workshop.contentGaps(siteId, days)).find((c) => c.key === key);
      if (!cluster) throw new AppError('not_found', 'No content gap with that key in this period.');
      return cluster;
    },

    /** A content gap becomes a new (draft) intent whose examples are the questions customers asked. */
    async gapToIntent(siteId: string, key: string, days: number, name: string): Promise<IntentRecord> {
      const cluster = await workshop.findGap(siteId, key, days);
      return workshop.saveIntent(siteId, null, {
        name,
        description: `From a content gap: ${cluster.count} question(s) like "${cluster.examples[0]!.text}".`,
        reason: 'information',
        keywords: [],
        phrases: [],
        negativeKeywords: [],
        examples: cluster.examples.map((e) => e.text),
        answer: null,
        enabled: true,
      });
    },

    /** A content gap becomes an article draft listing the questions it must answer. */
    async gapToArticle(siteId: string, key: string, days: number, title: string, authorId: string | null): Promise<ArticleRecord> {
      const cluster = await workshop.findGap(siteId, key, days);
      const taken = new Set((await deps.store.listArticles(siteId)).map((a) => a.slug));
      const base = slugify(title);
      let slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      const body = `_Draft from a content gap: answer the questions below, then delete this list._\n\n${cluster.examples.map((e) => `- ${e.text.replace(/[\\`*_[\]<>]/g, '\\$&')}`).join('\n')}\n`;
      return workshop.saveArticle(
        siteId,
        null,
        { slug, title, category: 'General', summary: '', keywords: [], body, status: 'draft', note: `From a content gap (${cluster.count} questions)` },
        authorId,
      );
    },
  };
  return workshop;
}

export type Workshop = ReturnType<typeof createWorkshop>;
