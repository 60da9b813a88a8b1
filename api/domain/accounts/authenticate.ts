import { SESSION_IDLE_MS, SESSION_TOUCH_MS, type Session, type User } from './model.js';
import type { AccountDeps } from './ports.js';
import { hashToken } from './tokens.js';

/** The signed-in user for a session cookie's token, or null (unknown, expired, or disabled user). */
export async function authenticate(d: AccountDeps, token: string): Promise<{ user: User; session: Session } | null> {
  const tokenHash = hashToken(token);
  const session = await d.store.findSession(tokenHash);
  const now = d.now();
  if (!session) return null;
  if (session.expiresAt <= now) {
    await d.store.deleteSession(tokenHash);
    return null;
  }
  const user = await d.store.findUserById(session.userId);
  if (!user || user.disabled) return null;
  // Sliding expiry, written at most every few minutes.
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await d.store.touchSession(tokenHash, new Date(now.getTime() + SESSION_IDLE_MS), now);
  }
  return { user, session };
}
