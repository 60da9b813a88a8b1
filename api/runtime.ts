import { openDatabase, type Database } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { createConversationStore } from '../db/repositories/conversation-store.js';
import { loadLiveKnowledge } from '../db/repositories/workshop.js';
import { recordModelBuild } from '../db/repositories/model-versions.js';
import { sharedSecret } from '../db/repositories/settings.js';
import { allAllowedOrigins } from '../db/repositories/sites.js';
import { allowOrigins, readDemoSeed, seedSite } from '../db/seed/index.js';
import type { Config } from './config.js';
import { route } from './domain/routing/index.js';
import { createTrainer } from './training/index.js';
import type { CompiledModel, TrainingInput } from './domain/routing/types.js';
import { createApp, type App } from './http/app.js';
import { createTokenSigner } from './http/conversation-token.js';
import { defaultWidgetDir } from './http/routes/pages.js';
import { createBrains, type Brains } from './knowledge/brains.js';
import { createLogger, type Logger } from './log.js';
import { createRealtimeHub, type RealtimeHub } from './realtime/hub.js';
import { wireConsole } from './console-wiring.js';
import type { Mailer } from './email/mailer.js';
import type { MiddlewareHandler } from 'hono';
import type { AdminEnv } from './http/routes/admin.js';
import type { Workshop } from './domain/publishing/workshop.js';
import { wireWorkshop } from './workshop-wiring.js';
import { nullLlm, type Llm } from './domain/llm/ports.js';
import { createOpenAiLlm } from './llm/openai-llm.js';
import { createCircuitBreaker } from './llm/circuit-breaker.js';
import { createLlmUsageSink, llmUsageForSite } from '../db/repositories/llm-usage.js';
import { getBrandVoice, setBrandVoice } from '../db/repositories/drafts.js';
import { createTicketSummaryStore } from '../db/repositories/ticket-summary.js';
import { createEmbeddingStore } from '../db/repositories/embeddings.js';
import { createSemanticIndex } from './domain/llm/semantic-index.js';
import { sites } from '../db/schema/index.js';
import type { Brain } from './domain/knowledge/brain.js';

export interface Runtime {
  app: App;
  database: Database;
  brains: Brains;
  hub: RealtimeHub;
  log: Logger;
  config: Config;
  /** The admin workshop's use cases (articles, intents, try-it, replay, publish). */
  workshop: Workshop;
  /** The optional LLM (`configured: false` without OPENAI_API_KEY). */
  llm: Llm;
  /** Resolves when the background work started so far (hand-off summaries) has finished. */
  idle(): Promise<void>;
  /** Whether this start seeded the demo (first start). */
  seeded: boolean;
  /** The demo admin's login, when this start created it (printed once by the server). */
  demoAdmin: { email: string; password: string } | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** In-memory PGlite instead of DATA_DIR (tests). */
  memory?: boolean;
  log?: Logger;
  compile?: (input: TrainingInput) => Promise<CompiledModel>;
  /** Admin authentication for /v1/admin (tests); default: the console session, admins only. */
  adminAuth?: MiddlewareHandler<AdminEnv>;
  widgetDir?: string;
  heartbeatMs?: number;
  /** Replaces the SMTP mailer (tests). */
  mailer?: Mailer;
}

export const DEMO_SITE_KEY = 'demo';

/**
 * Wires the adapters into the domain: opens the database, applies migrations, seeds the demo on
 * first start, and builds the Hono app. The server and the tests start Knowns the same way.
 */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, memory: options.memory });
  try {
    await applyMigrations(database);
    const { db } = database;

    let seeded = false;
    if (config.SEED_DEMO) {
      seeded = await seedSite(db, readDemoSeed(), [new URL(config.publicUrl).origin, ...config.EXTRA_ALLOWED_ORIGINS]);
      if (config.EXTRA_ALLOWED_ORIGINS.length) await allowOrigins(db, DEMO_SITE_KEY, config.EXTRA_ALLOWED_ORIGINS);
    }

    const secret = config.SECRET ?? (await sharedSecret(db));
    const hub = await createRealtimeHub(database, log);
    const store = createConversationStore(db);
    // Models are compiled in a worker thread: a long training never blocks a decision.
    const trainer = createTrainer();
    // Set once the optional LLM is wired (semantic retrieval); brains exist before it.
    let onBrainBuilt: (siteId: string, brain: Brain) => void = () => {};
    const brains = createBrains({
      // Live = what the last publish made live (see db/repositories/workshop.ts).
      load: (siteId) => loadLiveKnowledge(db, siteId),
      compile: options.compile ?? ((input) => trainer.train(input)),
      recordBuild: (siteId, model) => recordModelBuild(db, siteId, model),
      // Published knowledge changed: its embeddings catch up off the request path (optional LLM).
      onBuilt: (siteId, brain) => onBrainBuilt(siteId, brain),
      log,
    });

    const workshop = await wireWorkshop({
      database,
      brains,
      compile: options.compile ?? ((input) => trainer.train(input)),
      publicUrl: config.publicUrl,
      helpSiteKey: DEMO_SITE_KEY,
      log,
      requireAdmin: options.adminAuth,
    });

    let originCache: { at: number; origins: Promise<Set<string>> } | null = null;
    const isAllowedOrigin = async (origin: string) => {
      if (!originCache || Date.now() - originCache.at > 10_000) originCache = { at: Date.now(), origins: allAllowedOrigins(db) };
      return (await originCache.origins).has(origin);
    };

    // Work off the customer's critical path: awaited on close, failures logged, never thrown.
    const pending = new Set<Promise<void>>();
    const background = (task: () => Promise<void>) => {
      const p: Promise<void> = Promise.resolve()
        .then(task)
        .catch((e: unknown) => log.warn('background task failed', { error: (e as Error).message }))
        .finally(() => pending.delete(p));
      pending.add(p);
    };

    // No OPENAI_API_KEY: no LLM, and every feature takes its deterministic path.
    const llm: Llm = config.OPENAI_API_KEY
      ? createOpenAiLlm({
          apiKey: config.OPENAI_API_KEY,
          baseURL: config.OPENAI_BASE_URL,
          model: config.OPENAI_MODEL,
          embeddingModel: config.OPENAI_EMBEDDING_MODEL,
          timeoutMs: config.LLM_TIMEOUT_MS,
          maxRetries: config.LLM_MAX_RETRIES,
          redactPii: config.LLM_REDACT_PII,
          breaker: createCircuitBreaker({
            failures: config.LLM_BREAKER_FAILURES,
            cooldownMs: config.LLM_BREAKER_COOLDOWN_MS,
            onStateChange: (state) => log.warn('llm circuit', { state }),
          }),
          usage: createLlmUsageSink(db),
          log,
        })
      : nullLlm;
    const semantic = llm.configured
      ? createSemanticIndex({ embedder: llm, store: createEmbeddingStore(db), model: config.OPENAI_EMBEDDING_MODEL, background })
      : undefined;
    if (semantic) {
      onBrainBuilt = (siteId, brain) => background(async () => void (await semantic.sync(siteId, brain)));
      // Embed what is new since the last start (the seed, articles saved meanwhile), off the start-up path.
      background(async () => {
        for (const { id } of await db.select({ id: sites.id }).from(sites)) await semantic.sync(id, await brains.forSite(id));
      });
    }

    const consoleWiring = await wireConsole({ database, config, secret, hub, brains, store, log, mailer: options.mailer, llm });

    const app = createApp({
      ...consoleWiring.app,
      conversations: {
        store,
        brains,
        router: { route },
        events: hub,
        now: () => new Date(),
        llm,
        llmBudgetMs: config.LLM_TIMEOUT_MS,
        background,
        summaries: createTicketSummaryStore(db),
        semantic,
        slaHours: consoleWiring.slaHours,
      },
      hub,
      tokens: createTokenSigner(secret),
      log,
      publicUrl: config.publicUrl,
      trustProxy: config.TRUST_PROXY,
      rateLimits: {
        perIp: config.RATE_LIMIT_PER_IP,
        perConversation: config.RATE_LIMIT_PER_CONVERSATION,
        disabled: config.RATE_LIMIT_DISABLED,
      },
      isAllowedOrigin,
      health: async () => {
        const up = await database.ping();
        return { ok: up, detail: { database: up ? 'up' : 'down', driver: database.driver, migrations: 'applied' } };
      },
      pages: {
        widgetDir: options.widgetDir ?? defaultWidgetDir,
        findSite: (key) => store.findSiteByKey(key),
        demoSiteKey: DEMO_SITE_KEY,
      },
      heartbeatMs: options.heartbeatMs,
      admin: workshop.admin,
      adminLlm: {
        configured: llm.configured,
        model: config.OPENAI_MODEL,
        sites: workshop.admin.sites,
        usage: (siteId, since) => llmUsageForSite(db, siteId, since),
        brandVoice: { get: (siteId) => getBrandVoice(db, siteId), set: (siteId, voice) => setBrandVoice(db, siteId, voice) },
        requireAdmin: workshop.admin.requireAdmin,
        now: () => new Date(),
      },
      help: workshop.help,
    });

    return {
      app,
      database,
      brains,
      hub,
      log,
      config,
      workshop: workshop.workshop,
      llm,
      async idle() {
        while (pending.size) await Promise.allSettled([...pending]);
      },
      seeded,
      demoAdmin: consoleWiring.demoAdmin,
      async close() {
        await consoleWiring.close();
        while (pending.size) await Promise.allSettled([...pending]);
        await workshop.close();
        await trainer.close();
        await hub.close();
        await database.close();
      },
    };
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
}
