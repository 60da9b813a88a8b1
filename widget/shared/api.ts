/**
 * Typed client for the public widget API (v1), through Hono RPC: request and response types come
 * from the API's routes (`AppType`), never written by hand. The chat app lives on the API's
 * origin, so every call is same-origin: no CORS, no credentials beyond the conversation's token.
 *
 * Failures come back as two classes so callers can decide what to retry:
 * - `NetworkError`: no HTTP answer at all (offline, DNS, reset). Retry.
 * - `ApiError`: an HTTP answer with a problem+json body. 5xx, 408 and 429 are retryable.
 */
import { hc } from 'hono/client';
import type { AppType } from '../../api/http/app';

export type { WireMessage, WireTicket } from '../../api/domain/conversations/wire';

export class NetworkError extends Error {}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Seconds, from `Retry-After` (429/503). */
    readonly retryAfter: number | null,
  ) {
    super(`${status} ${code}`);
  }
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

export const isRetryable = (e: unknown): boolean =>
  e instanceof NetworkError || (e instanceof ApiError && e.retryable);

interface Answer<T> {
  ok: boolean;
  status: number;
  headers: Headers;
  json(): Promise<T>;
}

/** Await a client call: the success body, or a typed error. */
async function settle<T>(call: Promise<Answer<T>>): Promise<T> {
  let res: Answer<T>;
  try {
    res = await call;
  } catch {
    throw new NetworkError('network');
  }
  if (res.ok) return res.json();
  let code = `http_${res.status}`;
  try {
    code = ((await res.json()) as { code?: string }).code || code;
  } catch {
    /* not JSON (a proxy's error page): the status is all we have */
  }
  const ra = Number(res.headers.get('retry-after'));
  throw new ApiError(res.status, code, ra > 0 ? ra : null);
}

const widget = hc<AppType>(location.origin, { init: { cache: 'no-store' } }).v1.widget.conversations;
const conversation = widget[':id'];
const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

type Json<F extends (...args: never[]) => unknown> = Parameters<F>[0] extends { json: infer J } ? J : never;
export type StartBody = Json<typeof widget.$post>;
export type MessageBody = Json<typeof conversation.messages.$post>;
export type ContactBody = Json<typeof conversation.contact.$post>;

export const api = {
  start: (json: StartBody) => settle(widget.$post({ json })),
  get: (id: string, token: string) => settle(conversation.$get({ param: { id } }, auth(token))),
  send: (id: string, token: string, json: MessageBody) =>
    settle(conversation.messages.$post({ param: { id }, json }, auth(token))),
  contact: (id: string, token: string, json: ContactBody) =>
    settle(conversation.contact.$post({ param: { id }, json }, auth(token))),
  feedback: (id: string, token: string, json: { messageId: string; helpful: boolean }) =>
    settle(conversation.feedback.$post({ param: { id }, json }, auth(token))),
  /**
   * EventSource cannot send headers: the token goes in the query (the API accepts it there), and so
   * does the first resume point (later reconnects send Last-Event-ID themselves).
   */
  eventsUrl: (id: string, token: string, afterSeq: number) =>
    `${conversation.events.$url({ param: { id } }).pathname}?token=${encodeURIComponent(token)}&lastEventId=${afterSeq}`,
};
