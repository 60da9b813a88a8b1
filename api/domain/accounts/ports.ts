import type { Role, Session, User, UserWithHash } from './model.js';

/** Storage the account use cases need. */
export interface AccountStore {
  findUserByEmail(email: string): Promise<UserWithHash | null>;
  findUserById(id: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /** Returns null when the email is taken. */
  createUser(input: { email: string; name: string; role: Role; passwordHash: string }): Promise<User | null>;
  updateUser(id: string, patch: { disabled?: boolean; role?: Role }): Promise<User | null>;
  createSession(session: Session & { userAgent: string | null }): Promise<void>;
  findSession(tokenHash: string): Promise<Session | null>;
  touchSession(tokenHash: string, expiresAt: Date, at: Date): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<number>;
}

export interface AccountDeps {
  store: AccountStore;
  now: () => Date;
}
