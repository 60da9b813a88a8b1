import { Hono, type Context } from 'hono';
import { limitBody } from '../body-limit.js';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ConversationDeps } from '../../domain/conversations/deps.js';
import { startConversation } from '../../domain/conversations/start-conversation.js';
import { getConversation } from '../../domain/conversations/get-conversation.js';
import { postMessage } from '../../domain/conversations/post-message.js';
import { leaveContact } from '../../domain/conversations/leave-contact.js';
import { recordFeedback } from '../../domain/conversations/record-feedback.js';
import { isCustomerVisible, toWire, type WireMessage } from '../../domain/conversations/wire.js';
import type { RealtimeHub } from '../../realtime/hub.js';
import type { TokenSigner } from '../conversation-token.js';
import { rateLimit } from '../rate-limit.js';
import { validate } from '../validate.js';
import type { AppEnv } from '../env.js';

export interface WidgetRouteDeps {
  conversations: ConversationDeps;
  hub: RealtimeHub;
  tokens: TokenSigner;
  publicUrl: string;
  clientIp: (c: Context) => string;
  rateLimits: { perIp: number; perConversation: number; disabled: boolean };
  /** How often an idle event stream sends a keep-alive comment. */
  heartbeatMs?: number;
  /** Told which agent messages an open widget just received (their emails are then skipped). */
  onDelivered?: (messageIds: string[]) => Promise<unknown>;
}

export const MAX_MESSAGE_LENGTH = 4000;

const startBody = z.object({
  siteKey: z.string().min(1).max(100),
  visitorId: z.string().min(8).max(100).regex(/^[\w-]+$/).optional(),
  page: z.string().max(2000).optional(),
  referrer: z.string().max(2000).optional(),
  locale: z.string().max(35).optional(),
  origin: z.url().max(500).optional(),
});
const messageBody = z.object({
  clientMessageId: z.string().min(8).max(100).regex(/^[\w-]+$/, 'letters, digits, - and _ only'),
  text: z.string().min(1).max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`),
  intentId: z.uuid().optional(),
});
const contactBody = z.object({
  name: z.string().trim().max(200).optional(),
  email: z.email().max(320),
  consent: z.boolean().optional(),
});
const feedbackBody = z.object({ messageId: z.uuid(), helpful: z.boolean() });
const idParam = z.object({ id: z.string().min(1).max(100) });

export function widgetRoutes(deps: WidgetRouteDeps) {
  const { conversations: d, tokens, publicUrl } = deps;
  const wire = (messages: Parameters<typeof toWire>[0][]): WireMessage[] =>
    messages.filter(isCustomerVisible).map((m) => toWire(m, publicUrl));

  /** The conversation this request's token opens; any other id is "not found". */
  const authorise = (c: Context, id: string): string => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : c.req.query('token');
    if (!token) throw new AppError('unauthorized', 'A conversation token is required (Authorization: Bearer …).');
    const opens = tokens.verify(token);
    if (!opens) throw new AppError('unauthorized', 'The conversation token is not valid.');
    if (opens !== id) throw new AppError('conversation_not_found', 'No such conversation.');
    return id;
  };

  const perIp = rateLimit({
    name: 'per IP',
    limit: deps.rateLimits.perIp,
    disabled: deps.rateLimits.disabled,
    key: (c) => (c.req.method === 'GET' ? null : `ip:${deps.clientIp(c)}`),
  });
  const perConversation = rateLimit({
    name: 'per conversation',
    limit: deps.rateLimits.perConversation,
    disabled: deps.rateLimits.disabled,
    key: (c) => `conversation:${c.req.param('id')}`,
  });

  return new Hono<AppEnv>()
    .use('*', limitBody({ maxSize: 32 * 1024, onError: () => { throw new AppError('payload_too_large', 'The request body is larger than 32 KB.'); } }))
    .use('*', perIp)
    .post('/conversations', validate('json', startBody), async (c) => {
      const body = c.req.valid('json');
      const origins = new Set<string>();
      if (body.origin) origins.add(new URL(body.origin).origin);
      const headerOrigin = c.req.header('origin');
      if (headerOrigin && headerOrigin !== new URL(publicUrl).origin && headerOrigin !== new URL(c.req.url).origin) origins.add(headerOrigin);
      const { site, conversation, messages } = await startConversation(d, {
        siteKey: body.siteKey,
        visitorId: body.visitorId,
        page: body.page,
        referrer: body.referrer,
        locale: body.locale,
        userAgent: c.req.header('user-agent')?.slice(0, 500),
        origins: [...origins],
      });
      return c.json(
        {
          conversationId: conversation.id,
          token: tokens.sign(conversation.id),
          visitorId: conversation.visitorId,
          site: { name: site.name, color: site.appearance.color },
          messages: wire(messages),
        },
        201,
      );
    })
    .get('/conversations/:id', validate('param', idParam), async (c) => {
      const id = authorise(c, c.req.valid('param').id);
      const { conversation, messages, ticket } = await getConversation(d, id);
      return c.json({
        conversationId: conversation.id,
        status: conversation.status,
        messages: wire(messages),
        ticket: ticket ? { number: ticket.number, status: ticket.status } : null,
      });
    })
    .post('/conversations/:id/messages', validate('param', idParam), perConversation, validate('json', messageBody), async (c) => {
      const id = authorise(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const { message, replies } = await postMessage(d, { conversationId: id, ...body });
      return c.json({ message: toWire(message, publicUrl), replies: wire(replies) });
    })
    .post('/conversations/:id/contact', validate('param', idParam), perConversation, validate('json', contactBody), async (c) => {
      const id = authorise(c, c.req.valid('param').id);
      const { ticket, messages, created } = await leaveContact(d, { conversationId: id, ...c.req.valid('json') });
      return c.json({ ticket: { number: ticket.number, status: ticket.status }, messages: wire(messages) }, created ? 201 : 200);
    })
    .post('/conversations/:id/feedback', validate('param', idParam), perConversation, validate('json', feedbackBody), async (c) => {
      const id = authorise(c, c.req.valid('param').id);
      const { replies } = await recordFeedback(d, { conversationId: id, ...c.req.valid('json') });
      return c.json({ replies: wire(replies) });
    })
    .get('/conversations/:id/events', validate('param', idParam), async (c) => {
      const id = authorise(c, c.req.valid('param').id);
      const resumeFrom = Number(c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? 0) || 0;
      // Make sure it exists before holding a stream open.
      await getConversation(d, id, Number.MAX_SAFE_INTEGER);
      return streamSSE(c, async (stream) => {
        const sent = new Set<string>();
        let wake: (() => void) | null = null;
        let pending = true; // send the backlog first
        const typing: boolean[] = [];
        // Streamed pieces of a reply not stored yet. An event may be heard twice (locally and
        // through NOTIFY): the per-message index drops repeats; once stored, the message wins.
        const deltas: { messageId: string; index: number; text: string }[] = [];
        const nextDelta = new Map<string, number>();
        const unsubscribe = deps.hub.subscribe(id, (event) => {
          if (event.type === 'typing') typing.push(event.typing);
          else if (event.type === 'delta') {
            if (sent.has(event.messageId) || event.index < (nextDelta.get(event.messageId) ?? 0)) return;
            nextDelta.set(event.messageId, event.index + 1);
            deltas.push({ messageId: event.messageId, index: event.index, text: event.text });
          } else if (event.type === 'messages') pending = true;
          else return; // console-only events (a ticket's status, assignee…) change nothing the customer sees
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        try {
          while (!stream.aborted) {
            while (typing.length) await stream.writeSSE({ event: 'typing', data: JSON.stringify({ typing: typing.shift() }) });
            while (deltas.length) {
              const d = deltas.shift()!;
              if (!sent.has(d.messageId)) await stream.writeSSE({ event: 'delta', data: JSON.stringify(d) });
            }
            if (pending) {
              pending = false;
              // Re-read from the resume point and skip what was sent: a message whose transaction
              // committed late (lower seq, later commit) is still delivered.
              const { messages } = await getConversation(d, id, resumeFrom);
              const delivered: string[] = [];
              for (const m of messages) {
                if (sent.has(m.id)) continue;
                sent.add(m.id);
                await stream.writeSSE({ event: 'message', id: String(m.seq), data: JSON.stringify(toWire(m, publicUrl)) });
                if (m.role === 'agent') delivered.push(m.id);
              }
              if (delivered.length) await deps.onDelivered?.(delivered).catch(() => undefined);
            }
            if (pending || typing.length || deltas.length) continue;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, deps.heartbeatMs ?? 20_000);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
            if (!pending && !typing.length && !deltas.length && !stream.aborted) await stream.write(': keep-alive\n\n');
          }
        } finally {
          unsubscribe();
        }
      });
    });
}
