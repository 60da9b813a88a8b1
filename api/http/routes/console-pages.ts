import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { AppError } from '../../domain/errors.js';
import { escapeHtml } from '../html.js';
import type { LinkSigner } from '../conversation-link.js';
import type { TokenSigner } from '../conversation-token.js';
import type { AppEnv } from '../env.js';

export interface ConsolePageDeps {
  /** dist/widget; the console is built next to it, in dist/console. */
  widgetDir: string;
  links: LinkSigner;
  tokens: TokenSigner;
  /** The conversation's site key and visitor, or null when it does not exist. */
  findConversation(id: string): Promise<{ siteKey: string; visitorId: string } | null>;
}

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:17px/1.6 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2937}</style>
</head><body><main>${body}</main></body></html>`;

/** The console's single page (/console, /console/…), and the email link that reopens a chat (/c/:link). */
export function consolePageRoutes(deps: ConsolePageDeps) {
  const consoleDir = join(deps.widgetDir, '..', 'console');
  const serveConsole = async () => {
    const html = await readFile(join(consoleDir, 'console.html'), 'utf8').catch(() => null);
    if (html === null) throw new AppError('unavailable', 'The console is not built yet: run `npm run build`.');
    return html;
  };
  // The console's own pages: no framing, no inline or foreign scripts.
  const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  return new Hono<AppEnv>()
    .get(
      '/console/assets/*',
      serveStatic({
        root: consoleDir,
        rewriteRequestPath: (p) => p.replace(/^\/console/, ''),
        onFound: (_path, c) => {
          c.header('cache-control', 'public, max-age=31536000, immutable');
        },
      }),
    )
    .get('/console', async (c) => {
      c.header('content-security-policy', csp);
      c.header('cache-control', 'no-cache');
      c.header('x-frame-options', 'DENY');
      return c.html(await serveConsole());
    })
    .get('/console/*', async (c) => {
      c.header('content-security-policy', csp);
      c.header('cache-control', 'no-cache');
      c.header('x-frame-options', 'DENY');
      return c.html(await serveConsole());
    })
    .get('/c/:link', async (c) => {
      c.header('cache-control', 'no-store');
      c.header('referrer-policy', 'no-referrer');
      const opened = deps.links.verify(c.req.param('link'));
      if (opened === 'expired')
        return c.html(page('Link expired', '<h1>This link has expired</h1><p>Links in our emails work for a limited time. Open the chat on our website to write to us again.</p>'), 410);
      const conv = opened ? await deps.findConversation(opened.conversationId) : null;
      if (!opened || !conv) return c.html(page('Link not valid', '<h1>This link is not valid</h1><p>Check that the whole link was copied from the email.</p>'), 404);
      // Hand the conversation to the chat app the way it stores its own (see widget/chat/storage.ts),
      // then open the chat full-page: it reconnects, shows the agent's reply, and the customer carries on.
      const state = {
        v: 1,
        visitorId: conv.visitorId,
        conversationId: opened.conversationId,
        token: deps.tokens.sign(opened.conversationId),
        messages: [],
        outbox: [],
      };
      const key = `knowns:v1:${conv.siteKey}`;
      const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
      const target = `/widget/frame/${encodeURIComponent(conv.siteKey)}`;
      return c.html(
        page(
          'Opening your conversation…',
          `<h1>Opening your conversation…</h1><p><a id="go" href="${escapeHtml(target)}">Continue</a></p>
<script>try{localStorage.setItem(${json(key)},${json(JSON.stringify(state))})}catch(e){}location.replace(${json(target)});</script>`,
        ),
      );
    });
}
