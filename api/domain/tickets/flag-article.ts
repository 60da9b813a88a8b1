import { AppError } from '../errors.js';
import type { Actor } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/** "Flag it": this article is wrong or incomplete. Admins see the flag with the comment. */
export async function flagArticle(d: TicketDeps, actor: Actor, input: { number: number; articleId: string; comment: string }) {
  const comment = input.comment.trim();
  if (!comment) throw new AppError('validation_failed', 'Say what is wrong with the article.', { fields: [{ path: 'comment', message: 'empty' }] });
  const t = await findTicketOrThrow(d, input.number);
  if (!(await d.knowledge.articleExists(t.siteId, input.articleId))) throw new AppError('article_not_found', 'No such article.');
  const flag = await d.knowledge.createFlag({ articleId: input.articleId, ticketId: t.id, userId: actor.id, comment });
  await d.tickets.updateTicket(t.id, {}, { actor, kind: 'article-flagged', data: { articleId: input.articleId, flagId: flag.id } });
  await d.events.ticketChanged(t.conversationId, t.id);
  return flag;
}
