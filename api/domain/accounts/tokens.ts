import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret (cookie value, CSRF token). */
export const newSecret = () => randomBytes(32).toString('base64url');

/** Sessions are stored by the SHA-256 of their token: the table alone opens nothing. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
