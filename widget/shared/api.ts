/**
 * Typed client for the public widget API (v1). The chat app lives on the API's origin, so every
 * call is same-origin: no CORS, no credentials beyond the conversation's bearer token.
 *
 * Failures come back as two classes so callers can decide what to retry:
 * - `NetworkError`: no HTTP answer at all (offline, DNS, reset). Retry.
 * - `ApiError`: an HTTP answer with a problem+json body. 5xx and 429 are retryable.
 */
import type {
  ContactBody,
  ContactResult,
  ConversationView,
  FeedbackBody,
  FeedbackResult,
  PostMessageBody,
  PostMessageResult,
  Problem,
  StartConversationBody,
  StartConversationResult,
} from './protocol';

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

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new NetworkError('network');
  }
  if (res.ok) return (await res.json()) as T;
  let problem: Partial<Problem> = {};
  try {
    problem = (await res.json()) as Partial<Problem>;
  } catch {
    /* not JSON (a proxy's HTML error page): the status is all we have */
  }
  const ra = Number(res.headers.get('retry-after'));
  throw new ApiError(res.status, problem.code || 'http_' + res.status, Number.isFinite(ra) && ra > 0 ? ra : null);
}

const base = '/v1/widget/conversations';
const id = (conversationId: string) => `${base}/${encodeURIComponent(conversationId)}`;

export const api = {
  start: (body: StartConversationBody) => call<StartConversationResult>('POST', base, null, body),
  get: (conversationId: string, token: string) => call<ConversationView>('GET', id(conversationId), token),
  send: (conversationId: string, token: string, body: PostMessageBody) =>
    call<PostMessageResult>('POST', `${id(conversationId)}/messages`, token, body),
  contact: (conversationId: string, token: string, body: ContactBody) =>
    call<ContactResult>('POST', `${id(conversationId)}/contact`, token, body),
  feedback: (conversationId: string, token: string, body: FeedbackBody) =>
    call<FeedbackResult>('POST', `${id(conversationId)}/feedback`, token, body),
  eventsUrl: (conversationId: string, token: string) =>
    `${id(conversationId)}/events?token=${encodeURIComponent(token)}`,
};
