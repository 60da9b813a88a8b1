import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { authenticate } from '../domain/accounts/authenticate.js';
import type { AccountDeps } from '../domain/accounts/ports.js';
import { AppError } from '../domain/errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from './routes/console.js';
import type { AdminEnv } from './routes/admin.js';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The admin API's gate, on the console's sessions (same cookie, same CSRF token as /v1/console):
 * 401 without a valid session, 403 (`csrf_failed`) for a write without the session's CSRF token or
 * from another origin, 403 (`forbidden`) for an agent.
 */
export function adminSession(deps: { accounts: AccountDeps; publicUrl: string }): MiddlewareHandler<AdminEnv> {
  const publicOrigin = new URL(deps.publicUrl).origin;
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) throw new AppError('unauthorized', 'Sign in first: this needs an admin session.');
    const found = await authenticate(deps.accounts, token);
    if (!found) throw new AppError('unauthorized', 'The session has ended; sign in again.');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const given = c.req.header(CSRF_HEADER);
      const origin = c.req.header('origin');
      const sameOrigin = !origin || origin === publicOrigin || origin === new URL(c.req.url).origin;
      if (!given || !same(given, found.session.csrfToken) || !sameOrigin)
        throw new AppError('csrf_failed', 'Missing or wrong CSRF token (send X-CSRF-Token from GET /v1/console/me).');
    }
    if (found.user.role !== 'admin') throw new AppError('forbidden', 'Only admins may do this.');
    c.set('user', { id: found.user.id, role: found.user.role });
    await next();
  };
}
