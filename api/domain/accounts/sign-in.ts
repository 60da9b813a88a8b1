import { AppError } from '../errors.js';
import { SESSION_IDLE_MS, type User } from './model.js';
import { decoyHash, verifyPassword } from './password.js';
import type { AccountDeps } from './ports.js';
import { hashToken, newSecret } from './tokens.js';

/**
 * Checks the password and opens a session. Unknown email, wrong password and disabled account
 * get the same answer, after the same work, so the response tells nothing about which it was.
 */
export async function signIn(
  d: AccountDeps,
  input: { email: string; password: string; userAgent: string | null },
): Promise<{ user: User; token: string; csrfToken: string; expiresAt: Date }> {
  const found = await d.store.findUserByEmail(input.email.trim().toLowerCase());
  const ok = await verifyPassword(input.password, found?.passwordHash ?? (await decoyHash()));
  if (!found || !ok || found.disabled) throw new AppError('invalid_credentials', 'The email or password is not right.');
  const token = newSecret();
  const csrfToken = newSecret();
  const now = d.now();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await d.store.createSession({ tokenHash: hashToken(token), userId: found.id, csrfToken, expiresAt, lastSeenAt: now, userAgent: input.userAgent });
  const { passwordHash: _omit, ...user } = found;
  return { user, token, csrfToken, expiresAt };
}
