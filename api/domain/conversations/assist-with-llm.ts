import type { Brain } from '../knowledge/brain.js';
import type { GroundingArticle, IntentChoice, LlmCallContext } from '../llm/ports.js';
import type { SemanticMatch } from '../llm/semantic-index.js';
import type { Decision } from '../routing/types.js';
import { composeReplies } from './compose-replies.js';
import { copyFor } from './copy.js';
import type { ConversationDeps } from './deps.js';
import type { Conversation, NewReply } from './model.js';

/** Articles an LLM answer may be grounded in, at most. */
export const MAX_GROUNDING_ARTICLES = 3;
/** Example questions shown to the classifier per candidate intent. */
const EXAMPLES_PER_INTENT = 3;
export const DEFAULT_LLM_BUDGET_MS = 8000;

export interface AssistInput {
  conversation: Conversation;
  question: string;
  decision: Decision;
  brain: Brain;
  /** The id the reply will be stored with: streamed deltas carry it. */
  replyId: string;
}

/**
 * With an LLM configured, a Known-Unknown (or a contact request that still has related articles)
 * gets more than "did you mean…": first the model may pick one of the candidate intents (a closed
 * set, validated), else it composes an answer from the related articles' published text, cited,
 * streamed to the widget as it is written. Returns null whenever the deterministic reply should go
 * out instead: no LLM, nothing to work from, or any fault within the budget.
 */
export async function assistWithLlm(deps: ConversationDeps, input: AssistInput): Promise<NewReply[] | null> {
  const { llm, semantic } = deps;
  const { decision, brain, conversation } = input;
  if (!llm?.configured || decision.handoff) return null;
  // Known-Unknown, or a contact request the engine still found related material for; an
  // Unknown-Unknown only when semantic retrieval finds articles the lexical engine did not.
  const unknown = decision.action === 'escalate';
  if (decision.action !== 'clarify' && decision.action !== 'collect-contact' && !(unknown && semantic)) return null;

  const candidates = unknown ? [] : intentChoices(brain, decision, input.question);
  let articles = unknown ? [] : groundingArticles(brain, decision);
  if (candidates.length === 0 && articles.length === 0 && !semantic) return null;
  const trace = [...decision.trace];

  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(new Error('LLM budget spent')), deps.llmBudgetMs ?? DEFAULT_LLM_BUDGET_MS);
  const ctx: LlmCallContext = { conversationId: conversation.id, signal: budget.signal };
  try {
    // (a) Classification help: the model picks among the engine's own candidates, or none.
    if (candidates.length > 0) {
      const chosenId = await llm.chooseIntent({ question: input.question, candidates }, ctx).catch(() => null);
      const chosen = chosenId ? brain.intents.get(chosenId) : undefined;
      if (chosen) {
        const answered: Decision = {
          ...decision,
          quadrant: 'known-known',
          action: 'answer',
          intentId: chosen.id,
          articleId: null,
          confidence: decision.candidates.find((c) => c.id === chosen.id)?.score ?? decision.confidence,
          trace: [...decision.trace, { stage: 'llm-classifier', detail: `The LLM chose "${chosen.name}" among ${candidates.map((c) => `"${c.name}"`).join(', ')}.` }],
        };
        const replies = composeReplies(answered, brain, conversation.locale, null);
        // Only an actual answer is an improvement; "a person will answer" is what we had anyway.
        if (replies.length > 0 && !replies[0]!.meta.askContact) return replies;
      }
    }
    // Semantic retrieval beside the lexical one: related articles the engine's words missed.
    if (semantic && !budget.signal.aborted) {
      const matches = await semantic.search(conversation.siteId, brain, input.question, ctx).catch(() => []);
      const found = articlesFromMatches(brain, matches).filter((a) => !articles.some((b) => b.id === a.id));
      if (found.length > 0) {
        articles = [...articles, ...found].slice(0, MAX_GROUNDING_ARTICLES);
        const scores = Object.fromEntries(matches.map((m) => [`${m.kind}:${m.refId}`, Math.round(m.score * 1000) / 1000]));
        trace.push({ stage: 'semantic-retrieval', detail: `Embeddings found ${found.map((a) => `"${a.title}"`).join(', ')}.`, scores });
      }
    }
    if (articles.length === 0 || budget.signal.aborted) return null;

    // (b) A grounded answer, streamed.
    let index = 0;
    let deltas = Promise.resolve();
    const onDelta = (text: string) => {
      const i = index++;
      deltas = deltas.then(() => deps.events.replyDelta?.(conversation.id, input.replyId, i, text)).catch(() => undefined);
    };
    const result = await llm.composeAnswer({ question: input.question, articles, locale: conversation.locale }, ctx, onDelta);
    await deltas;
    const copy = copyFor(conversation.locale);
    const titles = articles.map((a) => `"${a.title}"`).join(', ');
    if (!result.supported) {
      return [
        {
          role: 'bot',
          body: copy.llmUnsupported,
          decision: { ...decision, trace: [...trace, { stage: 'llm-answer', detail: `The LLM found no answer in ${titles}: contact form offered.` }] },
          meta: { askContact: true },
        },
      ];
    }
    const cited = result.citations.map((id) => brain.articles.get(id)).filter((a) => a !== undefined);
    if (cited.length === 0) return null;
    return [
      {
        role: 'bot',
        body: result.answer,
        bodyHtml: answerHtml(result.answer, cited, copy.sources),
        decision: {
          ...decision,
          trace: [...trace, { stage: 'llm-answer', detail: `The LLM answered from ${cited.map((a) => `"${a.title}"`).join(', ')}.` }],
        },
        meta: {
          citations: cited.map((a) => ({ id: a.id, versionId: a.versionId, title: a.title, slug: a.slug })),
          askFeedback: true,
        },
      },
    ];
  } catch {
    // The adapter logged the fault; the customer gets the deterministic reply.
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Enabled intent candidates, each with its description and the examples closest to the question. */
function intentChoices(brain: Brain, decision: Decision, question: string): IntentChoice[] {
  const q = words(question);
  return decision.candidates
    .filter((c) => c.kind === 'intent')
    .map((c) => brain.intents.get(c.id))
    .filter((i) => i !== undefined && i.enabled)
    .map((i) => ({
      id: i!.id,
      name: i!.name,
      description: i!.description,
      examples: [...i!.examples]
        .map((e) => ({ e, score: overlap(q, words(e)) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, EXAMPLES_PER_INTENT)
        .map((x) => x.e),
    }));
}

/** Articles for semantic matches: an article itself, or the answer article of a matching example's intent. */
function articlesFromMatches(brain: Brain, matches: SemanticMatch[]): GroundingArticle[] {
  return groundingArticles(brain, {
    candidates: matches.map((m) => ({ kind: m.kind === 'article' ? 'article' : 'intent', id: m.refId, label: '', score: m.score })),
  });
}

/** The candidates' articles: an article candidate itself, an intent candidate's answer article. */
export function groundingArticles(brain: Brain, decision: Pick<Decision, 'candidates'>): GroundingArticle[] {
  const ids: string[] = [];
  for (const c of decision.candidates) {
    const id = c.kind === 'article' ? c.id : (() => {
      const answer = brain.intents.get(c.id)?.answer;
      return answer?.kind === 'article' ? answer.articleId : null;
    })();
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids
    .map((id) => brain.articles.get(id))
    .filter((a) => a !== undefined)
    .slice(0, MAX_GROUNDING_ARTICLES)
    .map((a) => ({ id: a!.id, title: a!.title, url: `/help/${encodeURIComponent(a!.slug)}`, text: a!.body || a!.summary }));
}

const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}+/gu) ?? []);
const overlap = (a: Set<string>, b: Set<string>) => {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / (a.size + b.size - n || 1);
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The answer as safe HTML (the model's text is escaped, never trusted) with its sources as links. */
export function answerHtml(answer: string, cited: { title: string; slug: string }[], sourcesLabel: string): string {
  const paragraphs = answer
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const links = cited.map((a) => `<li><a href="/help/${encodeURIComponent(a.slug)}">${escapeHtml(a.title)}</a></li>`).join('');
  return `${paragraphs}<p class="sources">${escapeHtml(sourcesLabel)}</p><ol class="citations">${links}</ol>`;
}
