import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A conversation token is `v1.<conversationId>.<hmac>`: it proves the holder started (or was
 * linked to) that conversation, and opens nothing else.
 */
export function createTokenSigner(secret: string) {
  const mac = (conversationId: string) => createHmac('sha256', secret).update(`conversation:${conversationId}`).digest('base64url');
  return {
    sign: (conversationId: string) => `v1.${conversationId}.${mac(conversationId)}`,
    /** The conversation id the token opens, or null when it is not one of ours. */
    verify(token: string): string | null {
      const [v, id, sig] = token.split('.');
      if (v !== 'v1' || !id || !sig) return null;
      const expected = Buffer.from(mac(id));
      const given = Buffer.from(sig);
      return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
    },
  };
}

export type TokenSigner = ReturnType<typeof createTokenSigner>;
