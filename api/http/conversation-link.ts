import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A link that reopens a conversation in any browser (the one in reply emails):
 * `l1.<conversationId>.<expires, unix seconds>.<hmac>`. Unlike a conversation token it expires,
 * and it is only ever exchanged for a conversation token by `GET /c/:link`.
 */
export function createLinkSigner(secret: string, ttlMs: number, now: () => number = Date.now) {
  const mac = (id: string, exp: number) => createHmac('sha256', secret).update(`link:${id}:${exp}`).digest('base64url');
  return {
    sign(conversationId: string): string {
      const exp = Math.floor((now() + ttlMs) / 1000);
      return `l1.${conversationId}.${exp}.${mac(conversationId, exp)}`;
    },
    verify(link: string): { conversationId: string } | 'expired' | null {
      const [v, id, expRaw, sig] = link.split('.');
      const exp = Number(expRaw);
      if (v !== 'l1' || !id || !sig || !Number.isInteger(exp)) return null;
      const expected = Buffer.from(mac(id, exp));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      return exp * 1000 < now() ? 'expired' : { conversationId: id };
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;
