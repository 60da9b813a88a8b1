/**
 * The console's client for /v1/console. Same origin: the session cookie goes along by itself
 * (httpOnly, so scripts never see it); every state change carries the session's CSRF token.
 * Response types come from the API's use cases, with dates as the ISO strings JSON carries.
 */
import type { TicketView } from '../../api/domain/tickets/get-ticket';
import type { listTickets } from '../../api/domain/tickets/list-tickets';
import type { User } from '../../api/domain/accounts/model';

/** What JSON makes of a type: Dates become strings. */
export type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** The ticket view, plus the hand-off summary the optional LLM wrote when it opened (null without one). */
export type Ticket = Omit<Json<TicketView>, 'ticket'> & { ticket: Json<TicketView['ticket']> & { summary: string | null } };
export type TicketList = Json<Awaited<ReturnType<typeof listTickets>>>;
/** `llm`: whether an LLM is configured (the ticket view offers "Draft reply" only then). */
export type Me = { user: User; csrfToken: string; llm: boolean };
export type Draft = { text: string; citations: { id: string; title: string; slug: string }[] };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrf = '';
export const setCsrf = (token: string) => (csrf = token);
/** For the admin pages' client (widget/console/admin/api.ts). */
export const getCsrf = () => csrf;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/v1/console${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'error', data.detail ?? `Request failed (${res.status}).`);
  return data as T;
}

export const api = {
  me: () => call<Me>('GET', '/me'),
  login: (email: string, password: string) => call<Me>('POST', '/auth/login', { email, password }),
  logout: () => call<void>('POST', '/auth/logout'),
  users: () => call<{ users: { id: string; name: string; role: string }[] }>('GET', '/users'),
  tickets: (query: string) => call<TicketList>('GET', `/tickets?${query}`),
  ticket: (n: number) => call<Ticket>('GET', `/tickets/${n}`),
  reply: (n: number, text: string, macroId?: string) => call<unknown>('POST', `/tickets/${n}/reply`, { text, ...(macroId ? { macroId } : {}) }),
  note: (n: number, text: string) => call<unknown>('POST', `/tickets/${n}/notes`, { text }),
  claim: (n: number) => call<unknown>('POST', `/tickets/${n}/claim`),
  assign: (n: number, assigneeId: string | null) => call<unknown>('POST', `/tickets/${n}/assign`, { assigneeId }),
  status: (n: number, status: string, overrideReason?: string) => call<{ overridden: boolean }>('POST', `/tickets/${n}/status`, { status, ...(overrideReason ? { overrideReason } : {}) }),
  priority: (n: number, priority: string) => call<unknown>('POST', `/tickets/${n}/priority`, { priority }),
  applyMacro: (n: number, macroId: string) => call<{ text: string; macroId: string }>('POST', `/tickets/${n}/macros/${macroId}/apply`),
  flag: (n: number, articleId: string, comment: string) => call<unknown>('POST', `/tickets/${n}/flags`, { articleId, comment }),
  addIt: (n: number, body: { example?: string; article?: { title: string; body: string }; intent?: { id: string } | { name: string; reason: string } }) =>
    call<{ article: { id: string } | null; intent: { id: string; name: string; created: boolean } | null }>('POST', `/tickets/${n}/add-it`, body),
  /** A reply draft from the LLM, for the agent to edit; nothing is sent. */
  draft: (n: number) => call<{ draft: Draft }>('POST', `/tickets/${n}/draft`),
  typing: (n: number, typing: boolean) => call<void>('POST', `/tickets/${n}/typing`, { typing }),
  sla: () => call<{ policy: Record<string, { firstResponse: number; resolution: number }> }>('GET', '/admin/sla'),
  saveSla: (policy: Record<string, { firstResponse: number; resolution: number }>) =>
    call<{ policy: Record<string, { firstResponse: number; resolution: number }> }>('PUT', '/admin/sla', policy),
};
