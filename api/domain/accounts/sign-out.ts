import type { AccountDeps } from './ports.js';

/** Ends this session only (this browser). */
export async function signOut(d: AccountDeps, tokenHash: string): Promise<void> {
  await d.store.deleteSession(tokenHash);
}

/** Ends every session of the user (all browsers and devices): "sign out everywhere". */
export async function signOutEverywhere(d: AccountDeps, userId: string): Promise<number> {
  return d.store.deleteUserSessions(userId);
}
