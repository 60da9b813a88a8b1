import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { limitBody } from '../body-limit.js';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { articleInput } from '../../domain/knowledge/article-input.js';
import { renderMarkdown } from '../../domain/knowledge/render-article.js';
import { intentInput } from '../../domain/intents/intent-input.js';
import type { WorkshopStore } from '../../domain/knowledge/ports.js';
import type { Workshop } from '../../domain/publishing/workshop.js';
import { validate } from '../validate.js';
import type { AppEnv } from '../env.js';

/** Who is calling: set by the `requireAdmin` middleware. */
export interface AdminUser {
  id: string;
  role: 'admin' | 'agent';
}

export interface AdminEnv {
  Variables: AppEnv['Variables'] & { user: AdminUser; siteId: string };
}

export interface GoldenStore {
  list(siteId: string): Promise<{ id: string; text: string; expectedIntent: string | null; createdAt: string }[]>;
  save(siteId: string, items: { text: string; expectedIntent: string | null }[]): Promise<number>;
  delete(siteId: string, id: string): Promise<boolean>;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const day = z.array(z.tuple([hhmm, hhmm]).refine(([a, b]) => a < b, 'opening before closing')).max(4);
const settingsBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    allowedOrigins: z.array(z.string().url().transform((u) => new URL(u).origin)).max(100),
    greeting: z.record(z.string().min(2).max(10), z.string().max(500)),
    languages: z.array(z.string().min(2).max(10)).min(1).max(20),
    appearance: z.object({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '#rrggbb'), position: z.enum(['right', 'left']) }),
    businessHours: z
      .object({
        timezone: z.string().refine((tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'an IANA time zone such as Europe/Paris'),
        days: z.object({ '0': day, '1': day, '2': day, '3': day, '4': day, '5': day, '6': day }),
      })
      .nullable(),
    offHoursMessage: z.record(z.string().min(2).max(10), z.string().max(1000)),
  })
  .partial();

export interface SiteSettingsStore {
  get(siteId: string): Promise<z.infer<typeof settingsBody> | null>;
  update(siteId: string, patch: z.infer<typeof settingsBody>): Promise<z.infer<typeof settingsBody> | null>;
}

export interface AdminRouteDeps {
  workshop: Workshop;
  store: WorkshopStore;
  goldens: GoldenStore;
  settings: SiteSettingsStore;
  sites(): Promise<{ id: string; key: string; name: string }[]>;
  /**
   * Refuses anonymous callers (401), non-admins (403) and writes without the session's CSRF token,
   * and sets `c.var.user`. The console's session middleware in production; a double in tests.
   */
  requireAdmin: MiddlewareHandler<AdminEnv>;
}

const siteParam = z.object({ siteKey: z.string().min(1).max(100) });
const idParam = siteParam.extend({ id: z.uuid() });
const versionParam = idParam.extend({ version: z.coerce.number().int().positive() });
const diffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });
const daysQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });
const listQuery = z.object({ q: z.string().max(200).optional(), category: z.string().max(80).optional() });
const tryBody = z.object({ question: z.string().trim().min(1).max(4000) });
const replayBody = z.object({ days: z.number().int().min(0).max(365).default(30), golden: z.boolean().default(true) });
const publishBody = z.object({ note: z.string().trim().max(500).default('') });
const goldenBody = z.object({
  questions: z.array(z.object({ text: z.string().trim().min(1).max(1000), expectedIntent: z.string().trim().min(1).max(100).nullable() })).min(1).max(5000),
});
const gapIntentBody = z.object({ key: z.string().min(1), days: z.number().int().min(1).max(365).default(30), name: intentInput.shape.name });
const gapArticleBody = z.object({ key: z.string().min(1), days: z.number().int().min(1).max(365).default(30), title: articleInput.shape.title });
const previewBody = z.object({ body: z.string().max(100_000) });
const importBody = z.object({
  format: z.enum(['json', 'csv']),
  kind: z.enum(['intents', 'articles']).nullable().default(null),
  text: z.string().min(1),
  dryRun: z.boolean().default(false),
});
const exportQuery = z.object({ format: z.enum(['json', 'csv']).default('json'), kind: z.enum(['intents', 'articles']).default('intents') });

const tooLarge = (kb: number) => () => {
  throw new AppError('payload_too_large', `The request body is larger than ${kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`}.`);
};

/**
 * The admin workshop API, under /v1/admin: articles with versions, intents, try-it, replay,
 * publish and rollback, golden questions, content gaps, import/export, site settings. Every route
 * needs an admin (see `requireAdmin`); everything is scoped to one site by its key.
 */
export function adminRoutes(deps: AdminRouteDeps) {
  const { workshop: w, store } = deps;
  const userId = (c: Context<AdminEnv>) => c.get('user').id;
  const siteOf = (c: Context<AdminEnv>) => c.get('siteId');

  return new Hono<AdminEnv>()
    .use('*', async (c, next) => {
      await next();
      c.header('cache-control', 'no-store');
    })
    .use('*', deps.requireAdmin)
    .use('/sites/:siteKey/import', limitBody({ maxSize: 20 * 1024 * 1024, onError: tooLarge(20 * 1024) }))
    .use('*', async (c, next) => (c.req.path.endsWith('/import') ? next() : limitBody({ maxSize: 1024 * 1024, onError: tooLarge(1024) })(c, next)))
    .use('/sites/:siteKey/*', async (c, next) => {
      const key = c.req.param('siteKey');
      const site = (await deps.sites()).find((s) => s.key === key);
      if (!site) throw new AppError('site_not_found', 'No site has that key.');
      c.set('siteId', site.id);
      await next();
    })
    .get('/sites', async (c) => c.json({ sites: await deps.sites() }))

    // ── articles ──
    .get('/sites/:siteKey/articles', validate('query', listQuery), async (c) => {
      const { q, category } = c.req.valid('query');
      return c.json({ articles: await store.listArticles(siteOf(c), { search: q, category }) });
    })
    .post('/sites/:siteKey/articles', validate('json', articleInput), async (c) =>
      c.json({ article: await w.saveArticle(siteOf(c), null, c.req.valid('json'), userId(c)) }, 201),
    )
    .post('/sites/:siteKey/articles/preview', validate('json', previewBody), async (c) => c.json({ html: renderMarkdown(c.req.valid('json').body) }))
    .get('/sites/:siteKey/articles/:id', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const article = await store.getArticle(siteOf(c), id);
      if (!article) throw new AppError('not_found', 'No such article.');
      const [versions, flags] = await Promise.all([store.listVersions(siteOf(c), id), store.openFlags(siteOf(c), id)]);
      return c.json({ article, versions, flags });
    })
    .put('/sites/:siteKey/articles/:id', validate('param', idParam), validate('json', articleInput), async (c) =>
      c.json({ article: await w.saveArticle(siteOf(c), c.req.valid('param').id, c.req.valid('json'), userId(c)) }),
    )
    .delete('/sites/:siteKey/articles/:id', validate('param', idParam), async (c) => {
      if (!(await store.deleteArticle(siteOf(c), c.req.valid('param').id))) throw new AppError('not_found', 'No such article.');
      return c.body(null, 204);
    })
    .post('/sites/:siteKey/articles/:id/flags/:flagId/resolve', validate('param', idParam.extend({ flagId: z.uuid() })), async (c) => {
      const { id, flagId } = c.req.valid('param');
      if (!(await store.resolveFlag(siteOf(c), id, flagId))) throw new AppError('not_found', 'No such open flag on this article.');
      return c.json({ flags: await store.openFlags(siteOf(c), id) });
    })
    .get('/sites/:siteKey/articles/:id/versions', validate('param', idParam), async (c) =>
      c.json({ versions: await store.listVersions(siteOf(c), c.req.valid('param').id) }),
    )
    .get('/sites/:siteKey/articles/:id/diff', validate('param', idParam), validate('query', diffQuery), async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json({ diff: await w.diff(siteOf(c), c.req.valid('param').id, from, to) });
    })
    .post('/sites/:siteKey/articles/:id/versions/:version/restore', validate('param', versionParam), async (c) => {
      const { id, version } = c.req.valid('param');
      return c.json({ article: await w.restoreVersion(siteOf(c), id, version, userId(c)) }, 201);
    })

    // ── intents ──
    .get('/sites/:siteKey/intents', async (c) => c.json({ intents: await store.listIntents(siteOf(c)) }))
    .post('/sites/:siteKey/intents', validate('json', intentInput), async (c) => c.json({ intent: await w.saveIntent(siteOf(c), null, c.req.valid('json')) }, 201))
    .get('/sites/:siteKey/intents/:id', validate('param', idParam), async (c) => {
      const intent = await store.getIntent(siteOf(c), c.req.valid('param').id);
      if (!intent) throw new AppError('not_found', 'No such intent.');
      return c.json({ intent });
    })
    .put('/sites/:siteKey/intents/:id', validate('param', idParam), validate('json', intentInput), async (c) =>
      c.json({ intent: await w.saveIntent(siteOf(c), c.req.valid('param').id, c.req.valid('json')) }),
    )
    .delete('/sites/:siteKey/intents/:id', validate('param', idParam), async (c) => {
      if (!(await store.deleteIntent(siteOf(c), c.req.valid('param').id))) throw new AppError('not_found', 'No such intent.');
      return c.body(null, 204);
    })

    // ── try it, replay, publish ──
    .get('/sites/:siteKey/changes', async (c) => c.json(await w.pendingChanges(siteOf(c))))
    .post('/sites/:siteKey/try', validate('json', tryBody), async (c) => c.json(await w.tryIt(siteOf(c), c.req.valid('json').question)))
    .post('/sites/:siteKey/replay', validate('json', replayBody), async (c) => c.json(await w.replay(siteOf(c), c.req.valid('json'))))
    .get('/sites/:siteKey/publishes', async (c) => c.json({ publishes: await store.listPublishes(siteOf(c)) }))
    .post('/sites/:siteKey/publish', validate('json', publishBody), async (c) => c.json(await w.publish(siteOf(c), userId(c), c.req.valid('json').note), 201))
    .post('/sites/:siteKey/publishes/:id/rollback', validate('param', idParam), async (c) => c.json(await w.rollback(siteOf(c), c.req.valid('param').id, userId(c)), 201))

    // ── golden questions ──
    .get('/sites/:siteKey/golden', async (c) => c.json({ questions: await deps.goldens.list(siteOf(c)) }))
    .post('/sites/:siteKey/golden', validate('json', goldenBody), async (c) => {
      const saved = await deps.goldens.save(siteOf(c), c.req.valid('json').questions);
      return c.json({ saved, questions: await deps.goldens.list(siteOf(c)) }, 201);
    })
    .delete('/sites/:siteKey/golden/:id', validate('param', idParam), async (c) => {
      if (!(await deps.goldens.delete(siteOf(c), c.req.valid('param').id))) throw new AppError('not_found', 'No such golden question.');
      return c.body(null, 204);
    })

    // ── content gaps ──
    .get('/sites/:siteKey/gaps', validate('query', daysQuery), async (c) => c.json({ clusters: await w.contentGaps(siteOf(c), c.req.valid('query').days) }))
    .post('/sites/:siteKey/gaps/intent', validate('json', gapIntentBody), async (c) => {
      const { key, days, name } = c.req.valid('json');
      return c.json({ intent: await w.gapToIntent(siteOf(c), key, days, name) }, 201);
    })
    .post('/sites/:siteKey/gaps/article', validate('json', gapArticleBody), async (c) => {
      const { key, days, title } = c.req.valid('json');
      return c.json({ article: await w.gapToArticle(siteOf(c), key, days, title, userId(c)) }, 201);
    })

    // ── import / export ──
    .get('/sites/:siteKey/export', validate('query', exportQuery), async (c) => {
      const { format, kind } = c.req.valid('query');
      const file = await w.exportFile(siteOf(c), format, kind);
      c.header('content-type', file.contentType);
      c.header('content-disposition', `attachment; filename="${file.filename}"`);
      return c.body(file.body);
    })
    .post('/sites/:siteKey/import', validate('json', importBody), async (c) => {
      const result = await w.importFile(siteOf(c), c.req.valid('json'), userId(c));
      if (result.ok) return c.json(result, result.written ? 201 : 200);
      // Nothing was written: a problem+json that also carries the report, line by line.
      const n = result.problems.length;
      const body = {
        type: 'https://knowns.dev/problems/validation-failed',
        title: 'Bad Request',
        status: 400,
        detail: `The file has ${n} problem${n === 1 ? '' : 's'}; nothing was imported. First: line ${result.problems[0]!.line}, ${result.problems[0]!.field}: ${result.problems[0]!.message}`,
        code: 'validation_failed' as const,
        requestId: c.get('requestId'),
        errors: result.problems.map((p) => ({ path: `line ${p.line}: ${p.field}`, message: p.message })),
        ...result,
      };
      return c.json(body, 400, { 'content-type': 'application/problem+json' });
    })

    // ── site settings ──
    .get('/sites/:siteKey/settings', async (c) => c.json({ settings: await deps.settings.get(siteOf(c)) }))
    .put('/sites/:siteKey/settings', validate('json', settingsBody), async (c) => c.json({ settings: await deps.settings.update(siteOf(c), c.req.valid('json')) }));
}
