import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { limitBody } from '../body-limit.js';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { AccountDeps } from '../../domain/accounts/ports.js';
import type { Session, User } from '../../domain/accounts/model.js';
import { authenticate } from '../../domain/accounts/authenticate.js';
import { signIn } from '../../domain/accounts/sign-in.js';
import { signOut, signOutEverywhere } from '../../domain/accounts/sign-out.js';
import { createUser } from '../../domain/accounts/create-user.js';
import type { TicketDeps } from '../../domain/tickets/ports.js';
import type { Actor } from '../../domain/tickets/model.js';
import { listTickets } from '../../domain/tickets/list-tickets.js';
import { getTicket } from '../../domain/tickets/get-ticket.js';
import { replyToTicket, MAX_REPLY_LENGTH } from '../../domain/tickets/reply-to-ticket.js';
import { addNote } from '../../domain/tickets/add-note.js';
import { assignTicket } from '../../domain/tickets/assign-ticket.js';
import { changeStatus } from '../../domain/tickets/change-status.js';
import { changePriority } from '../../domain/tickets/change-priority.js';
import { applyMacro } from '../../domain/tickets/apply-macro.js';
import { flagArticle } from '../../domain/tickets/flag-article.js';
import { addIt } from '../../domain/tickets/add-it.js';
import { agentTyping } from '../../domain/tickets/agent-typing.js';
import { findTicketOrThrow } from '../../domain/tickets/find-ticket.js';
import { draftReply, type DraftReplyDeps } from '../../domain/drafts/draft-reply.js';
import type { RealtimeHub } from '../../realtime/hub.js';
import { validate } from '../validate.js';
import type { AppEnv } from '../env.js';

export interface ConsoleRouteDeps {
  accounts: AccountDeps;
  tickets: TicketDeps;
  hub: RealtimeHub;
  publicUrl: string;
  clientIp: (c: Context) => string;
  /** Sign-in attempts per email per 15 minutes (per IP: five times that). */
  loginLimit: number;
  heartbeatMs?: number;
  /** What the optional LLM adds to a ticket: reply drafts and the hand-off summary. */
  assist: {
    /** Whether an LLM is configured (the console offers "Draft reply" only then). */
    llmConfigured: boolean;
    drafts: DraftReplyDeps;
    /** The ticket's hand-off summary; null when none was written (no LLM, or it failed). */
    summary(ticketNumber: number): Promise<string | null>;
  };
}

export interface ConsoleEnv {
  Variables: AppEnv['Variables'] & { user: User; session: Session };
}

export const SESSION_COOKIE = 'knowns_session';
export const CSRF_HEADER = 'x-csrf-token';

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((v) => v.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(values)).optional());

const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const REASONS = ['information', 'service', 'new-service', 'incident'] as const;
const QUADRANTS = ['known-known', 'known-unknown', 'unknown-known', 'unknown-unknown'] as const;

const loginBody = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) });
const listQuery = z.object({
  status: csv(STATUSES),
  priority: csv(PRIORITIES),
  reason: csv(REASONS),
  quadrant: csv(QUADRANTS),
  intent: z.uuid().optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  sla: z.enum(['breached', 'due-soon', 'ok']).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['sla', 'newest', 'oldest', 'updated']).default('sla'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
const numberParam = z.object({ number: z.coerce.number().int().positive().max(2_147_483_647) });
const textBody = z.object({ text: z.string().min(1).max(MAX_REPLY_LENGTH, `at most ${MAX_REPLY_LENGTH} characters`), macroId: z.uuid().optional() });
const assignBody = z.object({ assigneeId: z.uuid().nullable() });
const statusBody = z.object({ status: z.enum(STATUSES), overrideReason: z.string().max(1000).optional() });
const priorityBody = z.object({ priority: z.enum(PRIORITIES) });
const macroParam = numberParam.extend({ macroId: z.uuid() });
const flagBody = z.object({ articleId: z.uuid(), comment: z.string().min(1).max(2000) });
const addItBody = z.object({
  example: z.string().min(1).max(500).optional(),
  article: z.object({ title: z.string().trim().min(3).max(200), body: z.string().trim().min(1).max(20_000) }).optional(),
  intent: z.union([z.object({ id: z.uuid() }), z.object({ name: z.string().trim().min(2).max(100), reason: z.enum(REASONS) })]).optional(),
});
const typingBody = z.object({ typing: z.boolean() });
const newUserBody = z.object({ email: z.email().max(320), password: z.string().min(1).max(200), role: z.enum(['admin', 'agent']), name: z.string().max(200).optional() });
const userPatch = z.object({ disabled: z.boolean().optional(), role: z.enum(['admin', 'agent']).optional() });
const idParam = z.object({ id: z.uuid() });
const hours = z.number().positive().max(24 * 365);
const slaBody = z.partialRecord(z.enum(PRIORITIES), z.object({ firstResponse: hours, resolution: hours })).refine(
  (p) => Object.values(p).every((v) => !v || v.firstResponse <= v.resolution),
  'the first response target cannot be later than the resolution target',
);
const macroBody = z.object({ siteId: z.uuid(), name: z.string().trim().min(1).max(100), body: z.string().min(1).max(MAX_REPLY_LENGTH) });
const flagsQuery = z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') });

/** Fixed-window attempt counter (sign-in throttling). */
function attempts(limit: number, windowMs: number) {
  const buckets = new Map<string, { n: number; resetAt: number }>();
  return (key: string): number | null => {
    const now = Date.now();
    let b = buckets.get(key);
    if (!b || b.resetAt <= now) {
      if (buckets.size > 10_000) for (const [k, v] of buckets) if (v.resetAt <= now) buckets.delete(k);
      buckets.set(key, (b = { n: 0, resetAt: now + windowMs }));
    }
    b.n++;
    return b.n > limit ? Math.max(1, Math.ceil((b.resetAt - now) / 1000)) : null;
  };
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The agent console's API, under /v1/console. Every route but sign-in needs a session cookie
 * (httpOnly, SameSite=Strict, Secure over HTTPS); every state change also needs the session's
 * CSRF token in X-CSRF-Token. Widget conversation tokens open nothing here. /admin/* is for admins.
 */
export function consoleRoutes(deps: ConsoleRouteDeps) {
  const { accounts: a, tickets: d } = deps;
  const publicOrigin = new URL(deps.publicUrl).origin;
  const byEmail = attempts(deps.loginLimit, 15 * 60_000);
  const byIp = attempts(deps.loginLimit * 5, 15 * 60_000);
  const secure = (c: Context) => deps.publicUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:';

  /** Cross-site requests are refused outright: the Origin, when sent, must be ours. */
  const sameOrigin = (c: Context) => {
    const origin = c.req.header('origin');
    return !origin || origin === publicOrigin || origin === new URL(c.req.url).origin;
  };

  const session: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) throw new AppError('unauthorized', 'Sign in first: this needs a console session.');
    const found = await authenticate(a, token);
    if (!found) {
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      throw new AppError('unauthorized', 'The session has ended; sign in again.');
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const given = c.req.header(CSRF_HEADER);
      if (!given || !same(given, found.session.csrfToken) || !sameOrigin(c)) throw new AppError('csrf_failed', 'Missing or wrong CSRF token (send X-CSRF-Token from GET /v1/console/me).');
    }
    c.set('user', found.user);
    c.set('session', found.session);
    await next();
  };
  const adminOnly: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
    if (c.get('user').role !== 'admin') throw new AppError('forbidden', 'Only admins may do this.');
    await next();
  };
  const actorOf = (c: Context<ConsoleEnv>): Actor => {
    const u = c.get('user');
    return { id: u.id, name: u.name, role: u.role };
  };
  const userExists = async (id: string) => {
    const u = await a.store.findUserById(id);
    return !!u && !u.disabled;
  };
  const llm = deps.assist.llmConfigured;
  const me = (c: Context<ConsoleEnv>) => ({ user: c.get('user'), csrfToken: c.get('session').csrfToken, llm });

  return new Hono<ConsoleEnv>()
    .use('*', limitBody({ maxSize: 64 * 1024, onError: () => { throw new AppError('payload_too_large', 'The request body is larger than 64 KB.'); } }))
    .use('*', async (c, next) => {
      await next();
      c.header('cache-control', 'no-store');
    })
    .post('/auth/login', validate('json', loginBody), async (c) => {
      if (!sameOrigin(c)) throw new AppError('csrf_failed', 'Sign-in is only accepted from the console itself.');
      const body = c.req.valid('json');
      const wait = byIp(`ip:${deps.clientIp(c)}`) ?? byEmail(`email:${body.email.toLowerCase()}`);
      if (wait !== null) throw new AppError('rate_limited', `Too many sign-in attempts; try again in ${wait} s.`, { retryAfterSeconds: wait });
      const { user, token, csrfToken } = await signIn(a, { ...body, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null });
      // A browser-session cookie: the server decides when the session ends (12 h idle, sliding),
      // so an active agent is never signed out by a stale cookie expiry.
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: secure(c), path: '/' });
      return c.json({ user, csrfToken, llm }, 200);
    })
    .use('*', session)
    .get('/me', (c) => c.json(me(c)))
    .post('/auth/logout', async (c) => {
      await signOut(a, c.get('session').tokenHash);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .post('/auth/logout-everywhere', async (c) => {
      const ended = await signOutEverywhere(a, c.get('user').id);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ended });
    })
    .get('/users', async (c) => {
      const users = (await a.store.listUsers()).filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name, role: u.role }));
      return c.json({ users });
    })
    .get('/tickets', validate('query', listQuery), async (c) => {
      const { intent, ...q } = c.req.valid('query');
      return c.json(await listTickets(d, actorOf(c), { ...q, intentId: intent }));
    })
    .get('/tickets/:number', validate('param', numberParam), async (c) => {
      const { number } = c.req.valid('param');
      const [view, summary] = await Promise.all([getTicket(d, number), deps.assist.summary(number)]);
      return c.json({ ...view, ticket: { ...view.ticket, summary } });
    })
    .post('/tickets/:number/draft', validate('param', numberParam), async (c) => {
      const t = await findTicketOrThrow(d, c.req.valid('param').number);
      const result = await draftReply(deps.assist.drafts, t.id);
      if (!result.ok) {
        throw result.reason === 'no-llm'
          ? new AppError('llm_unavailable', 'Reply drafts need an LLM, and none is configured (set OPENAI_API_KEY).')
          : new AppError('unavailable', 'The draft could not be written: the LLM failed, timed out, or wrote something that did not pass its checks. Try again, or write the reply yourself.');
      }
      // Nothing is sent: the agent edits the draft and sends it as a reply.
      return c.json({ draft: { text: result.draft, citations: result.citations } });
    })
    .post('/tickets/:number/reply', validate('param', numberParam), validate('json', textBody), async (c) => {
      const { message } = await replyToTicket(d, actorOf(c), { number: c.req.valid('param').number, ...c.req.valid('json') });
      return c.json({ message }, 201);
    })
    .post('/tickets/:number/notes', validate('param', numberParam), validate('json', textBody), async (c) => {
      const { message } = await addNote(d, actorOf(c), { number: c.req.valid('param').number, text: c.req.valid('json').text });
      return c.json({ message }, 201);
    })
    .post('/tickets/:number/claim', validate('param', numberParam), async (c) =>
      c.json(await assignTicket({ ...d, userExists }, actorOf(c), { number: c.req.valid('param').number, assigneeId: c.get('user').id })),
    )
    .post('/tickets/:number/assign', validate('param', numberParam), validate('json', assignBody), async (c) =>
      c.json(await assignTicket({ ...d, userExists }, actorOf(c), { number: c.req.valid('param').number, ...c.req.valid('json') })),
    )
    .post('/tickets/:number/status', validate('param', numberParam), validate('json', statusBody), async (c) =>
      c.json(await changeStatus(d, actorOf(c), { number: c.req.valid('param').number, ...c.req.valid('json') })),
    )
    .post('/tickets/:number/priority', validate('param', numberParam), validate('json', priorityBody), async (c) =>
      c.json(await changePriority(d, actorOf(c), { number: c.req.valid('param').number, ...c.req.valid('json') })),
    )
    .post('/tickets/:number/macros/:macroId/apply', validate('param', macroParam), async (c) =>
      c.json(await applyMacro(d, actorOf(c), c.req.valid('param'))),
    )
    .post('/tickets/:number/flags', validate('param', numberParam), validate('json', flagBody), async (c) =>
      c.json(await flagArticle(d, actorOf(c), { number: c.req.valid('param').number, ...c.req.valid('json') }), 201),
    )
    .post('/tickets/:number/add-it', validate('param', numberParam), validate('json', addItBody), async (c) =>
      c.json(await addIt(d, actorOf(c), { number: c.req.valid('param').number, ...c.req.valid('json') }), 201),
    )
    .post('/tickets/:number/typing', validate('param', numberParam), validate('json', typingBody), async (c) => {
      await agentTyping(d, { number: c.req.valid('param').number, typing: c.req.valid('json').typing });
      return c.body(null, 204);
    })
    .get('/events', async (c) => {
      const tokenHash = c.get('session').tokenHash;
      return streamSSE(c, async (stream) => {
        const queue: { conversationId: string; ticketId?: string }[] = [];
        let wake: (() => void) | null = null;
        const unsubscribe = deps.hub.subscribeAll((e) => {
          if (e.type !== 'messages' && e.type !== 'ticket') return;
          queue.push({ conversationId: e.conversationId, ...(e.type === 'ticket' ? { ticketId: e.ticketId } : {}) });
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        try {
          await stream.writeSSE({ event: 'ready', data: '{}' });
          while (!stream.aborted) {
            while (queue.length) await stream.writeSSE({ event: 'change', data: JSON.stringify(queue.shift()) });
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, deps.heartbeatMs ?? 20_000);
            });
            wake = null;
            if (!queue.length && !stream.aborted) {
              // Signed out (here or elsewhere) → the stream ends too.
              if (!(await a.store.findSession(tokenHash))) break;
              await stream.write(': keep-alive\n\n');
            }
          }
        } finally {
          unsubscribe();
        }
      });
    })
    // ── admins only ──
    .use('/admin/*', adminOnly)
    .get('/admin/users', async (c) => c.json({ users: await a.store.listUsers() }))
    .post('/admin/users', validate('json', newUserBody), async (c) => c.json({ user: await createUser(a, c.req.valid('json')) }, 201))
    .patch('/admin/users/:id', validate('param', idParam), validate('json', userPatch), async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      if (id === c.get('user').id && (patch.disabled || patch.role === 'agent')) throw new AppError('conflict', 'You cannot disable or demote yourself.');
      const user = await a.store.updateUser(id, patch);
      if (!user) throw new AppError('user_not_found', 'No such user.');
      if (patch.disabled) await signOutEverywhere(a, id);
      return c.json({ user });
    })
    .get('/admin/sla', async (c) => c.json({ policy: await d.tickets.slaPolicy() }))
    .put('/admin/sla', validate('json', slaBody), async (c) => {
      const policy = { ...(await d.tickets.slaPolicy()) };
      for (const [priority, target] of Object.entries(c.req.valid('json'))) if (target) policy[priority] = target;
      await d.tickets.saveSlaPolicy(policy);
      return c.json({ policy });
    })
    .get('/admin/flags', validate('query', flagsQuery), async (c) => c.json({ flags: await d.knowledge.listFlags(c.req.valid('query').status) }))
    .post('/admin/macros', validate('json', macroBody), async (c) => {
      const macro = await d.macros.createMacro(c.req.valid('json'));
      if (!macro) throw new AppError('conflict', 'A macro with that name already exists.');
      return c.json({ macro }, 201);
    });
}
