import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { tickets as ticketsTable } from '../db/schema/index.js';
import { createDraftSources } from '../db/repositories/drafts.js';
import type { Llm } from './domain/llm/ports.js';
import type { ConversationStore } from './domain/conversations/ports.js';
import type { SlaHours } from './domain/conversations/sla.js';
import { createAccountStore } from '../db/repositories/accounts.js';
import { createMacroStore, createTicketStore } from '../db/repositories/tickets.js';
import { createKnowledgeWriter } from '../db/repositories/knowledge-loop.js';
import { createOutboxStore, OUTBOX_CHANNEL } from '../db/repositories/outbox.js';
import { seedConsole } from '../db/seed/accounts.js';
import type { Config } from './config.js';
import { route } from './domain/routing/index.js';
import type { TicketDeps } from './domain/tickets/ports.js';
import { createSmtpMailer, type Mailer } from './email/mailer.js';
import { startOutboxWorker } from './email/outbox-worker.js';
import { createLinkSigner } from './http/conversation-link.js';
import type { AppDeps } from './http/app.js';
import type { Brains } from './knowledge/brains.js';
import type { Logger } from './log.js';
import type { RealtimeHub } from './realtime/hub.js';

export const CONSOLE_DEMO_SITE_KEY = 'demo';

/**
 * Wires the agent workspace: accounts, tickets, the knowledge loop, and the email outbox worker
 * (started when SMTP_URL is set or a mailer is given). Called by createRuntime.
 */
export async function wireConsole(w: {
  database: Database;
  config: Config;
  secret: string;
  hub: RealtimeHub;
  brains: Brains;
  store: ConversationStore;
  log: Logger;
  mailer?: Mailer;
  /** The optional LLM for reply drafts; without one, the console makes its own from config (none without OPENAI_API_KEY). */
  /** The runtime's LLM client (nullLlm when none is configured): customers' answers and agents' drafts share it. */
  llm: Llm;
}): Promise<{
  app: Pick<AppDeps, 'console' | 'onDelivered'>;
  /** The admins' SLA targets, for tickets as they open. */
  slaHours: () => Promise<SlaHours>;
  demoAdmin: { email: string; password: string } | null;
  close(): Promise<void>;
}> {
  const { database, config, hub, brains, store, log } = w;
  const { db } = database;
  const demoAdmin = config.SEED_DEMO ? await seedConsole(db, CONSOLE_DEMO_SITE_KEY) : null;
  const links = createLinkSigner(w.secret, config.CONVERSATION_LINK_DAYS * 86_400_000);
  const outboxStore = createOutboxStore(db);
  const tickets: TicketDeps = {
    tickets: createTicketStore(db),
    macros: createMacroStore(db),
    knowledge: createKnowledgeWriter(db),
    events: {
      messagesAdded: (conversationId) => hub.messagesAdded(conversationId),
      ticketChanged: (conversationId, ticketId) => hub.publish({ type: 'ticket', conversationId, ticketId }),
      typing: (conversationId, typing) => hub.publish({ type: 'typing', conversationId, typing }),
    },
    brains,
    router: { route },
    conversationLink: (conversationId) => `${config.publicUrl}/c/${links.sign(conversationId)}`,
    emailDelayMs: config.EMAIL_DELAY_SECONDS * 1000,
    siteName: async (siteId) => (await store.findSiteById(siteId))?.name ?? 'Support',
    now: () => new Date(),
  };
  const llm = w.llm;
  const mailer = w.mailer ?? (config.SMTP_URL ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM) : null);
  const worker = mailer
    ? await startOutboxWorker({
        store: outboxStore,
        mailer,
        log,
        pollMs: config.OUTBOX_POLL_MS,
        retryBaseMs: config.OUTBOX_RETRY_BASE_MS,
        listen: (onWake) => database.listen(OUTBOX_CHANNEL, () => onWake()),
      })
    : null;
  if (!mailer) log.info('email: SMTP_URL is not set; reply emails wait in the outbox');
  return {
    demoAdmin,
    slaHours: async () => (await tickets.tickets.slaPolicy()) as SlaHours,
    app: {
      onDelivered: (ids) => outboxStore.skipDelivered(ids),
      console: {
        accounts: { store: createAccountStore(db), now: () => new Date() },
        tickets,
        loginLimit: config.LOGIN_RATE_LIMIT,
        assist: {
          llmConfigured: llm.configured,
          drafts: { llm, brains, router: { route }, sources: createDraftSources(db) },
          summary: async (number) => {
            const [row] = await db.select({ summary: ticketsTable.summary }).from(ticketsTable).where(eq(ticketsTable.number, number)).limit(1);
            return row?.summary ?? null;
          },
        },
        pages: {
          links,
          findConversation: async (id) => {
            const conv = await store.findConversation(id);
            const site = conv ? await store.findSiteById(conv.siteId) : null;
            return conv && site ? { siteKey: site.key, visitorId: conv.visitorId } : null;
          },
        },
      },
    },
    async close() {
      await worker?.stop();
    },
  };
}
