import { slaOf } from './model.js';
import type { TicketDeps } from './ports.js';
import { findTicketOrThrow } from './find-ticket.js';

/**
 * Everything an agent needs on one screen: the whole transcript (customer, bot with its decision
 * and trace, agents, internal notes), the context, the history, and help for the answer:
 * articles the router suggests for the question (Use it) and similar solved tickets with who solved them.
 */
export async function getTicket(d: Pick<TicketDeps, 'tickets' | 'brains' | 'router' | 'now' | 'macros' | 'knowledge'>, number: number) {
  const t = await findTicketOrThrow(d, number);
  const [transcript, events, macros, intents] = await Promise.all([
    d.tickets.transcript(t.conversationId),
    d.tickets.events(t.id),
    d.macros.listMacros(t.siteId),
    d.knowledge.listIntents(t.siteId),
  ]);
  const now = d.now();

  // Suggested articles: route the customer's own words again with today's model.
  const question = transcript.filter((m) => m.role === 'customer').map((m) => m.body).slice(-3).join('\n') || t.subject;
  const suggestedArticles: { id: string; title: string; slug: string; score: number }[] = [];
  try {
    const brain = await d.brains.forSite(t.siteId);
    const decision = d.router.route(brain.model, { text: question, context: { noCount: 0, answeredIntentIds: [], turn: 0 } });
    const seen = new Set<string>();
    const push = (articleId: string | null | undefined, score: number) => {
      const a = articleId ? brain.articles.get(articleId) : undefined;
      if (!a || seen.has(a.id)) return;
      seen.add(a.id);
      suggestedArticles.push({ id: a.id, title: a.title, slug: a.slug, score });
    };
    for (const c of decision.candidates) {
      if (c.kind === 'article') push(c.id, c.score);
      else {
        const answer = brain.intents.get(c.id)?.answer;
        push(answer?.kind === 'article' ? answer.articleId : null, c.score);
      }
    }
    if (decision.articleId) push(decision.articleId, decision.confidence);
  } catch {
    /* no model yet: no suggestions, the rest of the ticket still shows */
  }

  const similar = t.context.similarTickets;
  const names = await d.tickets.userNames([
    ...similar.flatMap((s) => (s.solvedBy ? [s.solvedBy] : [])),
    ...(t.assigneeId ? [t.assigneeId] : []),
    ...events.flatMap((e) => (/^[0-9a-f-]{36}$/.test(e.actor) ? [e.actor] : [])),
  ]);
  return {
    ticket: {
      number: t.number,
      /** Live events name the conversation: the console re-reads this ticket when it changes. */
      conversationId: t.conversationId,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      reason: t.reason,
      intent: t.intentId ? { id: t.intentId, name: t.intentName } : null,
      confidence: t.confidence,
      quadrant: t.quadrant,
      escalated: t.escalated,
      assignee: t.assigneeId ? { id: t.assigneeId, name: names.get(t.assigneeId) ?? '' } : null,
      contact: t.contact,
      context: {
        page: t.context.page,
        referrer: t.context.referrer,
        userAgent: t.context.userAgent,
        locale: t.context.locale,
        handoffTrigger: t.context.handoffTrigger,
        articlesShown: t.context.articlesShown,
      },
      sla: {
        ...slaOf(t, now),
        firstResponseDueAt: t.firstResponseDueAt,
        resolutionDueAt: t.resolutionDueAt,
        firstRespondedAt: t.firstRespondedAt,
        solvedAt: t.solvedAt,
      },
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    },
    transcript: transcript.map((m) => ({
      id: m.id,
      seq: m.seq,
      role: m.role,
      body: m.body,
      author: m.author,
      createdAt: m.createdAt,
      article: m.meta.article ? { id: m.meta.article.id, title: m.meta.article.title, slug: m.meta.article.slug } : null,
      helpful: m.helpful,
      decision: m.decision
        ? {
            quadrant: m.decision.quadrant,
            action: m.decision.action,
            intentId: m.decision.intentId,
            intentName: m.meta.intentName ?? null,
            confidence: m.decision.confidence,
            candidates: m.decision.candidates,
            trace: m.decision.trace,
            modelVersion: m.decision.modelVersion,
          }
        : null,
    })),
    /** The history: who (a user's name, or 'customer'/'system'), what, when. */
    events: events.map((e) => ({ ...e, actorName: names.get(e.actor) ?? e.actor })),
    /** For the macro picker and "Add it". */
    macros,
    intents,
    suggestedArticles,
    similarTickets: similar.map((s) => ({ number: s.number, score: s.score, solvedBy: s.solvedBy ? { id: s.solvedBy, name: names.get(s.solvedBy) ?? null } : null })),
  };
}

export type TicketView = Awaited<ReturnType<typeof getTicket>>;
