import { AppError } from '../errors.js';
import type { Reason } from '../routing/types.js';
import type { Actor } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

export interface AddItInput {
  number: number;
  /** The customer's words to learn from (defaults to their first message). */
  example?: string;
  /** Create a draft article from the reply. */
  article?: { title: string; body: string };
  /** Teach an existing intent, or create a new one. */
  intent?: { id: string } | { name: string; reason: Reason };
}

/**
 * "Add it": turn what was learnt on this ticket into knowledge. A draft article from the reply
 * (an admin publishes it), and the customer's question as an example of an existing or new intent.
 * Both are drafts: they reach customers with the next publish (the admin workshop), after which the
 * bot answers the next such question itself.
 */
export async function addIt(d: TicketDeps, actor: Actor, input: AddItInput) {
  if (!input.article && !input.intent) throw new AppError('validation_failed', 'Add an article, an intent example, or both.');
  const t = await findTicketOrThrow(d, input.number);
  const transcript = await d.tickets.transcript(t.conversationId);
  const example = (input.example ?? transcript.find((m) => m.role === 'customer')?.body ?? t.subject).trim().slice(0, 500);
  if (input.intent && !example) throw new AppError('validation_failed', 'There is no customer question to add as an example.');

  let article: { id: string; slug: string } | null = null;
  if (input.article) {
    article = await d.knowledge.createDraftArticle({
      siteId: t.siteId,
      title: input.article.title.trim(),
      body: input.article.body.trim(),
      authorId: actor.id,
      note: `From ticket #${t.number}`,
    });
  }
  let intent: { id: string; name: string; created: boolean } | null = null;
  if (input.intent) {
    if ('id' in input.intent) {
      const found = await d.knowledge.addIntentExample(t.siteId, input.intent.id, example);
      if (!found) throw new AppError('intent_not_found', 'No such intent.');
      intent = { ...found, created: false };
    } else {
      const made = await d.knowledge.createIntent({ siteId: t.siteId, name: input.intent.name.trim(), reason: input.intent.reason, example, articleId: null, answerText: null });
      if (!made) throw new AppError('conflict', 'An intent with that name already exists; add the example to it instead.');
      intent = { ...made, created: true };
    }
  }
  await d.tickets.updateTicket(t.id, {}, { actor, kind: 'added-knowledge', data: { articleId: article?.id ?? null, intentId: intent?.id ?? null, example } });
  await d.events.ticketChanged(t.conversationId, t.id);
  return { article, intent, example };
}
