import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

type Options = Parameters<typeof bodyLimit>[0] & { onError: NonNullable<Parameters<typeof bodyLimit>[0]['onError']> };

/**
 * hono's `bodyLimit` starts by reading `c.req.raw.body`, which makes @hono/node-server build a
 * whole web `Request` (streams, an AbortSignal) for every request: a large share of the CPU
 * a small JSON request costs. A request that declares its length, as every browser `fetch` of
 * JSON does, is checked from the header instead (Node's parser never reads past a declared
 * Content-Length); the others (chunked) still go through hono's streaming check.
 */
export function limitBody(options: Options): MiddlewareHandler {
  const streaming = bodyLimit(options);
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > options.maxSize ? options.onError(c) : next();
    }
    return streaming(c, next);
  };
}
