import type { Brain } from '../knowledge/brain.js';
import type { Decision } from '../routing/types.js';
import { copyFor } from './copy.js';
import type { NewReply } from './model.js';

/**
 * Turns a routing decision into what the bot says. Pure: the decision decides, this only words it.
 * `hasTicket`: the conversation already has a ticket, so asking for contact details again is pointless.
 */
export function composeReplies(
  decision: Decision,
  brain: Brain,
  locale: string,
  ticketNumber: number | null,
): NewReply[] {
  const copy = copyFor(locale);
  const intent = decision.intentId ? brain.intents.get(decision.intentId) : undefined;
  const base = { role: 'bot' as const, decision };
  const handToPerson = (text: string): NewReply[] =>
    ticketNumber !== null
      ? [{ ...base, body: copy.addedToTicket(ticketNumber), meta: { ticketNumber } }]
      : [{ ...base, body: text, meta: { askContact: true, intentName: intent?.name } }];

  if (decision.handoff) {
    const unhappy = decision.handoff.trigger === 'negative-sentiment' || decision.handoff.trigger === 'repeated-no';
    return handToPerson(unhappy ? copy.handoffUnhappy : copy.handoffPerson);
  }

  switch (decision.action) {
    case 'answer': {
      const articleId =
        intent?.answer?.kind === 'article' ? intent.answer.articleId : !intent ? decision.articleId : null;
      const article = articleId ? brain.articles.get(articleId) : undefined;
      if (article) {
        return [
          {
            ...base,
            body: `${article.title}\n\n${article.summary}`.trim(),
            bodyHtml: article.html,
            meta: {
              article: { id: article.id, versionId: article.versionId, title: article.title, slug: article.slug },
              intentName: intent?.name,
              askFeedback: true,
            },
          },
        ];
      }
      if (intent?.answer?.kind === 'canned') {
        return [{ ...base, body: intent.answer.text, meta: { intentName: intent.name, askFeedback: true } }];
      }
      // An action answer, or an intent without an approved answer (or whose article is unpublished).
      return handToPerson(intent ? copy.noAnswerReady(intent.name) : copy.notSure);
    }
    case 'clarify': {
      const suggestions = decision.candidates
        .filter((c) => c.kind === 'intent' && brain.intents.get(c.id)?.enabled)
        .slice(0, 3)
        .map((c) => ({ intentId: c.id, label: suggestionLabel(brain, c.id, c.label) }));
      if (suggestions.length === 0) return handToPerson(copy.notSure);
      return [{ ...base, body: copy.clarify, meta: { suggestions } }];
    }
    case 'collect-contact':
      return handToPerson(copy.notSure);
    case 'escalate':
      return handToPerson(copy.noMatch);
  }
}

/** A chip shows what the customer would get: the article title when the intent answers with one. */
function suggestionLabel(brain: Brain, intentId: string, fallback: string): string {
  const intent = brain.intents.get(intentId);
  if (intent?.answer?.kind === 'article') {
    const article = brain.articles.get(intent.answer.articleId);
    if (article) return article.title;
  }
  // Descriptions are written for admins ("Customer reports…"): show the intent's name, humanised.
  const name = intent?.name ?? fallback;
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
