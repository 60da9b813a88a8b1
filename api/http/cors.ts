import type { MiddlewareHandler } from 'hono';

export interface CorsOptions {
  /** Whether a request from this origin may read the response. */
  origin: (origin: string) => boolean | Promise<boolean>;
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/**
 * CORS for the widget API. Same headers as `hono/cors`, but set with `c.header()` before the
 * handler runs: hono/cors writes to `c.res.headers`, which makes hono copy the handler's response
 * into a new one and @hono/node-server turn its lightweight response into a full web Response,
 * on every request.
 */
export function cors(o: CorsOptions): MiddlewareHandler {
  const methods = o.allowMethods.join(',');
  const requestHeaders = o.allowHeaders.join(',');
  const exposed = o.exposeHeaders.join(',');
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin && (await o.origin(origin)) ? origin : null;
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        vary: 'Origin, Access-Control-Request-Headers',
        'access-control-max-age': String(o.maxAgeSeconds),
        'access-control-allow-methods': methods,
        'access-control-allow-headers': requestHeaders,
      };
      if (allowed) {
        headers['access-control-allow-origin'] = allowed;
        headers['access-control-expose-headers'] = exposed;
      }
      return c.body(null, 204, headers);
    }
    if (allowed) {
      c.header('access-control-allow-origin', allowed);
      c.header('access-control-expose-headers', exposed);
    }
    c.header('vary', 'Origin', { append: true });
    await next();
  };
}
