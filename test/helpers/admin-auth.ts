import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../api/domain/errors.js';
import type { AdminEnv } from '../../api/http/routes/admin.js';

export const TEST_ADMIN_ID = '00000000-0000-4000-8000-00000000a0a0';
export const TEST_AGENT_ID = '00000000-0000-4000-8000-00000000a9e7';

/**
 * A stand-in for the console session in API tests of the admin routes: `x-test-role: admin|agent`
 * plays a signed-in user of that role; no header plays an anonymous caller. It refuses exactly as
 * the real middleware must: 401 without a user, 403 for an agent.
 */
export const headerAdminAuth: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const role = c.req.header('x-test-role');
  if (role !== 'admin' && role !== 'agent') throw new AppError('unauthorized', 'Sign in first.');
  if (role !== 'admin') throw new AppError('forbidden', 'Only admins may do this.');
  c.set('user', { id: TEST_ADMIN_ID, role });
  await next();
};

export const AS_ADMIN = { 'x-test-role': 'admin' };
export const AS_AGENT = { 'x-test-role': 'agent' };
