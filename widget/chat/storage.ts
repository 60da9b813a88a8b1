/**
 * The conversation as persisted in the iframe's localStorage, keyed by site key.
 *
 * The iframe's storage is partitioned by the top-level site (Chrome, Firefox, Safari), so this is
 * exactly "this visitor, on this website": it survives reloads and is shared by the site's other
 * tabs, which see each other's writes through the `storage` event.
 *
 * Tabs write concurrently, so every write is read-merge-write and merging is commutative:
 * messages are a union by id, the outbox a union by client id minus what the server confirmed.
 * The server's idempotency on clientMessageId makes a message sent by two tabs harmless.
 */
import type { WireMessage, WireTicket } from '../shared/api';

/** A customer message not yet confirmed by the server. */
export interface Outgoing {
  clientMessageId: string;
  text: string;
  intentId?: string;
  createdAt: string;
  /** Refused by the server for good (4xx validation): shown as failed, never retried. */
  failed?: boolean;
}

export interface Persisted {
  v: 1;
  visitorId?: string;
  conversationId?: string;
  token?: string;
  site?: { name: string; color: string };
  ticket?: WireTicket | null;
  messages: WireMessage[];
  outbox: Outgoing[];
}

export const empty = (): Persisted => ({ v: 1, messages: [], outbox: [] });

export const storageKey = (siteKey: string) => `knowns:v1:${siteKey}`;

// Storage may be missing or throw (blocked third-party storage, private modes, quota): the chat
// then works for the life of the frame, in memory.
let memory: string | null = null;

export function load(siteKey: string): Persisted {
  let raw: string | null = memory;
  try {
    raw = localStorage.getItem(storageKey(siteKey));
  } catch {
    /* use memory */
  }
  return parse(raw);
}

export function parse(raw: string | null): Persisted {
  if (!raw) return empty();
  try {
    const p = JSON.parse(raw) as Persisted;
    if (p && p.v === 1 && Array.isArray(p.messages) && Array.isArray(p.outbox)) return p;
  } catch {
    /* corrupt: start over rather than crash */
  }
  return empty();
}

/** Write our state merged with what other tabs wrote since; returns the merged state. */
export function save(siteKey: string, mine: Persisted): Persisted {
  return replace(siteKey, merge(mine, load(siteKey)));
}

/** Write without merging: used when the stored conversation is known to be dead (401/404). */
export function replace(siteKey: string, state: Persisted): Persisted {
  const raw = JSON.stringify(state);
  memory = raw;
  try {
    localStorage.setItem(storageKey(siteKey), raw);
  } catch {
    /* memory only */
  }
  return state;
}

export function sortMessages(list: WireMessage[]): WireMessage[] {
  return list.sort((a, b) => a.seq - b.seq || a.createdAt.localeCompare(b.createdAt));
}

/** Union by id; a version that carries the customer's feedback wins over one that does not. */
export function unionMessages(a: WireMessage[], b: WireMessage[]): WireMessage[] {
  const byId = new Map<string, WireMessage>();
  for (const m of [...a, ...b]) {
    const prev = byId.get(m.id);
    if (!prev || (prev.feedback === null && m.feedback !== null)) byId.set(m.id, m);
  }
  return sortMessages([...byId.values()]);
}

/** Merge two views of the same visitor's state. Commutative, so tabs converge. */
export function merge(a: Persisted, b: Persisted): Persisted {
  // Two tabs that both created a conversation at once: both keep the same one (smallest id).
  let conv: Persisted = a;
  let other: Persisted = b;
  if (!a.conversationId || (b.conversationId && b.conversationId < a.conversationId)) {
    conv = b;
    other = a;
  }
  const same = conv.conversationId === other.conversationId;
  const messages = same ? unionMessages(conv.messages, other.messages) : conv.messages;
  const confirmed = new Set(messages.map((m) => m.clientMessageId));
  const outbox = new Map<string, Outgoing>();
  for (const o of [...conv.outbox, ...other.outbox]) {
    const prev = outbox.get(o.clientMessageId);
    if (!confirmed.has(o.clientMessageId) && (!prev || o.failed)) outbox.set(o.clientMessageId, o);
  }
  return {
    v: 1,
    visitorId: a.visitorId || b.visitorId,
    conversationId: conv.conversationId,
    token: conv.token,
    site: conv.site || (same ? other.site : undefined),
    ticket: conv.ticket || (same ? other.ticket : null) || null,
    messages,
    outbox: [...outbox.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt)),
  };
}
