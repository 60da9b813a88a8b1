import type { ConversationEvents } from '../domain/conversations/ports.js';
import type { Logger } from '../log.js';
import { createNotifyBatcher, parsePayload } from './notify-batcher.js';

/** One event on the realtime channel. Small: listeners re-read the database for content. */
export type RealtimeEvent =
  | { type: 'messages'; conversationId: string }
  | { type: 'typing'; conversationId: string; typing: boolean }
  /** A piece of a reply still being written (streamed LLM answer); `index` counts from 0 per message. */
  | { type: 'delta'; conversationId: string; messageId: string; index: number; text: string }
  /** A ticket changed (status, assignee, priority…): the console's inbox and ticket views re-read it. */
  | { type: 'ticket'; conversationId: string; ticketId: string };

export interface RealtimeTransport {
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
}

export interface RealtimeHub extends ConversationEvents {
  publish(event: RealtimeEvent): Promise<void>;
  subscribe(conversationId: string, listener: (event: RealtimeEvent) => void): () => void;
  /** Every event of every conversation (the console's live inbox). */
  subscribeAll(listener: (event: RealtimeEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'knowns_events';

/**
 * Fan-out through PostgreSQL LISTEN/NOTIFY (PGlite's in-process equivalent when embedded), so
 * every API process on one database hears every change, this one included (a process hears its own
 * notifications), so each listener hears each event once.
 */
export async function createRealtimeHub(transport: RealtimeTransport, log: Logger): Promise<RealtimeHub> {
  const listeners = new Map<string, Set<(event: RealtimeEvent) => void>>();
  const everything = new Set<(event: RealtimeEvent) => void>();
  const deliver = (event: RealtimeEvent) => {
    for (const l of [...(listeners.get(event.conversationId) ?? []), ...everything]) {
      try {
        l(event);
      } catch (e) {
        log.warn('realtime listener failed', { error: (e as Error).message });
      }
    }
  };
  const unlisten = await transport.listen(CHANNEL, (payload) => {
    try {
      for (const event of parsePayload<RealtimeEvent>(payload)) deliver(event);
    } catch {
      log.warn('realtime: ignored a malformed notification');
    }
  });
  const notify = createNotifyBatcher<RealtimeEvent>((payload) => transport.notify(CHANNEL, payload));
  const hub: RealtimeHub = {
    async publish(event) {
      // Every process, this one included, hears the event through the database: once.
      try {
        await notify(event);
      } catch (e) {
        // The change is stored; this process's listeners still hear it, others catch up on their next event.
        log.warn('realtime notify failed', { error: (e as Error).message });
        deliver(event);
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
    subscribeAll(listener) {
      everything.add(listener);
      return () => everything.delete(listener);
    },
    async close() {
      listeners.clear();
      everything.clear();
      await unlisten().catch(() => undefined);
    },
  };
  return hub;
}
