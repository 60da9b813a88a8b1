import { Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { AppError } from '../../domain/errors.js';
import type { Site } from '../../domain/conversations/model.js';
import { escapeHtml } from '../html.js';
import type { AppEnv } from '../env.js';

export interface PageDeps {
  /** Folder with the built widget (widget.js, chat.html, assets/). */
  widgetDir: string;
  findSite(key: string): Promise<Site | null>;
  demoSiteKey: string;
  publicUrl: string;
}

export const defaultWidgetDir = fileURLToPath(new URL('../../../dist/widget', import.meta.url));

/** The demo host page, the loader and the chat frame (the help center is routes/help.ts). */
export function pageRoutes(deps: PageDeps) {
  // Cached per file version: a rebuild (npm run dev) replaces chat.html and its hashed assets.
  let chatHtml: { mtimeMs: number; html: string } | null = null;
  const readChatHtml = async (): Promise<string> => {
    const file = join(deps.widgetDir, 'chat.html');
    const info = await stat(file).catch(() => null);
    if (!info) throw new AppError('unavailable', 'The widget is not built yet: run `npm run build`.');
    if (chatHtml?.mtimeMs !== info.mtimeMs) chatHtml = { mtimeMs: info.mtimeMs, html: await readFile(file, 'utf8') };
    return chatHtml.html;
  };

  return new Hono<AppEnv>()
    .get('/', (c) => c.html(demoPage(deps.demoSiteKey, deps.publicUrl)))
    .get('/widget.js', async (c) => {
      const js = await readFile(join(deps.widgetDir, 'widget.js'), 'utf8').catch(() => null);
      if (js === null) throw new AppError('unavailable', 'The widget is not built yet: run `npm run build`.');
      c.header('content-type', 'text/javascript; charset=utf-8');
      c.header('cache-control', 'public, max-age=300');
      c.header('access-control-allow-origin', '*');
      return c.body(js);
    })
    .get(
      '/widget/assets/*',
      serveStatic({
        root: deps.widgetDir,
        rewriteRequestPath: (p) => p.replace(/^\/widget/, ''),
        onFound: (_path, c) => {
          c.header('cache-control', 'public, max-age=31536000, immutable');
        },
      }),
    )
    .get('/widget/frame/:siteKey', async (c) => {
      const site = await deps.findSite(c.req.param('siteKey'));
      if (!site) throw new AppError('site_not_found', 'No site has that key.');
      // Only the site's own pages may frame the chat: the browser refuses every other host page.
      const ancestors = ["'self'", ...site.allowedOrigins].join(' ');
      c.header('content-security-policy', `frame-ancestors ${ancestors}`);
      c.header('cache-control', 'no-cache');
      return c.html(await readChatHtml());
    });
}

function demoPage(siteKey: string, publicUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Lumen Notes: notes that keep up with you</title>
<style>
  body{font:17px/1.6 system-ui,sans-serif;margin:0;color:#111827;background:#f8fafc}
  header{background:#312e81;color:#fff;padding:3rem 1.5rem}
  header h1{margin:0 0 .5rem;font-size:2.2rem} main{max-width:52rem;margin:0 auto;padding:2rem 1.5rem}
  code{background:#e0e7ff;padding:.1rem .3rem;border-radius:4px} pre{background:#1e1b4b;color:#e0e7ff;padding:1rem;border-radius:8px;overflow:auto} pre code{background:none;padding:0}
  button.cta{font:inherit;padding:.6rem 1rem;border-radius:8px;border:0;background:#4f46e5;color:#fff;cursor:pointer}
</style>
<script>window.Knowns=window.Knowns||function(){(Knowns.q=Knowns.q||[]).push(arguments)};</script>
<script async src="/widget.js" data-site-key="${escapeHtml(siteKey)}"></script>
</head>
<body>
<header><h1>Lumen Notes</h1><p>This is a demo host page: a fictional product's website that embeds the Knowns widget.</p></header>
<main>
  <p>Ask the assistant in the corner something like <em>"How do I reset my password?"</em>, <em>"Can I get a refund?"</em> or
  something it cannot know, and leave your email to get a ticket.</p>
  <p><button class="cta" type="button" onclick="Knowns('open')">Chat with us</button></p>
  <h2>Embed it on your site</h2>
  <pre><code>&lt;script async src="${escapeHtml(publicUrl)}/widget.js" data-site-key="${escapeHtml(siteKey)}"&gt;&lt;/script&gt;</code></pre>
  <p>Browse the <a href="/help">help center</a>.</p>
</main>
</body>
</html>`;
}
