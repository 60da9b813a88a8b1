import { randomBytes } from 'node:crypto';
import { runLoad, type LoadFigures, type LoadSettings } from './load.js';
import { postMessage, startConversations, type ReplySummary, type StartedConversation } from './widget-api.js';

export const BENCH_QUESTION = 'How do I reset my password?';

export interface MessagesBenchOptions extends LoadSettings {
  siteKey: string;
  warmupS: number;
  /** Customer messages each conversation should receive, at most (roughly): keeps conversations realistic. */
  messagesPerConversation: number;
  minConversations: number;
}

export interface MessagesBenchFigures extends LoadFigures {
  conversations: number;
  /** Customer messages per conversation in the measured run (mean). */
  messagesPerConversation: number;
  warmup: { okPerSecond: number; latencyMsP99: number };
  /** The bot's reply to the bench question in a fresh conversation, and in a bench conversation after the run. */
  probe: { before: ReplySummary; after: ReplySummary };
}

const PATH_RE = '/v1/widget/conversations/%ID%/messages';

/**
 * The customer-facing hot path: `POST /v1/widget/conversations/:id/messages`, every request with
 * a fresh clientMessageId, rotating round-robin over a pool of conversations.
 *
 * The pool is sized from the warm-up rate so each conversation gets about
 * `messagesPerConversation` messages: the server reads the conversation's history on every
 * message, so a handful of conversations receiving thousands of messages would measure a
 * conversation no customer has.
 */
export async function benchMessages(url: string, o: MessagesBenchOptions): Promise<MessagesBenchFigures> {
  const runId = randomBytes(4).toString('hex');
  let seq = 0;
  const target = (pool: StartedConversation[], tag: string) => ({
    url,
    method: 'POST' as const,
    path: PATH_RE.replace('%ID%', pool[0].conversationId),
    headers: { 'content-type': 'application/json' },
    next: () => {
      const n = seq++;
      const conv = pool[n % pool.length];
      return {
        path: PATH_RE.replace('%ID%', conv.conversationId),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.token}` },
        body: JSON.stringify({ clientMessageId: `bench-${runId}-${tag}-${n}`, text: BENCH_QUESTION }),
      };
    },
  });

  const [fresh] = await startConversations(url, o.siteKey, 1);
  const before = await postMessage(url, fresh, `probe-${runId}-before`, BENCH_QUESTION);

  const warmPool = await startConversations(url, o.siteKey, o.minConversations);
  const warm = await runLoad(target(warmPool, 'w'), { connections: o.connections, duration: o.warmupS });
  if (warm.ok === 0) throw new Error(`warm-up got no 2xx responses (status codes ${JSON.stringify(warm.statusCodes)}, errors ${warm.errors})`);

  const expected = warm.okPerSecond * o.duration * 1.25;
  const n = Math.max(o.minConversations, Math.ceil(expected / o.messagesPerConversation));
  const pool = await startConversations(url, o.siteKey, n);
  seq = 0;
  const run = await runLoad(target(pool, 'm'), { connections: o.connections, duration: o.duration });

  const after = await postMessage(url, pool[0], `probe-${runId}-after`, BENCH_QUESTION);
  return {
    ...run,
    conversations: pool.length,
    messagesPerConversation: Math.round((run.requests / pool.length) * 10) / 10,
    warmup: { okPerSecond: warm.okPerSecond, latencyMsP99: warm.latencyMs.p99 },
    probe: { before, after },
  };
}
