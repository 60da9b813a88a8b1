export type Role = 'admin' | 'agent';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

export interface Session {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

export const MIN_PASSWORD_LENGTH = 10;
/** A session ends after this long without use… */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** …and is refreshed at most this often (one write per busy agent per few minutes). */
export const SESSION_TOUCH_MS = 5 * 60_000;
