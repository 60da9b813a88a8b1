import { Hono } from 'hono';
import { escapeHtml } from '../html.js';
import type { AppEnv } from '../env.js';

export interface HelpArticleSummary {
  slug: string;
  title: string;
  summary: string;
  category: string;
}

export interface HelpDeps {
  publicUrl: string;
  /** The site whose help center this is (name and id), or null when it does not exist. */
  site(): Promise<{ id: string; name: string } | null>;
  list(siteId: string): Promise<(HelpArticleSummary & { updatedAt: string })[]>;
  /** A published article: its HTML was rendered and sanitized when it was saved. */
  find(siteId: string, slug: string): Promise<(HelpArticleSummary & { html: string; updatedAt: string }) | null>;
  search(siteId: string, query: string): Promise<HelpArticleSummary[]>;
}

const categoryId = (c: string) => `c-${c.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
const articleHref = (slug: string) => `/help/${encodeURIComponent(slug)}`;

/**
 * The public help center: server-rendered HTML, no JavaScript, one stylesheet inline. Article
 * pages serve the HTML stored when the article was saved; nothing is rendered per request.
 */
export function helpRoutes(deps: HelpDeps) {
  const base = deps.publicUrl.replace(/\/+$/, '');

  const shell = (o: { siteName: string; title: string; description: string; path: string | null; body: string; noindex?: boolean }) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(o.title)}</title><meta name="description" content="${escapeHtml(o.description)}">
${o.path ? `<link rel="canonical" href="${escapeHtml(base + o.path)}">` : ''}${o.noindex ? '<meta name="robots" content="noindex">' : ''}
<meta property="og:title" content="${escapeHtml(o.title)}"><meta property="og:description" content="${escapeHtml(o.description)}">
<style>
body{font:16px/1.6 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:0 1rem 3rem;color:#1f2937}
a{color:#4338ca}header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:1rem 0;border-bottom:1px solid #e5e7eb;margin-bottom:1.5rem}
header a.home{font-weight:600;text-decoration:none;color:#111827}form{display:flex;gap:.5rem}
input[type=search]{font:inherit;padding:.4rem .6rem;border:1px solid #9ca3af;border-radius:6px;min-width:14rem}
button{font:inherit;padding:.4rem .8rem;border:0;border-radius:6px;background:#4338ca;color:#fff}
.crumb{color:#6b7280;margin:0}.crumb a{color:inherit}ul.list{padding-left:1.2rem}ul.list li{margin:.4rem 0}ul.list small{color:#4b5563}
pre{background:#f3f4f6;padding:.8rem;border-radius:6px;overflow:auto}code{background:#f3f4f6;padding:.1rem .25rem;border-radius:4px}
img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.3rem .5rem}
</style></head><body>
<header><a class="home" href="/help">${escapeHtml(o.siteName)} help center</a>
<form action="/help/search" method="get" role="search"><label for="q" hidden>Search the help center</label>
<input id="q" type="search" name="q" placeholder="Search the help center" aria-label="Search the help center"><button type="submit">Search</button></form></header>
<main>${o.body}</main></body></html>`;

  const list = (items: HelpArticleSummary[]) =>
    `<ul class="list">${items.map((a) => `<li><a href="${articleHref(a.slug)}">${escapeHtml(a.title)}</a><br><small>${escapeHtml(a.summary)}</small></li>`).join('')}</ul>`;

  const missingSite = () => shell({ siteName: 'Knowns', title: 'Help center', description: '', path: null, body: '<p>There is no help center here yet.</p>' });

  // Help pages run no script at all: a strict policy is a second wall behind the sanitizer.
  const HELP_CSP = "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

  return new Hono<AppEnv>()
    .use('/help', async (c, next) => {
      await next();
      c.header('content-security-policy', HELP_CSP);
    })
    .use('/help/*', async (c, next) => {
      await next();
      c.header('content-security-policy', HELP_CSP);
    })
    .get('/help', async (c) => {
      const site = await deps.site();
      if (!site) return c.html(missingSite(), 404);
      const articles = await deps.list(site.id);
      const byCategory = new Map<string, HelpArticleSummary[]>();
      for (const a of articles) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
      const toc = byCategory.size > 1 ? `<nav aria-label="Categories"><p>${[...byCategory.keys()].map((cat) => `<a href="#${categoryId(cat)}">${escapeHtml(cat)}</a>`).join(' · ')}</p></nav>` : '';
      const sections = [...byCategory].map(([cat, items]) => `<section><h2 id="${categoryId(cat)}">${escapeHtml(cat)}</h2>${list(items)}</section>`).join('');
      c.header('cache-control', 'public, max-age=60');
      return c.html(
        shell({
          siteName: site.name,
          title: `Help center · ${site.name}`,
          description: `Answers to common questions about ${site.name}: ${[...byCategory.keys()].join(', ')}.`.slice(0, 300),
          path: '/help',
          body: `<h1>Help center</h1>${toc}${sections || '<p>No articles are published yet.</p>'}`,
        }),
      );
    })
    .get('/help/search', async (c) => {
      const site = await deps.site();
      if (!site) return c.html(missingSite(), 404);
      const q = (c.req.query('q') ?? '').trim().slice(0, 200);
      const results = q ? await deps.search(site.id, q) : [];
      const body = q
        ? `<h1>Search results for “${escapeHtml(q)}”</h1>${results.length ? `<p>${results.length} article${results.length === 1 ? '' : 's'} found.</p>${list(results)}` : `<p>No article matches “${escapeHtml(q)}”. Try other words, or <a href="/help">browse all articles</a>.</p>`}`
        : '<h1>Search the help center</h1><p>Type a few words in the search box above.</p>';
      return c.html(shell({ siteName: site.name, title: q ? `${q} · Search · ${site.name} help center` : `Search · ${site.name} help center`, description: `Search the ${site.name} help center.`, path: null, body, noindex: true }));
    })
    .get('/help/:slug', async (c) => {
      const site = await deps.site();
      if (!site) return c.html(missingSite(), 404);
      const slug = c.req.param('slug');
      const article = await deps.find(site.id, slug);
      if (!article) {
        return c.html(
          shell({ siteName: site.name, title: `Not found · ${site.name} help center`, description: '', path: null, noindex: true, body: '<h1>Article not found</h1><p>This article does not exist or is not published. <a href="/help">Browse the help center</a>.</p>' }),
          404,
        );
      }
      c.header('cache-control', 'public, max-age=60');
      c.header('last-modified', new Date(article.updatedAt).toUTCString());
      const related = (await deps.list(site.id)).filter((a) => a.category === article.category && a.slug !== article.slug).slice(0, 8);
      const more = related.length ? `<aside aria-label="More in ${escapeHtml(article.category)}"><h2>More in ${escapeHtml(article.category)}</h2>${list(related)}</aside>` : '';
      const body = `<p class="crumb"><a href="/help#${categoryId(article.category)}">${escapeHtml(article.category)}</a></p><article><h1>${escapeHtml(article.title)}</h1>${article.html}</article>${more}`;
      return c.html(
        shell({ siteName: site.name, title: `${article.title} · ${site.name} help center`, description: article.summary || article.title, path: articleHref(article.slug), body }),
      );
    })
    .get('/sitemap.xml', async (c) => {
      const site = await deps.site();
      const articles = site ? await deps.list(site.id) : [];
      const xmlEscape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
      const urls = [
        `<url><loc>${xmlEscape(base + '/help')}</loc></url>`,
        ...articles.map((a) => `<url><loc>${xmlEscape(base + articleHref(a.slug))}</loc><lastmod>${a.updatedAt.slice(0, 10)}</lastmod></url>`),
      ];
      c.header('content-type', 'application/xml; charset=utf-8');
      c.header('cache-control', 'public, max-age=300');
      return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
    })
    .get('/robots.txt', (c) => {
      c.header('content-type', 'text/plain; charset=utf-8');
      return c.body(`User-agent: *\nAllow: /help\nDisallow: /v1/\nDisallow: /console\nSitemap: ${base}/sitemap.xml\n`);
    });
}
