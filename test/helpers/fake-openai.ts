import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A small OpenAI-compatible server on loopback, scripted per test: the real `openai` SDK talks to
 * it exactly as it would to api.openai.com, Azure, Ollama or vLLM. Every request is recorded, so a
 * test can assert what left Knowns (redaction, prompt layout) as well as what came back.
 */
export type FakeStep =
  /** A plain chat completion. */
  | { kind: 'chat'; content: string; usage?: Usage }
  /**
   * A streamed chat completion (SSE), one chunk per string; `breakAfter`: drop the connection after
   * that many chunks; `pauseAfter` + `resume`: after that many chunks, wait for `resume` to settle
   * (a test holds the stream open while it looks at what was shown so far, then lets it go on).
   */
  | { kind: 'stream'; chunks: string[]; breakAfter?: number; chunkDelayMs?: number; usage?: Usage; pauseAfter?: number; resume?: Promise<unknown> }
  /** An HTTP error (429, 500…), with an optional Retry-After in seconds. */
  | { kind: 'error'; status: number; retryAfter?: number }
  /** Never answers (the client's timeout must fire). */
  | { kind: 'hang' }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** Embeddings: the given vectors, or a deterministic one per input. */
  | { kind: 'embeddings'; vectors?: number[][] };

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** Which of Knowns' prompts a chat request carries (from its fixed system prompt). */
export type FakePurpose = 'answer' | 'classify' | 'summary' | 'draft' | 'embed' | 'other';

export interface FakeRequest {
  path: string;
  purpose: FakePurpose;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    temperature?: number;
    stream?: boolean;
    input?: string | string[];
  };
}

export interface FakeOpenAi {
  /** The base URL to give the SDK (OPENAI_BASE_URL). */
  baseURL: string;
  requests: FakeRequest[];
  /** Queues steps for requests of one purpose, answered in order; then the default applies. */
  script(purpose: FakePurpose, ...steps: FakeStep[]): void;
  /** The answer once a purpose's script is exhausted. */
  setDefault(purpose: FakePurpose, step: FakeStep | ((req: FakeRequest) => FakeStep)): void;
  /** Forgets scripts, defaults and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const SIGNATURES: [FakePurpose, RegExp][] = [
  ['answer', /You answer one customer question/],
  ['classify', /decide which topic a customer message is about/],
  ['summary', /You write hand-off notes/],
  ['draft', /You draft replies for customer-support agents/],
];

const purposeOf = (path: string, body: FakeRequest['body']): FakePurpose => {
  if (path.endsWith('/embeddings')) return 'embed';
  const system = body.messages?.find((m) => m.role === 'system')?.content ?? '';
  return SIGNATURES.find(([, re]) => re.test(system))?.[0] ?? 'other';
};

/** A deterministic unit vector from a text's character trigrams (similar texts, similar vectors). */
export function fakeEmbedding(text: string, dims = 64): number[] {
  const v = new Array<number>(dims).fill(0);
  const t = ` ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= t.length; i++) {
    let h = 2166136261;
    for (const ch of t.slice(i, i + 3)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    v[Math.abs(h) % dims]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

const DEFAULTS: Record<FakePurpose, FakeStep> = {
  answer: { kind: 'stream', chunks: ['UNSUPPORTED'] },
  classify: { kind: 'chat', content: '{"intent": "none"}' },
  summary: { kind: 'chat', content: 'The customer needs help; nothing was tried yet.' },
  draft: { kind: 'chat', content: 'Hello,\n\nThanks for writing in.\nSOURCES: none' },
  embed: { kind: 'embeddings' },
  other: { kind: 'error', status: 400 },
};

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queues = new Map<FakePurpose, FakeStep[]>();
  let defaults = new Map<FakePurpose, FakeStep | ((req: FakeRequest) => FakeStep)>();
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const usage = (u?: Usage): Usage => u ?? { prompt_tokens: 120, completion_tokens: 30 };

  const respond = async (req: FakeRequest, res: ServerResponse, step: FakeStep) => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const model = req.body.model ?? 'fake-model';
    switch (step.kind) {
      case 'hang':
        return; // the socket is destroyed on close
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
        return;
      case 'error':
        return json(
          step.status,
          { error: { message: `scripted ${step.status}`, type: 'fake_error', code: null } },
          step.retryAfter !== undefined ? { 'retry-after': String(step.retryAfter) } : {},
        );
      case 'embeddings': {
        const inputs = Array.isArray(req.body.input) ? req.body.input : [req.body.input ?? ''];
        return json(200, {
          object: 'list',
          model,
          data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: step.vectors?.[index] ?? fakeEmbedding(String(t)) })),
          usage: { prompt_tokens: inputs.join(' ').length, total_tokens: inputs.join(' ').length },
        });
      }
      case 'chat':
        return json(200, {
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: step.content }, finish_reason: 'stop' }],
          usage: { ...usage(step.usage), total_tokens: 0 },
        });
      case 'stream': {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
        const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
          id: 'chatcmpl-fake',
          object: 'chat.completion.chunk',
          created: 0,
          model,
          choices: [{ index: 0, delta, finish_reason: finish }],
        });
        for (let i = 0; i < step.chunks.length; i++) {
          if (step.pauseAfter === i && step.resume) await step.resume.catch(() => undefined);
          if (step.breakAfter !== undefined && i >= step.breakAfter) {
            // Let what was written reach the client first: it broke half-way, not before.
            await new Promise((r) => setTimeout(r, 50));
            res.socket?.destroy();
            return;
          }
          send(chunk(i === 0 ? { role: 'assistant', content: step.chunks[i] } : { content: step.chunks[i] }));
          if (step.chunkDelayMs) await new Promise((r) => setTimeout(r, step.chunkDelayMs));
        }
        send(chunk({}, 'stop'));
        send({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [], usage: { ...usage(step.usage), total_tokens: 0 } });
        res.end('data: [DONE]\n\n');
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      let body: FakeRequest['body'] = {};
      try {
        body = raw ? (JSON.parse(raw) as FakeRequest['body']) : {};
      } catch {
        /* recorded as empty */
      }
      const path = (req.url ?? '/').split('?')[0]!;
      const record: FakeRequest = { path, purpose: purposeOf(path, body), headers: req.headers, body };
      requests.push(record);
      const step = queues.get(record.purpose)?.shift() ?? (() => {
        const d = defaults.get(record.purpose) ?? DEFAULTS[record.purpose];
        return typeof d === 'function' ? d(record) : d;
      })();
      void respond(record, res, step);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(purpose, ...steps) {
      queues.set(purpose, [...(queues.get(purpose) ?? []), ...steps]);
    },
    setDefault(purpose, step) {
      defaults.set(purpose, step);
    },
    reset() {
      queues.clear();
      defaults = new Map();
      requests.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
