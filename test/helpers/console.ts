import { expect } from 'vitest';
import { createAccountStore } from '../../db/repositories/accounts.js';
import { createUser } from '../../api/domain/accounts/create-user.js';
import type { Role } from '../../api/domain/accounts/model.js';
import type { Db } from '../../db/client.js';

type Requester = (path: string, init?: RequestInit) => Response | Promise<Response>;

export interface ConsoleClient {
  cookie: string;
  csrf: string;
  user: { id: string; name: string; role: Role; email: string };
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

let n = 0;
/** A fresh user of that role (password "correct horse battery"). */
export async function makeUser(db: Db, role: Role, name?: string) {
  const email = `${role}${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const user = await createUser({ store: createAccountStore(db) }, { email, password: 'correct horse battery', role, name: name ?? `${role === 'admin' ? 'Ada' : 'Alan'} ${n}` });
  return { ...user, password: 'correct horse battery' };
}

export function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const m = /knowns_session=([^;]*)/.exec(set);
  return m ? `knowns_session=${m[1]}` : '';
}

/** Signs in through the API and returns a client that sends the cookie and the CSRF token. */
export async function signIn(request: Requester, email: string, password: string): Promise<ConsoleClient> {
  const res = await request('/v1/console/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { csrfToken: string; user: ConsoleClient['user'] };
  const cookie = cookieOf(res);
  const send = async (method: string, path: string, b?: unknown, headers: Record<string, string> = {}) =>
    request(path, {
      method,
      headers: { cookie, 'x-csrf-token': body.csrfToken, ...(b !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(b !== undefined ? { body: JSON.stringify(b) } : {}),
    });
  return {
    cookie,
    csrf: body.csrfToken,
    user: body.user,
    get: async (path) => request(path, { headers: { cookie } }),
    post: (path, b, headers) => send('POST', path, b ?? {}, headers),
    send,
  };
}
