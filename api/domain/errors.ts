/**
 * One error type for faults and refusals, with a closed set of codes. The HTTP layer maps each
 * code to a status (exhaustively, see api/http/problem.ts). Expected outcomes (no match, needs
 * contact) are values, never errors.
 */
export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'origin_not_allowed',
  'not_found',
  'site_not_found',
  'conversation_not_found',
  'message_not_found',
  'ticket_not_found',
  'user_not_found',
  'article_not_found',
  'intent_not_found',
  'macro_not_found',
  'idempotency_conflict',
  'conflict',
  'reply_required',
  'link_expired',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'llm_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { retryAfterSeconds?: number; fields?: { path: string; message: string }[] },
  ) {
    super(message);
    this.name = 'AppError';
  }
}
