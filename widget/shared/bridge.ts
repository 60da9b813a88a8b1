/**
 * The postMessage protocol between the loader (host page) and the chat app (iframe).
 *
 * Every message is an object tagged with `ns: 'knowns'` so that other scripts' messages on the
 * same window are ignored. Both sides also check `event.origin` and `event.source`; the tag is
 * only a namespace, never a credential.
 */
export const NS = 'knowns';

export interface Identity {
  email?: string;
  name?: string;
}

/** Loader → chat app. */
export type ToFrame =
  /** `page`: the host page's URL without query or fragment, for the agent's context. */
  | { ns: typeof NS; type: 'open'; page?: string }
  | { ns: typeof NS; type: 'close' }
  | { ns: typeof NS; type: 'identify'; identity: Identity };

/** Chat app → loader. */
export type ToHost =
  | { ns: typeof NS; type: 'ready' }
  | { ns: typeof NS; type: 'close' }
  | { ns: typeof NS; type: 'theme'; color: string }
  | { ns: typeof NS; type: 'unread'; count: number };

/** Narrow an unknown `event.data` to a namespaced message (shape only; origins are checked by the caller). */
export function isBridgeMessage(data: unknown): data is { ns: typeof NS; type: string } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { ns?: unknown }).ns === NS &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}

/** A colour the loader accepts from the frame for the launcher (hex only: nothing can smuggle CSS). */
export const COLOR_RE = /^#[0-9a-f]{3,8}$/i;
