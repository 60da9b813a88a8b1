import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { sessions, users } from '../schema/index.js';
import type { AccountStore } from '../../api/domain/accounts/ports.js';
import type { User } from '../../api/domain/accounts/model.js';

type UserRow = typeof users.$inferSelect;
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, disabled: r.disabled });

export function createAccountStore(db: Db): AccountStore {
  return {
    async findUserByEmail(email) {
      const [r] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
      return r ? { ...toUser(r), passwordHash: r.passwordHash } : null;
    },
    async findUserById(id) {
      const [r] = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return r ? toUser(r) : null;
    },
    async listUsers() {
      return (await db.select().from(users).orderBy(asc(users.name))).map(toUser);
    },
    async createUser(input) {
      const [r] = await db.insert(users).values({ ...input, email: input.email.toLowerCase() }).onConflictDoNothing().returning();
      return r ? toUser(r) : null;
    },
    async updateUser(id, patch) {
      const [r] = await db.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id)).returning();
      return r ? toUser(r) : null;
    },
    async createSession(s) {
      await db.insert(sessions).values({ tokenHash: s.tokenHash, userId: s.userId, csrfToken: s.csrfToken, expiresAt: s.expiresAt, lastSeenAt: s.lastSeenAt, userAgent: s.userAgent });
    },
    async findSession(tokenHash) {
      const [r] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
      return r ? { tokenHash: r.tokenHash, userId: r.userId, csrfToken: r.csrfToken, expiresAt: r.expiresAt, lastSeenAt: r.lastSeenAt } : null;
    },
    async touchSession(tokenHash, expiresAt, at) {
      await db.update(sessions).set({ expiresAt, lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteSession(tokenHash) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteUserSessions(userId) {
      const rows = await db.delete(sessions).where(and(eq(sessions.userId, userId))).returning({ t: sessions.tokenHash });
      return rows.length;
    },
  };
}
