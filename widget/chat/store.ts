/**
 * The chat's state and everything that changes it: the conversation (persisted, shared across
 * the site's tabs), the outbox of customer messages not yet confirmed, and the live event stream.
 *
 * Delivery guarantee: a message is written to the outbox (localStorage) before any request, and
 * leaves it only when the server has confirmed it. Network errors, 5xx and 429 keep it and retry
 * with backoff, and at once on `online`; the client-generated id makes every retry idempotent on
 * the server, and the UI de-duplicates by message id, so a message is never lost nor shown twice.
 */
import { ApiError, api, isRetryable } from '../shared/api';
import type { Identity } from '../shared/bridge';
import type { WireMessage } from '../shared/api';
import { backoff } from './backoff';
import { load, merge, parse, replace, save, storageKey, unionMessages, type Persisted } from './storage';
import { uuid } from './uuid';

export interface ChatOptions {
  siteKey: string;
  /** The host page's verified origin, sent so the API can check it against the site's allowed origins. */
  origin: string | undefined;
  lang: string;
  onUnread(count: number): void;
  onTheme(color: string): void;
}

export interface ChatState extends Persisted {
  open: boolean;
  /** Bumped on every open so the composer can take focus. */
  openSeq: number;
  /** The site refused us (origin not allowed, unknown site): nothing will work. */
  unavailable: boolean;
  /** clientMessageId of the message being posted right now. */
  sending: string | null;
  /** The last attempt failed; a retry is scheduled. */
  waiting: boolean;
  online: boolean;
  agentTyping: boolean;
  identity: Identity | null;
  /** Bot replies still being written (`event: delta`), until their stored message arrives. Not persisted. */
  streaming: Streaming[];
}

/** A reply being streamed: the text so far, and pieces that arrived ahead of their turn. */
export interface Streaming {
  id: string;
  text: string;
  /** The index of the next piece to apply. */
  next: number;
  early: Record<number, string>;
}

export type Chat = ReturnType<typeof createChat>;

export const MAX_TEXT = 4000;

export function createChat(opts: ChatOptions) {
  const { siteKey } = opts;
  let state: ChatState = {
    ...load(siteKey),
    open: false,
    openSeq: 0,
    unavailable: false,
    sending: null,
    waiting: false,
    online: navigator.onLine !== false,
    agentTyping: false,
    identity: null,
    streaming: [],
  };
  const listeners = new Set<() => void>();
  const known = new Set(state.messages.map((m) => m.id));
  let unread = 0;
  let started = false;
  let pumping = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let page: string | undefined;
  let events: EventSource | null = null;
  let eventsFor = '';
  let eventsRetry = 0;
  let lastColor = '';
  /** Streams that ended without a stored message of theirs: a late piece must not revive them. */
  const ended = new Set<string>();

  const persisted = (): Persisted => ({
    v: 1,
    visitorId: state.visitorId,
    conversationId: state.conversationId,
    token: state.token,
    site: state.site,
    ticket: state.ticket,
    messages: state.messages,
    outbox: state.outbox,
  });

  const set = (patch: Partial<ChatState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  /** Take a persisted state as ours: count what is new for the unread badge, restyle, reconnect. */
  const adopt = (p: Persisted) => {
    let fresh = 0;
    for (const m of p.messages) {
      if (known.has(m.id)) continue;
      known.add(m.id);
      if (m.role !== 'customer') fresh++;
    }
    if (fresh && !state.open && started) {
      unread += fresh;
      opts.onUnread(unread);
    }
    const agentSpoke = p.messages.slice(-1)[0]?.role === 'agent';
    // A stored message replaces its streamed draft, whatever the draft said (a fallback wins).
    const streaming = state.streaming.filter((x) => !known.has(x.id));
    set({ ...p, agentTyping: agentSpoke ? false : state.agentTyping, streaming });
    const color = p.site?.color;
    if (color && color !== lastColor) {
      lastColor = color;
      opts.onTheme(color);
    }
    connectEvents();
  };

  /** Change persisted fields: merged with other tabs' writes, then adopted. */
  const commit = (patch: Partial<Persisted>) => adopt(save(siteKey, { ...persisted(), ...patch }));

  const receive = (list: WireMessage[]) => {
    const ticket = list.reduce<Persisted['ticket']>((t, m) => m.ticket || t, state.ticket);
    commit({ messages: unionMessages(state.messages, list), ticket });
  };

  /** The stored conversation is dead for us (bad token, gone): forget it, keep the outbox. */
  const resetConversation = () => {
    events?.close();
    events = null;
    eventsFor = '';
    const next: Persisted = { ...persisted(), conversationId: undefined, token: undefined, messages: [], ticket: null };
    replace(siteKey, next);
    set({ ...next, streaming: [] });
  };

  const isGone = (e: unknown) => e instanceof ApiError && (e.status === 401 || e.status === 404);

  async function startConversation() {
    let r;
    try {
      r = await api.start({
        siteKey,
        visitorId: state.visitorId,
        page,
        locale: opts.lang,
        origin: opts.origin,
      });
    } catch (e) {
      if (!isRetryable(e)) set({ unavailable: true });
      throw e;
    }
    // Another tab may have created one while we waited: join it rather than split the visitor.
    const stored = load(siteKey);
    if (stored.conversationId) return adopt(merge(persisted(), stored));
    commit({
      conversationId: r.conversationId,
      token: r.token,
      visitorId: r.visitorId,
      site: r.site,
      messages: r.messages,
      ticket: null,
    });
  }

  /** Deliver the outbox, in order, one message at a time (replies depend on order). */
  async function pump(): Promise<void> {
    if (pumping || state.unavailable) return;
    // A conversation is only created once the visitor has opened the chat.
    if (!state.conversationId && !started) return;
    clearTimeout(timer);
    pumping = true;
    let resets = 0;
    try {
      for (;;) {
        if (!state.conversationId) await startConversation();
        const next = state.outbox.find((o) => !o.failed);
        if (!next) break;
        set({ sending: next.clientMessageId });
        try {
          const r = await api.send(state.conversationId!, state.token!, {
            clientMessageId: next.clientMessageId,
            text: next.text,
            ...(next.intentId ? { intentId: next.intentId } : {}),
          });
          // Delivered: the message leaves the outbox as its confirmed copy enters the log.
          const messages = unionMessages(state.messages, [r.message, ...r.replies]);
          commit({ messages, outbox: state.outbox.filter((o) => o.clientMessageId !== next.clientMessageId) });
          // The replies are final now; a draft with no stored message of its id has nothing left to wait for.
          for (const x of state.streaming) ended.add(x.id);
          if (state.streaming.length) set({ streaming: [] });
        } catch (e) {
          if (isGone(e) && resets++ < 1) {
            resetConversation();
            continue;
          }
          if (e instanceof ApiError && !e.retryable) {
            // Refused for good (validation): show it as failed, never retry it.
            commit({ outbox: state.outbox.map((o) => (o === next ? { ...o, failed: true } : o)) });
            continue;
          }
          throw e;
        }
      }
      attempt = 0;
      set({ waiting: false });
    } catch (e) {
      if (isRetryable(e)) {
        set({ waiting: true });
        timer = setTimeout(pump, backoff(attempt++, e instanceof ApiError ? e.retryAfter : null));
      }
    } finally {
      pumping = false;
      set({ sending: null });
    }
  }

  /** Catch up with the server (agent replies while we were away, tickets). */
  async function refresh() {
    const { conversationId, token } = state;
    if (!conversationId || !token) return;
    try {
      const r = await api.get(conversationId, token);
      if (r.conversationId !== state.conversationId) return;
      commit({ messages: unionMessages(state.messages, r.messages), ticket: r.ticket });
    } catch (e) {
      if (isGone(e) && conversationId === state.conversationId) {
        resetConversation();
        if (started) void pump();
      }
    }
  }

  /** A piece of a reply still being written: applied in index order, once each, until the message is stored. */
  function delta(id: string, index: number, text: string) {
    if (known.has(id) || ended.has(id)) return;
    const cur = state.streaming.find((x) => x.id === id) ?? { id, text: '', next: 0, early: {} };
    if (index < cur.next || index in cur.early) return;
    const early = { ...cur.early, [index]: text };
    let { text: body, next } = cur;
    while (next in early) {
      body += early[next];
      delete early[next++];
    }
    const x: Streaming = { id, text: body, next, early };
    set({ streaming: state.streaming.some((y) => y.id === id) ? state.streaming.map((y) => (y.id === id ? x : y)) : [...state.streaming, x] });
  }

  /** Live messages (agent replies, other tabs) over SSE; EventSource resumes with Last-Event-ID. */
  function connectEvents() {
    const { conversationId, token } = state;
    if (!conversationId || !token || typeof EventSource === 'undefined') return;
    if (events && eventsFor === conversationId) return;
    events?.close();
    eventsFor = conversationId;
    // Resume after what we already hold; `refresh()` on open covers anything committed out of order.
    const lastSeq = state.messages.reduce((max, m) => Math.max(max, m.seq), 0);
    const es = (events = new EventSource(api.eventsUrl(conversationId, token, lastSeq)));
    es.addEventListener('message', (e) => {
      try {
        const m = JSON.parse((e as MessageEvent<string>).data) as WireMessage;
        if (m && typeof m.id === 'string') receive([m]);
      } catch {
        /* ignore a malformed event rather than drop the stream */
      }
    });
    es.addEventListener('delta', (e) => {
      try {
        const d = JSON.parse((e as MessageEvent<string>).data) as { messageId?: unknown; index?: unknown; text?: unknown };
        if (typeof d.messageId === 'string' && typeof d.text === 'string' && Number.isInteger(d.index)) {
          delta(d.messageId, d.index as number, d.text);
        }
      } catch {
        /* ignore */
      }
    });
    es.addEventListener('typing', (e) => {
      try {
        set({ agentTyping: !!(JSON.parse((e as MessageEvent<string>).data) as { typing?: boolean }).typing });
      } catch {
        /* ignore */
      }
    });
    es.onopen = () => {
      eventsRetry = 0;
      void refresh();
    };
    es.onerror = () => {
      // While CONNECTING the browser retries by itself; CLOSED means the server refused the stream.
      if (es.readyState !== EventSource.CLOSED || events !== es) return;
      events = null;
      eventsFor = '';
      setTimeout(() => {
        void refresh().then(connectEvents);
      }, backoff(Math.min(eventsRetry++, 6), null));
    };
  }

  window.addEventListener('storage', (e) => {
    if (e.key === storageKey(siteKey)) adopt(merge(persisted(), parse(e.newValue)));
  });
  window.addEventListener('online', () => {
    attempt = 0;
    set({ online: true });
    void pump();
    void refresh();
  });
  window.addEventListener('offline', () => set({ online: false }));

  // A conversation from an earlier visit (or another tab): reconnect and deliver what is pending.
  if (state.conversationId) {
    connectEvents();
    void pump();
  }

  return {
    get state() {
      return state;
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    open(hostPage?: string) {
      if (hostPage) page = hostPage;
      unread = 0;
      opts.onUnread(0);
      set({ open: true, openSeq: state.openSeq + 1 });
      if (!started) {
        started = true;
        void pump();
      }
    },
    close() {
      set({ open: false });
    },
    identify(identity: Identity) {
      set({ identity });
    },
    send(text: string, intentId?: string) {
      const body = text.trim().slice(0, MAX_TEXT);
      if (!body) return;
      const item = { clientMessageId: uuid(), text: body, intentId, createdAt: new Date().toISOString() };
      commit({ outbox: [...state.outbox, item] });
      attempt = 0;
      void pump();
    },
    async feedback(messageId: string, helpful: boolean): Promise<WireMessage[]> {
      const r = await api.feedback(state.conversationId!, state.token!, { messageId, helpful });
      const marked = state.messages.map((m) => (m.id === messageId ? { ...m, feedback: helpful } : m));
      receive([...marked, ...r.replies]);
      return r.replies;
    },
    async contact(name: string, email: string) {
      const r = await api.contact(state.conversationId!, state.token!, {
        ...(name ? { name } : {}),
        email,
        consent: true,
      });
      commit({ ticket: r.ticket, messages: unionMessages(state.messages, r.messages) });
    },
  };
}
