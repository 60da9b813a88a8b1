/** The few widget API calls the bench makes outside the load run, over real HTTP. */

export interface StartedConversation {
  conversationId: string;
  token: string;
}

export interface ReplySummary {
  status: number;
  replies: number;
  quadrant: string | null;
  intent: string | null;
  article: string | null;
}

async function json(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

export async function startConversation(baseUrl: string, siteKey: string): Promise<StartedConversation> {
  const res = await fetch(`${baseUrl}/v1/widget/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ siteKey }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await json(res, 'POST /v1/widget/conversations')) as Partial<StartedConversation>;
  if (typeof body.conversationId !== 'string' || typeof body.token !== 'string') {
    throw new Error(`POST /v1/widget/conversations: no conversationId/token in ${JSON.stringify(body).slice(0, 200)}`);
  }
  return { conversationId: body.conversationId, token: body.token };
}

/** Starts `n` conversations, `parallel` at a time. */
export async function startConversations(baseUrl: string, siteKey: string, n: number, parallel = 10): Promise<StartedConversation[]> {
  const out: StartedConversation[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      out.push(await startConversation(baseUrl, siteKey));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, worker));
  return out;
}

interface WireReply {
  decision?: { quadrant?: string; intentName?: string | null } | null;
  article?: { title?: string } | null;
}

/** Posts one message and summarises the bot's first reply (a correctness probe, not a timing). */
export async function postMessage(baseUrl: string, conv: StartedConversation, clientMessageId: string, text: string): Promise<ReplySummary> {
  const res = await fetch(`${baseUrl}/v1/widget/conversations/${conv.conversationId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.token}` },
    body: JSON.stringify({ clientMessageId, text }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await json(res, 'POST …/messages')) as { replies?: WireReply[] };
  const first = body.replies?.find((r) => r.decision) ?? body.replies?.[0];
  return {
    status: res.status,
    replies: body.replies?.length ?? 0,
    quadrant: first?.decision?.quadrant ?? null,
    intent: first?.decision?.intentName ?? null,
    article: first?.article?.title ?? null,
  };
}
