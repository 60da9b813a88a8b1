import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../domain/errors.js';
import type { Logger } from '../log.js';

/** Every code has exactly one status; adding a code without one fails to compile. */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  origin_not_allowed: 403,
  not_found: 404,
  site_not_found: 404,
  conversation_not_found: 404,
  message_not_found: 404,
  ticket_not_found: 404,
  user_not_found: 404,
  article_not_found: 404,
  intent_not_found: 404,
  macro_not_found: 404,
  idempotency_conflict: 409,
  conflict: 409,
  reply_required: 409,
  link_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  /** No LLM is configured (OPENAI_API_KEY unset): the feature asked for needs one. */
  llm_unavailable: 503,
  internal: 500,
};

const TITLE: Record<ContentfulStatusCode, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 410: 'Gone',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
} as Record<ContentfulStatusCode, string>;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: { path: string; message: string }[];
}

/** RFC 9457 problem+json. */
export function problem(c: Context, error: AppError): Response {
  const status = STATUS[error.code];
  const body: Problem = {
    type: `https://knowns.dev/problems/${error.code.replace(/_/g, '-')}`,
    title: TITLE[status] ?? 'Error',
    status,
    detail: error.message,
    code: error.code,
    requestId: c.get('requestId') ?? 'unknown',
    ...(error.details?.fields ? { errors: error.details.fields } : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (error.details?.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.details.retryAfterSeconds);
  // c.body() keeps the headers middleware set before the error (CORS, the request id).
  return c.body(JSON.stringify(body), status, headers);
}

/** Maps anything thrown to a problem; faults are logged with the request id, never the body. */
export function errorHandler(log: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) return problem(c, err);
    if (err instanceof HTTPException) {
      const code: ErrorCode =
        err.status === 413 ? 'payload_too_large'
        : err.status === 401 ? 'unauthorized'
        : err.status === 404 ? 'not_found'
        : /json/i.test(err.message) ? 'invalid_json'
        : err.status === 415 ? 'unsupported_media_type'
        : 'validation_failed';
      return problem(c, new AppError(code, err.message || 'Bad request.'));
    }
    if (isDatabaseDown(err)) {
      log.warn('database unavailable', { requestId: c.get('requestId'), error: err.message });
      return problem(c, new AppError('unavailable', 'The service is briefly unavailable; try again.', { retryAfterSeconds: 2 }));
    }
    log.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error: err.message, stack: err.stack });
    return problem(c, new AppError('internal', 'Something went wrong on our side.'));
  };
}

function isDatabaseDown(err: Error): boolean {
  const e = err as Error & { code?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', '57P01', '57P03'].includes(code);
}
