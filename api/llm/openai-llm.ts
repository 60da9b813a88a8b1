import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type {
  GroundedAnswer,
  GroundingArticle,
  IntentChoice,
  Llm,
  LlmCallContext,
  LlmPurpose,
  ReplyDraft,
} from '../domain/llm/ports.js';
import type { Logger } from '../log.js';
import { parseAnswerOutput, visibleAnswerPrefix } from '../../prompts/answer.schema.js';
import { parseClassifyOutput } from '../../prompts/classify.schema.js';
import { parseDraftOutput } from '../../prompts/draft.schema.js';
import { parseSummaryOutput } from '../../prompts/summary.schema.js';
import { dataBlock, raw, renderPrompt, type RenderedPrompt } from '../../prompts/render.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { redactPii } from './redact.js';
import { estimateCostMicroUsd } from './pricing.js';

/** One call's token use, recorded per conversation. */
export interface LlmUsageRecord {
  conversationId: string | null;
  purpose: LlmPurpose;
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** Estimated cost in millionths of a US dollar (0 for unknown or local models). */
  costMicroUsd: number;
}

export interface LlmUsageSink {
  record(usage: LlmUsageRecord): Promise<void>;
}

export interface OpenAiLlmOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  embeddingModel: string;
  /** Overall deadline of one call, retries included. */
  timeoutMs: number;
  maxRetries: number;
  redactPii: boolean;
  breaker?: CircuitBreaker;
  usage?: LlmUsageSink;
  log: Logger;
  /** First retry waits up to this long (full jitter, doubling each time). */
  retryBaseMs?: number;
}

export class LlmTimeout extends Error {
  constructor() {
    super('The LLM did not answer in time.');
    this.name = 'LlmTimeout';
  }
}

export class LlmOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LlmOutputError';
  }
}

/** Article text sent to the model is capped: long articles cost tokens, not accuracy. */
const MAX_ARTICLE_CHARS = 6000;

const LANGUAGES: Record<string, string> = { en: 'English', fr: 'French' };
const languageName = (locale: string) => LANGUAGES[locale] ?? 'English';

/** The numbered <article> blocks prompts/answer.md and draft.md expect. */
export function articlesBlock(articles: GroundingArticle[]): string {
  if (articles.length === 0) return '(none)';
  return articles
    .map((a, i) => dataBlock('article', { n: i + 1, title: a.title }, a.text.slice(0, MAX_ARTICLE_CHARS)))
    .join('\n');
}

export function transcriptBlock(transcript: { role: string; body: string }[]): string {
  return transcript.map((m) => dataBlock('message', { from: m.role }, m.body)).join('\n');
}

/** The prompts, rendered from explicit variables (exported for the golden tests). */
export const prompts = {
  answer: (input: { question: string; articles: GroundingArticle[]; locale: string }) =>
    renderPrompt('answer', { language: languageName(input.locale), articles: raw(articlesBlock(input.articles)), question: input.question }),
  classify: (input: { question: string; candidates: IntentChoice[] }) =>
    renderPrompt('classify', {
      intents: raw(
        input.candidates
          .map((c) =>
            dataBlock('intent', { name: c.name }, [c.description || '(no description)', ...c.examples.map((e) => `Example: ${e}`)].join('\n')),
          )
          .join('\n'),
      ),
      question: input.question,
    }),
  summary: (input: { transcript: { role: string; body: string }[]; intentName: string | null; articlesShown: { title: string; helpful: boolean | null }[] }) =>
    renderPrompt('summary', {
      intent: input.intentName ?? 'unknown',
      articles_shown: raw(
        input.articlesShown.length
          ? input.articlesShown
              .map((a) => dataBlock('article', { helpful: a.helpful === null ? 'no answer' : a.helpful ? 'yes' : 'no' }, a.title))
              .join('\n')
          : '(none)',
      ),
      transcript: raw(transcriptBlock(input.transcript)),
    }),
  draft: (input: { transcript: { role: string; body: string }[]; articles: GroundingArticle[]; macros: { title: string; body: string }[]; brandVoice: string; locale: string }) =>
    renderPrompt('draft', {
      language: languageName(input.locale),
      brand_voice: input.brandVoice || 'Friendly, clear and concise.',
      articles: raw(articlesBlock(input.articles)),
      macros: raw(input.macros.length ? input.macros.map((m) => dataBlock('macro', { title: m.title }, m.body)).join('\n') : '(none)'),
      transcript: raw(transcriptBlock(input.transcript)),
    }),
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** 429, 5xx and dropped connections are worth another try; a timeout or a 4xx is not. */
function isRetryable(e: unknown): boolean {
  if (e instanceof APIUserAbortError || e instanceof APIConnectionTimeoutError) return false;
  if (e instanceof APIConnectionError) return true;
  if (e instanceof APIError) return e.status === 429 || (e.status !== undefined && e.status >= 500);
  return false;
}

function retryAfterMs(e: unknown): number | null {
  if (!(e instanceof APIError) || !e.headers) return null;
  const ms = Number(e.headers.get('retry-after-ms'));
  if (ms > 0) return ms;
  const s = Number(e.headers.get('retry-after'));
  return s > 0 ? s * 1000 : null;
}

/**
 * The LLM over any OpenAI-compatible endpoint. The SDK's own retries are off: this adapter retries
 * 429/5xx with full jitter inside one overall deadline, behind a circuit breaker, and redacts
 * personal data from everything it sends.
 */
export function createOpenAiLlm(options: OpenAiLlmOptions): Llm {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 0 });
  const breaker = options.breaker ?? createCircuitBreaker();
  const baseMs = options.retryBaseMs ?? 250;
  const { log } = options;

  const messagesOf = (p: RenderedPrompt): ChatCompletionMessageParam[] => [
    { role: 'system', content: p.system },
    { role: 'user', content: options.redactPii ? redactPii(p.user) : p.user },
  ];

  const record = async (ctx: LlmCallContext, purpose: LlmPurpose, model: string, promptTokens: number, completionTokens: number) => {
    if (!options.usage) return;
    try {
      await options.usage.record({
        conversationId: ctx.conversationId,
        purpose,
        model,
        promptTokens,
        completionTokens,
        costMicroUsd: estimateCostMicroUsd(model, promptTokens, completionTokens),
      });
    } catch (e) {
      log.warn('llm usage not recorded', { purpose, error: (e as Error).message });
    }
  };

  /**
   * Runs `attempt` with retries inside the deadline, through the breaker. `attempt` reports
   * whether it already showed something (a streamed delta): then a retry would repeat it, so none.
   */
  const call = async <T>(purpose: LlmPurpose, ctx: LlmCallContext, attempt: (signal: AbortSignal) => Promise<T>, started: () => boolean = () => false): Promise<T> => {
    const timeoutMs = ctx.timeoutMs ?? options.timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new LlmTimeout()), timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([deadline.signal, ctx.signal]) : deadline.signal;
    const until = Date.now() + timeoutMs;
    try {
      return await breaker.run(async () => {
        for (let n = 0; ; n++) {
          try {
            return await attempt(signal);
          } catch (e) {
            if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new LlmTimeout();
            if (n >= options.maxRetries || !isRetryable(e) || started()) throw e;
            const jitter = Math.random() * baseMs * 2 ** n;
            const wait = Math.max(jitter, retryAfterMs(e) ?? 0);
            if (Date.now() + wait >= until) throw e;
            log.info('llm retry', { purpose, attempt: n + 1, status: e instanceof APIError ? e.status : undefined, waitMs: Math.round(wait) });
            await sleep(wait, signal);
          }
        }
      });
    } catch (e) {
      // No message text at warn: an endpoint's error may echo the prompt (customer text).
      log.warn('llm call failed', { purpose, error: (e as Error).name, status: e instanceof APIError ? e.status : undefined, breaker: breaker.state });
      log.debug('llm call failed: detail', { purpose, message: (e as Error).message.slice(0, 300) });
      throw e;
    } finally {
      clearTimeout(timer);
    }
  };

  const complete = async (purpose: LlmPurpose, ctx: LlmCallContext, prompt: RenderedPrompt, params: { temperature: number; maxTokens: number }) =>
    call(purpose, ctx, async (signal) => {
      const res = await client.chat.completions.create(
        { model: options.model, messages: messagesOf(prompt), temperature: params.temperature, max_tokens: params.maxTokens },
        { signal, timeout: ctx.timeoutMs ?? options.timeoutMs },
      );
      const content = res.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new LlmOutputError('The completion had no text.');
      await record(ctx, purpose, res.model || options.model, res.usage?.prompt_tokens ?? 0, res.usage?.completion_tokens ?? 0);
      return content;
    });

  return {
    configured: true,

    async composeAnswer(input, ctx, onDelta): Promise<GroundedAnswer> {
      const prompt = prompts.answer(input);
      let shown = '';
      const text = await call(
        'answer',
        ctx,
        async (signal) => {
          const stream = await client.chat.completions.create(
            { model: options.model, messages: messagesOf(prompt), temperature: 0.2, max_tokens: 700, stream: true, stream_options: { include_usage: true } },
            { signal, timeout: ctx.timeoutMs ?? options.timeoutMs },
          );
          let text = '';
          let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
          let finish: string | null = null;
          for await (const chunk of stream) {
            finish = chunk.choices?.[0]?.finish_reason ?? finish;
            const delta = chunk.choices?.[0]?.delta?.content;
            if (delta) {
              text += delta;
              const visible = visibleAnswerPrefix(text);
              if (visible.length > shown.length && visible.startsWith(shown)) {
                onDelta?.(visible.slice(shown.length));
                shown = visible;
              }
            }
            if (chunk.usage) usage = chunk.usage;
          }
          // A connection dropped half-way may look like a clean end: only a finished answer counts.
          if (finish !== 'stop') throw new LlmOutputError(`The answer stream ended without finishing (${finish ?? 'cut off'}).`);
          if (!text.trim()) throw new LlmOutputError('The answer stream was empty.');
          await record(ctx, 'answer', options.model, usage?.prompt_tokens ?? Math.ceil(prompt.user.length / 4), usage?.completion_tokens ?? Math.ceil(text.length / 4));
          return text;
        },
        () => shown.length > 0,
      );
      const out = parseAnswerOutput(text, input.articles.length);
      return { supported: out.supported, answer: out.answer, citations: out.citations.map((i) => input.articles[i]!.id) };
    },

    async chooseIntent(input, ctx) {
      if (input.candidates.length === 0) return null;
      const text = await complete('classify', ctx, prompts.classify(input), { temperature: 0, maxTokens: 60 });
      const name = parseClassifyOutput(text, input.candidates.map((c) => c.name));
      if (name === null) log.info('llm classifier chose none', { conversationId: ctx.conversationId });
      return input.candidates.find((c) => c.name === name)?.id ?? null;
    },

    async summarise(input, ctx) {
      return parseSummaryOutput(await complete('summary', ctx, prompts.summary(input), { temperature: 0.2, maxTokens: 220 }));
    },

    async draftReply(input, ctx): Promise<ReplyDraft> {
      const out = parseDraftOutput(await complete('draft', ctx, prompts.draft(input), { temperature: 0.3, maxTokens: 700 }), input.articles.length);
      return { draft: out.draft, citations: out.citations.map((i) => input.articles[i]!.id) };
    },

    async embed(texts, ctx) {
      if (texts.length === 0) return [];
      return call('embed', ctx, async (signal) => {
        const res = await client.embeddings.create(
          { model: options.embeddingModel, input: texts.map((t) => (options.redactPii ? redactPii(t) : t)), encoding_format: 'float' },
          { signal, timeout: ctx.timeoutMs ?? options.timeoutMs },
        );
        const data = [...(res.data ?? [])].sort((a, b) => a.index - b.index);
        if (data.length !== texts.length || data.some((d) => !Array.isArray(d.embedding))) throw new LlmOutputError('Embeddings did not match the input.');
        await record(ctx, 'embed', options.embeddingModel, res.usage?.prompt_tokens ?? 0, 0);
        return data.map((d) => d.embedding as number[]);
      });
    },
  };
}
