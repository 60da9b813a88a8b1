import { Hono, type Context } from 'hono';
import { cors } from './cors.js';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { getConnInfo } from '@hono/node-server/conninfo';
import { AppError } from '../domain/errors.js';
import type { ConversationDeps } from '../domain/conversations/deps.js';
import type { Logger } from '../log.js';
import type { RealtimeHub } from '../realtime/hub.js';
import type { TokenSigner } from './conversation-token.js';
import type { AppEnv } from './env.js';
import { errorHandler, problem } from './problem.js';
import { pageRoutes, type PageDeps } from './routes/pages.js';
import { widgetRoutes } from './routes/widget.js';
import { adminRoutes, type AdminRouteDeps } from './routes/admin.js';
import { adminLlmRoutes, type AdminLlmDeps } from './routes/admin-llm.js';
import { helpRoutes, type HelpDeps } from './routes/help.js';
import { consoleRoutes, type ConsoleRouteDeps } from './routes/console.js';
import { consolePageRoutes, type ConsolePageDeps } from './routes/console-pages.js';

export interface AppDeps {
  conversations: ConversationDeps;
  hub: RealtimeHub;
  tokens: TokenSigner;
  log: Logger;
  publicUrl: string;
  trustProxy: boolean;
  rateLimits: { perIp: number; perConversation: number; disabled: boolean };
  /** Whether an origin may call the widget API cross-origin (some site allows it). */
  isAllowedOrigin(origin: string): Promise<boolean>;
  health(): Promise<{ ok: boolean; detail: Record<string, string> }>;
  pages: Omit<PageDeps, 'publicUrl'>;
  /** The admin workshop API (/v1/admin). */
  admin: AdminRouteDeps;
  /** The optional LLM's admin routes (usage and cost, brand voice), also under /v1/admin. */
  adminLlm: AdminLlmDeps;
  /** The public help center (/help, /sitemap.xml). */
  help: Omit<HelpDeps, 'publicUrl'>;
  heartbeatMs?: number;
  /** The agent console's API and pages. */
  console: Omit<ConsoleRouteDeps, 'hub' | 'publicUrl' | 'clientIp' | 'heartbeatMs'> & { pages: Omit<ConsolePageDeps, 'widgetDir' | 'tokens'> };
  /** The widget delivered agent messages live (their emails can be skipped). */
  onDelivered?: (messageIds: string[]) => Promise<unknown>;
}

/** The Hono app, with every dependency passed in: tests build it on any database and call app.request(). */
export function createApp(deps: AppDeps) {
  const clientIp = (c: Context): string => {
    if (deps.trustProxy) {
      const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (fwd) return fwd;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // app.request() in tests has no socket
    }
  };

  const app = new Hono<AppEnv>()
    .use('*', requestId({ headerName: 'x-request-id' }))
    .use('*', async (c, next) => {
      const started = performance.now();
      await next();
      deps.log.info('request', {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    })
    .use('*', secureHeaders({ xFrameOptions: false, crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }))
    .use(
      '/v1/widget/*',
      cors({
        origin: deps.isAllowedOrigin,
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['content-type', 'authorization', 'last-event-id'],
        exposeHeaders: ['retry-after', 'x-request-id'],
        maxAgeSeconds: 600,
      }),
    )
    .get('/healthz', async (c) => {
      const h = await deps.health();
      return c.json({ status: h.ok ? 'ok' : 'unavailable', ...h.detail }, h.ok ? 200 : 503);
    })
    .route(
      '/v1/widget',
      widgetRoutes({
        conversations: deps.conversations,
        hub: deps.hub,
        tokens: deps.tokens,
        publicUrl: deps.publicUrl,
        clientIp,
        rateLimits: deps.rateLimits,
        heartbeatMs: deps.heartbeatMs,
        onDelivered: deps.onDelivered,
      }),
    )
    .route(
      '/v1/console',
      consoleRoutes({ ...deps.console, hub: deps.hub, publicUrl: deps.publicUrl, clientIp, heartbeatMs: deps.heartbeatMs }),
    )
    .route('/', consolePageRoutes({ ...deps.console.pages, widgetDir: deps.pages.widgetDir, tokens: deps.tokens }))
    .route('/v1/admin', adminRoutes(deps.admin))
    .route('/v1/admin', adminLlmRoutes(deps.adminLlm))
    .route('/', helpRoutes({ ...deps.help, publicUrl: deps.publicUrl }))
    .route('/', pageRoutes({ ...deps.pages, publicUrl: deps.publicUrl }));

  app.notFound((c) => problem(c, new AppError('not_found', `Nothing at ${c.req.method} ${c.req.path}.`)));
  app.onError(errorHandler(deps.log));
  return app;
}

export type App = ReturnType<typeof createApp>;
/** For `hc<AppType>` in the browser code. */
export type AppType = App;
