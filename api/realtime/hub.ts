import type { ConversationEvents } from '../domain/conversations/ports.js';
import type { Logger } from '../log.js';

/** One event on the realtime channel. Small: listeners re-read the database for content. */
export type RealtimeEvent =
  | { type: 'messages'; conversationId: string }
  | { type: 'typing'; conversationId: string; typing: boolean }
  /** A piece of a reply still being written (streamed LLM answer); `index` counts from 0 per message. */
  | { type: 'delta'; conversationId: string; messageId: string; index: number; text: string };

export interface RealtimeTransport {
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
}

export interface RealtimeHub extends ConversationEvents {
  publish(event: RealtimeEvent): Promise<void>;
  subscribe(conversationId: string, listener: (event: RealtimeEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'knowns_events';

/**
 * Fan-out through PostgreSQL LISTEN/NOTIFY (PGlite's in-process equivalent when embedded), so
 * every API process on one database hears every change. Local listeners are also told at once:
 * a listener may hear an event twice, which is harmless because it re-reads by cursor.
 */
export async function createRealtimeHub(transport: RealtimeTransport, log: Logger): Promise<RealtimeHub> {
  const listeners = new Map<string, Set<(event: RealtimeEvent) => void>>();
  const deliver = (event: RealtimeEvent) => {
    for (const l of listeners.get(event.conversationId) ?? []) {
      try {
        l(event);
      } catch (e) {
        log.warn('realtime listener failed', { error: (e as Error).message });
      }
    }
  };
  const unlisten = await transport.listen(CHANNEL, (payload) => {
    try {
      deliver(JSON.parse(payload) as RealtimeEvent);
    } catch {
      log.warn('realtime: ignored a malformed notification');
    }
  });
  const hub: RealtimeHub = {
    async publish(event) {
      deliver(event);
      try {
        await transport.notify(CHANNEL, JSON.stringify(event));
      } catch (e) {
        // The change is stored; other processes catch up on their next event or reconnect.
        log.warn('realtime notify failed', { error: (e as Error).message });
      }
    },
    messagesAdded(conversationId) {
      return hub.publish({ type: 'messages', conversationId });
    },
    replyDelta(conversationId, messageId, index, text) {
      return hub.publish({ type: 'delta', conversationId, messageId, index, text });
    },
    subscribe(conversationId, listener) {
      let set = listeners.get(conversationId);
      if (!set) listeners.set(conversationId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(conversationId);
      };
    },
    async close() {
      listeners.clear();
      await unlisten().catch(() => undefined);
    },
  };
  return hub;
}
