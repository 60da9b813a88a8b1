/**
 * The chat app's side of the postMessage bridge with the loader on the host page.
 *
 * The loader tells us the host page's origin in `?origin=`. We do not take its word for it: the
 * browser's own `location.ancestorOrigins` (or, where missing, the referrer) must agree, and then
 * every message we send targets exactly that origin and every message we accept must come from it
 * and from our parent window. The server adds a `frame-ancestors` CSP, so a page whose origin is
 * not allowed cannot even render this frame.
 */
import { NS, isBridgeMessage, type Identity, type ToFrame, type ToHost } from '../shared/bridge';

export type Embedding =
  | { kind: 'framed'; origin: string }
  | { kind: 'standalone' }
  | { kind: 'refused' };

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export function detectEmbedding(params: URLSearchParams): Embedding {
  if (window.parent === window) return { kind: 'standalone' };
  const claimed = params.get('origin');
  if (!claimed || originOf(claimed) !== claimed) return { kind: 'refused' };
  const ancestors = location.ancestorOrigins;
  const actual =
    ancestors && ancestors.length ? ancestors[0] : document.referrer ? originOf(document.referrer) : null;
  // No ancestorOrigins and no referrer (Firefox with a no-referrer policy): nothing contradicts the
  // claim, and postMessage with that target origin only reaches a parent that really has it.
  if (actual !== null && actual !== claimed) return { kind: 'refused' };
  return { kind: 'framed', origin: claimed };
}

export interface HostHandlers {
  open(page: string | undefined): void;
  close(): void;
  identify(identity: Identity): void;
}

export interface Host {
  send(msg: ToHost): void;
}

export function connectHost(embedding: Embedding, handlers: HostHandlers): Host {
  if (embedding.kind !== 'framed') return { send() {} };
  const { origin } = embedding;
  const send = (msg: ToHost) => window.parent.postMessage(msg, origin);
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || e.origin !== origin || !isBridgeMessage(e.data)) return;
    const m = e.data as ToFrame;
    if (m.type === 'open') handlers.open(typeof m.page === 'string' ? m.page : undefined);
    else if (m.type === 'close') handlers.close();
    else if (m.type === 'identify' && m.identity && typeof m.identity === 'object') {
      const { email, name } = m.identity;
      handlers.identify({
        email: typeof email === 'string' ? email : undefined,
        name: typeof name === 'string' ? name : undefined,
      });
    }
  });
  send({ ns: NS, type: 'ready' });
  return { send };
}
