/**
 * The admin workshop API (/v1/admin) through app.request(), on PGlite and (with DATABASE_URL)
 * PostgreSQL: who may call it, articles with versions/diff/restore, intents, try-it, replay,
 * publish and rollback (and the widget answering differently at once), golden questions, content
 * gaps, import/export, settings, and the public help center built from what was published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { articleFlags, articles, articleVersions, intents, publishes } from '../../db/schema/index.js';
import { databaseTargets } from '../helpers/databases.js';
import { testRuntime, type TestRuntime } from '../helpers/runtime.js';
import { makeUser, signIn, type ConsoleClient } from '../helpers/console.js';
import type { WireMessage } from '../../api/domain/conversations/wire.js';

const S = '/v1/admin/sites/demo';

describe.each(databaseTargets())('admin API on $name', (target) => {
  let k: TestRuntime;
  let admin: ConsoleClient;
  let agent: ConsoleClient;
  const request = (path: string, init?: RequestInit) => k.app.request(path, init);
  beforeAll(async () => {
    k = await testRuntime(target, { RATE_LIMIT_DISABLED: 'true' });
    const a = await makeUser(k.database.db, 'admin');
    const g = await makeUser(k.database.db, 'agent');
    admin = await signIn(request, a.email, a.password);
    agent = await signIn(request, g.email, g.password);
  });
  afterAll(async () => k?.dispose());

  /** As the signed-in admin (cookie + CSRF token) by default; `null`: anonymous. */
  const call = async (method: string, path: string, body?: unknown, who: ConsoleClient | null = admin) =>
    who
      ? who.send(method, path, body)
      : request(path, { method, headers: body !== undefined ? { 'content-type': 'application/json' } : {}, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return (text ? JSON.parse(text) : null) as T;
  };
  const ask = async (text: string) => {
    const conv = await k.startConversation();
    const res = await k.post(`/v1/widget/conversations/${conv.conversationId}/messages`, { clientMessageId: crypto.randomUUID(), text }, conv.auth);
    return (await json<{ replies: WireMessage[] }>(res, 200)).replies;
  };
  type Article = { id: string; slug: string; status: string; publishedVersion: number | null; pending: boolean; latest: { version: number; title: string; bodyHtml: string; note: string; authorId: string | null } };
  type Intent = { id: string; name: string; examples: string[]; pending: boolean };

  describe('who may call it', () => {
    const routes: [string, string, unknown?][] = [
      ['GET', `/v1/admin/sites`],
      ['GET', `${S}/articles`],
      ['POST', `${S}/articles`, { slug: 'x', title: 'X', body: 'x' }],
      ['GET', `${S}/intents`],
      ['POST', `${S}/intents`, { name: 'x' }],
      ['POST', `${S}/try`, { question: 'hi' }],
      ['POST', `${S}/replay`, {}],
      ['POST', `${S}/publish`, {}],
      ['GET', `${S}/publishes`],
      ['GET', `${S}/gaps`],
      ['GET', `${S}/golden`],
      ['GET', `${S}/export`],
      ['POST', `${S}/import`, { format: 'json', text: '{}' }],
      ['GET', `${S}/settings`],
      ['PUT', `${S}/settings`, { name: 'Hacked' }],
    ];
    it('answers 401 to anonymous callers and 403 to agents, on every route, and changes nothing', async () => {
      for (const [method, path, body] of routes) {
        const anon = await call(method, path, body, null);
        expect(anon.status, `${method} ${path}`).toBe(401);
        expect(anon.headers.get('content-type')).toContain('application/problem+json');
        const asAgent = await call(method, path, body, agent);
        expect(asAgent.status, `${method} ${path}`).toBe(403);
        expect(((await asAgent.json()) as { code: string }).code).toBe('forbidden');
      }
      // An admin's write without the session's CSRF token, or from another origin, is refused too.
      const noCsrf = await request(`${S}/settings`, { method: 'PUT', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Hacked' }) });
      expect(noCsrf.status).toBe(403);
      expect(((await noCsrf.json()) as { code: string }).code).toBe('csrf_failed');
      const crossSite = await admin.send('PUT', `${S}/settings`, { name: 'Hacked' }, { origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
      const settings = await json<{ settings: { name: string } }>(await call('GET', `${S}/settings`), 200);
      expect(settings.settings.name).toBe('Lumen Notes');
    });

    it('answers 404 for an unknown site', async () => {
      const res = await call('GET', '/v1/admin/sites/nope/articles');
      expect(res.status).toBe(404);
    });
  });

  describe('articles', () => {
    let article: Article;

    it('creates an article as version 1, rendered and sanitized once on save, as a draft', async () => {
      const body = { slug: 'export-to-word', title: 'Export to Word', category: 'Notes', summary: 'Export a note as .docx.', body: '# Export\n\nChoose **File → Export**.\n\n<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))', note: 'First draft' };
      article = (await json<{ article: Article }>(await call('POST', `${S}/articles`, body), 201)).article;
      expect(article.latest.version).toBe(1);
      expect(article.latest.note).toBe('First draft');
      expect(article.latest.authorId).toBe(admin.user.id);
      expect(article.status).toBe('draft');
      expect(article.publishedVersion).toBeNull();
      expect(article.latest.bodyHtml).toContain('<strong>File → Export</strong>');
      expect(article.latest.bodyHtml).not.toMatch(/<script|onerror=|href="javascript:/i);
      // Not public before a publish.
      expect((await k.get('/help/export-to-word')).status).toBe(404);
    });

    it('refuses a taken slug (409) and bad input naming the field (400), storing nothing', async () => {
      const dup = await call('POST', `${S}/articles`, { slug: 'reset-your-password', title: 'Dup', body: 'x' });
      expect(dup.status).toBe(409);
      const bad = await call('POST', `${S}/articles`, { slug: 'Not A Slug', title: '', body: 'x' });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['slug', 'title']));
      const rows = await k.database.db.select().from(articles).where(eq(articles.slug, 'not-a-slug'));
      expect(rows).toHaveLength(0);
    });

    it('every save is a version; the diff shows what changed; a restore is a new version', async () => {
      const v2 = { slug: 'export-to-word', title: 'Export a note to Word', category: 'Notes', summary: 'Export a note as .docx.', body: '# Export\n\nChoose **File → Export → Word**.\n\nThe file downloads at once.', status: 'published', note: 'Word menu path' };
      article = (await json<{ article: Article }>(await call('PUT', `${S}/articles/${article.id}`, v2), 200)).article;
      expect(article.latest.version).toBe(2);
      const { versions } = await json<{ versions: { version: number; note: string }[] }>(await call('GET', `${S}/articles/${article.id}/versions`), 200);
      expect(versions.map((v) => v.version)).toEqual([2, 1]);
      const { diff } = await json<{ diff: { title: { before: string; after: string }; body: { op: string; text: string }[]; added: number; removed: number } }>(
        await call('GET', `${S}/articles/${article.id}/diff?from=1&to=2`),
        200,
      );
      expect(diff.title).toEqual({ before: 'Export to Word', after: 'Export a note to Word' });
      expect(diff.body).toContainEqual({ op: 'add', text: 'Choose **File → Export → Word**.', oldLine: null, newLine: 3 });
      expect(diff.body).toContainEqual({ op: 'del', text: 'Choose **File → Export**.', oldLine: 3, newLine: null });
      expect(diff.body.filter((l) => l.op === 'same').map((l) => l.text)).toContain('# Export');

      const restored = (await json<{ article: Article }>(await call('POST', `${S}/articles/${article.id}/versions/1/restore`), 201)).article;
      expect(restored.latest.version).toBe(3);
      expect(restored.latest.title).toBe('Export to Word');
      expect(restored.latest.note).toBe('Restored version 1');
      const rows = await k.database.db.select().from(articleVersions).where(eq(articleVersions.articleId, article.id));
      expect(rows).toHaveLength(3);
      expect((await call('GET', `${S}/articles/${article.id}/diff?from=1&to=9`)).status).toBe(404);
      // Back to version 2's content for what follows.
      article = (await json<{ article: Article }>(await call('PUT', `${S}/articles/${article.id}`, v2), 200)).article;
      expect(article.latest.version).toBe(4);
    });

    it('searches articles and previews Markdown with the same sanitizer', async () => {
      const { articles: found } = await json<{ articles: Article[] }>(await call('GET', `${S}/articles?q=docx`), 200);
      expect(found.map((a) => a.slug)).toEqual(['export-to-word']);
      const { html } = await json<{ html: string }>(await call('POST', `${S}/articles/preview`, { body: '**hi** <a href="javascript:alert(1)" onclick="x()">x</a>' }), 200);
      expect(html).toContain('<strong>hi</strong>');
      expect(html).not.toMatch(/javascript:|onclick/);
    });

    it('reports links to missing or unpublished articles before publishing', async () => {
      await json(await call('POST', `${S}/articles`, { slug: 'draft-target', title: 'Draft target', body: 'Not ready.' }), 201);
      await json(
        await call('POST', `${S}/articles`, { slug: 'linker', title: 'Linker', body: 'See [a](/help/no-such-slug), [b](http://localhost:3000/help/draft-target), [c](reset-your-password) and [d](https://example.com/x).', status: 'published' }),
        201,
      );
      const changes = await json<{ links: { slug: string; target: string; problem: string }[]; articles: { slug: string; change: string }[] }>(await call('GET', `${S}/changes`), 200);
      expect(changes.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ slug: 'linker', target: 'no-such-slug', problem: 'missing' }),
          expect.objectContaining({ slug: 'linker', target: 'draft-target', problem: 'unpublished' }),
        ]),
      );
      expect(changes.links.filter((l) => l.slug === 'linker')).toHaveLength(2);
      expect(changes.articles).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'export-to-word', change: 'publish' })]));
    });

    it('publishing makes the help center serve the new version; deleting a live article is refused', async () => {
      await json(await call('POST', `${S}/publish`, { note: 'Word export article' }), 201);
      const page = await k.get('/help/export-to-word');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1>Export a note to Word</h1>');
      expect(html).toContain('<strong>File → Export → Word</strong>');
      expect(html).toContain('<link rel="canonical" href="http://localhost:3000/help/export-to-word">');
      expect(html).toContain('<meta name="description" content="Export a note as .docx.">');
      const got = (await json<{ article: Article }>(await call('GET', `${S}/articles/${article.id}`), 200)).article;
      expect(got.publishedVersion).toBe(4);
      expect(got.pending).toBe(false);
      expect((await call('DELETE', `${S}/articles/${article.id}`)).status).toBe(409);
      // An edit after the publish is a draft: the help center keeps the published version.
      await json(await call('PUT', `${S}/articles/${article.id}`, { slug: 'export-to-word', title: 'Export to Word (new)', category: 'Notes', body: 'New text.', status: 'published' }), 200);
      expect(await (await k.get('/help/export-to-word')).text()).toContain('<h1>Export a note to Word</h1>');
    });
  });

  describe('flags', () => {
    it('lists the flags agents raised on an article until an admin marks them fixed', async () => {
      const [a] = await k.database.db.select().from(articles).where(eq(articles.slug, 'refunds'));
      const [flag] = await k.database.db.insert(articleFlags).values({ articleId: a!.id, userId: agent.user.id, comment: 'The refund window is 30 days now' }).returning();
      const got = await json<{ flags: { id: string; comment: string; by: string }[] }>(await call('GET', `${S}/articles/${a!.id}`), 200);
      expect(got.flags).toEqual([expect.objectContaining({ id: flag!.id, comment: 'The refund window is 30 days now', by: agent.user.name })]);
      const resolved = await json<{ flags: unknown[] }>(await call('POST', `${S}/articles/${a!.id}/flags/${flag!.id}/resolve`), 200);
      expect(resolved.flags).toEqual([]);
      expect((await call('POST', `${S}/articles/${a!.id}/flags/${flag!.id}/resolve`)).status).toBe(404);
      const [row] = await k.database.db.select().from(articleFlags).where(eq(articleFlags.id, flag!.id));
      expect(row!.status).toBe('resolved');
    });
  });

  describe('help center', () => {
    it('indexes by category, searches, and lists every published article in the sitemap', async () => {
      const index = await (await k.get('/help')).text();
      expect(index).toContain('<h2 id="c-account">Account</h2>');
      expect(index).toContain('<a href="/help/reset-your-password">Reset your password</a>');
      expect(index).toContain('<link rel="canonical" href="http://localhost:3000/help">');
      expect(index).not.toContain('<script');
      const search = await (await k.get('/help/search?q=forgot+password')).text();
      expect(search).toContain('<a href="/help/reset-your-password">Reset your password</a>');
      expect(search).toContain('<meta name="robots" content="noindex">');
      const none = await (await k.get('/help/search?q=%3Cscript%3Ezzzqqq')).text();
      expect(none).toContain('No article matches “&#60;script&#62;zzzqqq”');
      const sitemap = await k.get('/sitemap.xml');
      expect(sitemap.headers.get('content-type')).toContain('application/xml');
      const xml = await sitemap.text();
      expect(xml).toContain('<loc>http://localhost:3000/help/reset-your-password</loc>');
      expect(xml).toContain('<loc>http://localhost:3000/help/export-to-word</loc>');
      expect(xml).not.toContain('draft-target');
      expect(await (await k.get('/robots.txt')).text()).toContain('Sitemap: http://localhost:3000/sitemap.xml');
      const page = await (await k.get('/help/reset-your-password')).text();
      expect(page).toContain('<h2>More in Account</h2>');
      expect(page).toContain('<a href="/help/change-your-email-address">Change your email address</a>');
    });
  });

  describe('intents, try-it, replay, publish, rollback', () => {
    const QUESTION = 'How do I frobnicate the flux capacitor?';
    let intent: Intent;
    let firstPublishId: string;

    it('validates intents, naming the field, and refuses a duplicate name', async () => {
      const bad = await call('POST', `${S}/intents`, { name: '', reason: 'whatever', answer: { kind: 'article', articleId: 'nope' } });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'reason']));
      const dup = await call('POST', `${S}/intents`, { name: 'reset_password' });
      expect(dup.status).toBe(409);
    });

    it('try-it shows the live and the draft decision side by side, with traces', async () => {
      const before = await ask(QUESTION);
      expect(before[0]!.decision?.intentName ?? null).not.toBe('frobnicate');
      const { publishes: list } = await json<{ publishes: { id: string; live: boolean }[] }>(await call('GET', `${S}/publishes`), 200);
      firstPublishId = list.find((p) => p.live)!.id;

      intent = (
        await json<{ intent: Intent }>(
          await call('POST', `${S}/intents`, {
            name: 'frobnicate',
            description: 'Frobnicating the flux capacitor',
            keywords: ['frobnicate', 'flux capacitor'],
            examples: ['How do I frobnicate the flux capacitor?', 'frobnicate flux capacitor', 'can I frobnicate my capacitor', 'flux capacitor frobnication help', 'frobnicate'],
            answer: { kind: 'canned', text: 'Hold the red button for three seconds to frobnicate.' },
          }),
          201,
        )
      ).intent;
      expect(intent.pending).toBe(true);
      const t = await json<{ live: { outcome: { intentName: string | null }; decision: { trace: unknown[] } }; draft: { outcome: { intentName: string | null; action: string }; decision: { trace: unknown[] } }; changed: boolean }>(
        await call('POST', `${S}/try`, { question: QUESTION }),
        200,
      );
      expect(t.live.outcome.intentName).not.toBe('frobnicate');
      expect(t.draft.outcome).toMatchObject({ intentName: 'frobnicate', action: 'answer' });
      expect(t.changed).toBe(true);
      expect(t.draft.decision.trace.length).toBeGreaterThan(0);
      // The widget still answers from the live model.
      expect((await ask(QUESTION))[0]!.text).not.toContain('red button');
    });

    it('replay lists the past questions whose decision would change, and failing golden questions', async () => {
      await json(
        await call('POST', `${S}/golden`, {
          questions: [
            { text: 'How do I reset my password?', expectedIntent: 'reset_password' },
            { text: 'Can I frobnicate the flux capacitor?', expectedIntent: 'reset_password' },
          ],
        }),
        201,
      );
      const r = await json<{ questions: number; changed: { question: string; from: { label: string }; to: { label: string; intentName: string } }[]; golden: { total: number; failing: { question: string }[] } }>(
        await call('POST', `${S}/replay`, { days: 7, golden: true }),
        200,
      );
      expect(r.questions).toBeGreaterThan(0);
      const change = r.changed.find((c) => c.question === QUESTION);
      expect(change?.to).toMatchObject({ intentName: 'frobnicate', label: 'answer: frobnicate' });
      expect(change?.from.label).not.toBe('answer: frobnicate');
      expect(r.changed.find((c) => c.question === 'How do I reset my password?')).toBeUndefined();
      expect(r.golden.total).toBe(2);
      expect(r.golden.failing.map((g) => g.question)).toEqual(['Can I frobnicate the flux capacitor?']);
    });

    it('publish swaps the model in at once: the widget answers with the new intent; rollback restores the old answer', async () => {
      const changes = await json<{ intents: { name: string; change: string }[] }>(await call('GET', `${S}/changes`), 200);
      expect(changes.intents).toContainEqual(expect.objectContaining({ name: 'frobnicate', change: 'added' }));
      const pub = await json<{ publish: { id: string; number: number; changes: { intents: number } }; modelVersion: string }>(await call('POST', `${S}/publish`, { note: 'frobnicate' }), 201);
      expect(pub.publish.changes.intents).toBeGreaterThanOrEqual(1);
      const after = await ask(QUESTION);
      expect(after[0]!.text).toContain('Hold the red button');
      expect(after[0]!.decision?.intentName).toBe('frobnicate');
      const [row] = await k.database.db.select().from(publishes).where(eq(publishes.id, pub.publish.id));
      expect(row!.publishedBy).toBe(admin.user.id);
      expect(row!.snapshot.intents.map((i) => i.name)).toContain('frobnicate');
      expect((await json<{ changes?: unknown; intents: Intent[] }>(await call('GET', `${S}/intents`), 200)).intents.find((i) => i.name === 'frobnicate')!.pending).toBe(false);

      const rb = await json<{ publish: { number: number; restoredFromId: string } }>(await call('POST', `${S}/publishes/${firstPublishId}/rollback`), 201);
      expect(rb.publish.restoredFromId).toBe(firstPublishId);
      expect(rb.publish.number).toBe(pub.publish.number + 1);
      expect((await ask(QUESTION))[0]!.text).not.toContain('Hold the red button');
      // The rollback restored what was live; the intent is still there as a draft.
      const [still] = await k.database.db.select().from(intents).where(and(eq(intents.name, 'frobnicate')));
      expect(still).toBeDefined();
      // The rolled-back-to publish had the Word article live: it still is.
      expect((await k.get('/help/export-to-word')).status).toBe(200);
    });
  });

  describe('content gaps', () => {
    it('clusters unanswered questions with counts and turns a cluster into an intent or an article draft', async () => {
      for (const q of ['Do you ship a printed calendar?', 'Can I order a printed calendar?', 'printed calendar shipping', 'Do you ship a printed calendar?']) await ask(q);
      const { clusters } = await json<{ clusters: { key: string; count: number; examples: { text: string; count: number }[] }[] }>(await call('GET', `${S}/gaps?days=7`), 200);
      const cal = clusters.find((c) => c.examples.some((e) => /calendar/.test(e.text)));
      expect(cal, JSON.stringify(clusters.map((c) => c.examples))).toBeDefined();
      expect(cal!.count).toBeGreaterThanOrEqual(3);
      expect(cal!.examples.every((e) => /calendar/i.test(e.text))).toBe(true);

      const { intent } = await json<{ intent: Intent }>(await call('POST', `${S}/gaps/intent`, { key: cal!.key, days: 7, name: 'printed_calendar' }), 201);
      expect(intent.examples).toEqual(expect.arrayContaining(['Do you ship a printed calendar?']));
      const { article } = await json<{ article: Article }>(await call('POST', `${S}/gaps/article`, { key: cal!.key, days: 7, title: 'Printed calendars' }), 201);
      expect(article.slug).toBe('printed-calendars');
      expect(article.status).toBe('draft');
      expect((await call('POST', `${S}/gaps/intent`, { key: 'nope', days: 7, name: 'x' })).status).toBe(404);
    });
  });

  describe('import and export', () => {
    it('reports every problem with its line and field, and imports nothing when anything is wrong', async () => {
      const csv = [
        'name,description,reason,keywords,phrases,negative_keywords,examples,answer_kind,answer_article,answer_text,enabled',
        'ok_one,Fine,information,a|b,,,"hello, there|hi",canned,,Hi!,true',
        'bad_reason,,because,,,,,,,,true',
        '"multi',
        'line",,information,,,,,article,no-such-article,,maybe',
        ',,information,,,,,,,,true',
      ].join('\n');
      const res = await call('POST', `${S}/import`, { format: 'csv', text: csv });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { problems: { line: number; field: string }[]; code: string };
      expect(body.code).toBe('validation_failed');
      expect(body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ line: 3, field: 'reason' }),
          expect.objectContaining({ line: 4, field: 'enabled' }),
          expect.objectContaining({ line: 6, field: 'name' }),
        ]),
      );
      expect(await k.database.db.select().from(intents).where(eq(intents.name, 'ok_one'))).toHaveLength(0);
    });

    it('imports a valid file in one go and exports what it imported (JSON and CSV)', async () => {
      const file = {
        articles: [{ slug: 'imported-one', title: 'Imported one', category: 'Imports', body: 'Body **one**', status: 'published' }],
        intents: [{ name: 'imported_intent', examples: ['imported question one', 'imported question two'], answer: { kind: 'article', slug: 'imported-one' } }],
      };
      const dry = await json<{ ok: boolean; written: null; counts: { intents: number; articles: number } }>(await call('POST', `${S}/import`, { format: 'json', text: JSON.stringify(file), dryRun: true }), 200);
      expect(dry).toMatchObject({ ok: true, written: null, counts: { intents: 1, articles: 1 } });
      const done = await json<{ written: { articles: { created: number }; intents: { created: number } } }>(await call('POST', `${S}/import`, { format: 'json', text: JSON.stringify(file, null, 2) }), 201);
      expect(done.written).toMatchObject({ articles: { created: 1 }, intents: { created: 1 } });

      const exported = await call('GET', `${S}/export?format=json`);
      expect(exported.headers.get('content-disposition')).toContain('knowledge.json');
      const data = (await exported.json()) as { intents: { name: string; answer: unknown }[]; articles: { slug: string }[] };
      expect(data.intents.find((i) => i.name === 'imported_intent')!.answer).toEqual({ kind: 'article', slug: 'imported-one' });
      expect(data.articles.map((a) => a.slug)).toContain('imported-one');
      const csv = await (await call('GET', `${S}/export?format=csv&kind=intents`)).text();
      expect(csv.split('\r\n')[0]).toBe('name,description,reason,keywords,phrases,negative_keywords,examples,answer_kind,answer_article,answer_text,enabled');
      expect(csv).toContain('imported_intent,,information,,,,imported question one|imported question two,article,imported-one,,true');
      // The export imports back cleanly (a dry run: same names and slugs are updates).
      const again = await json<{ ok: boolean; problems: unknown[] }>(await call('POST', `${S}/import`, { format: 'csv', kind: 'intents', text: csv, dryRun: true }), 200);
      expect(again.problems).toEqual([]);
    });

    it('names the line of a bad JSON element', async () => {
      const text = '{\n  "intents": [\n    { "name": "fine_one" },\n    { "name": "", "reason": "nope" }\n  ]\n}';
      const res = await call('POST', `${S}/import`, { format: 'json', text });
      const body = (await res.json()) as { problems: { line: number; field: string }[] };
      expect(res.status).toBe(400);
      expect(body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ line: 4, field: 'intents[1].name' }), expect.objectContaining({ line: 4, field: 'intents[1].reason' })]));
    });
  });

  describe('site settings', () => {
    it('reads and updates origins, greeting, colours, languages, business hours and the off-hours message', async () => {
      const put = await json<{ settings: { allowedOrigins: string[]; businessHours: { timezone: string }; offHoursMessage: Record<string, string>; appearance: { color: string } } }>(
        await call('PUT', `${S}/settings`, {
          allowedOrigins: ['http://localhost:3000', 'https://www.example.com/path'],
          appearance: { color: '#0f766e', position: 'left' },
          businessHours: { timezone: 'Europe/Paris', days: { '0': [], '1': [['09:00', '18:00']], '2': [['09:00', '18:00']], '3': [['09:00', '18:00']], '4': [['09:00', '18:00']], '5': [['09:00', '17:00']], '6': [] } },
          offHoursMessage: { en: "We're away: leave your email and we'll reply by email." },
        }),
        200,
      );
      expect(put.settings.allowedOrigins).toEqual(['http://localhost:3000', 'https://www.example.com']);
      expect(put.settings.businessHours.timezone).toBe('Europe/Paris');
      expect(put.settings.appearance.color).toBe('#0f766e');
      const bad = await call('PUT', `${S}/settings`, { businessHours: { timezone: 'Mars/Olympus', days: {} }, appearance: { color: 'red', position: 'top' } });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['businessHours.timezone', 'appearance.color', 'appearance.position']));
    });

    it('outside business hours the widget promises an email reply', async () => {
      const closed = { timezone: 'UTC', days: { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] } };
      const greetingText = async () => {
        const res = await k.post('/v1/widget/conversations', { siteKey: 'demo' });
        return ((await res.json()) as { messages: WireMessage[] }).messages[0]!.text;
      };
      await json(await call('PUT', `${S}/settings`, { businessHours: closed, offHoursMessage: { en: "We're away: leave your email and we'll reply by email." } }), 200);
      expect(await greetingText()).toContain("We're away: leave your email and we'll reply by email.");
      await json(await call('PUT', `${S}/settings`, { businessHours: { ...closed, days: { ...closed.days, '0': [['00:00', '24:00']], '1': [['00:00', '24:00']], '2': [['00:00', '24:00']], '3': [['00:00', '24:00']], '4': [['00:00', '24:00']], '5': [['00:00', '24:00']], '6': [['00:00', '24:00']] } } }), 200);
      expect(await greetingText()).not.toContain("We're away");
      await json(await call('PUT', `${S}/settings`, { businessHours: null }), 200);
    });
  });
});
