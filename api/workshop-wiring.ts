/**
 * Wires the admin workshop (api/domain/publishing) and the public help center to the database:
 * the workshop store, the draft model, the cross-process "a publish happened" channel, and the
 * admin routes' dependencies. Called once by createRuntime.
 */
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/client.js';
import {
  createWorkshopStore,
  ensureBaseline,
  deleteGoldenQuestion,
  findHelpArticle,
  gapQuestions,
  getSiteSettings,
  listGoldenQuestions,
  listHelpArticles,
  loadDraftKnowledge,
  recentCustomerQuestions,
  saveGoldenQuestions,
  searchHelpArticles,
  updateSiteSettings,
} from '../db/repositories/workshop.js';
import { sites } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { route } from './domain/routing/index.js';
import type { CompiledModel, TrainingInput } from './domain/routing/types.js';
import { createWorkshop } from './domain/publishing/workshop.js';
import type { AdminEnv, AdminRouteDeps } from './http/routes/admin.js';
import type { HelpDeps } from './http/routes/help.js';
import type { Brains } from './knowledge/brains.js';
import type { Logger } from './log.js';
import { createAccountStore } from '../db/repositories/accounts.js';
import { adminSession } from './http/admin-session.js';

/** Every API process listens here; a publish or rollback anywhere makes each one rebuild that site's model. */
export const MODELS_CHANNEL = 'knowns_models';

export interface WorkshopWiringDeps {
  database: Database;
  brains: Brains;
  compile(input: TrainingInput): Promise<CompiledModel>;
  publicUrl: string;
  /** The site the public help center shows. */
  helpSiteKey: string;
  log: Logger;
  /** Admin authentication; default: the console's session cookie and CSRF token, admins only. */
  requireAdmin?: MiddlewareHandler<AdminEnv>;
}

export async function wireWorkshop(deps: WorkshopWiringDeps) {
  const { db } = deps.database;
  const store = createWorkshopStore(db);
  // A random id per process, so a process does not rebuild twice for its own publish.
  const self = crypto.randomUUID();

  const unlisten = await deps.database.listen(MODELS_CHANNEL, (payload) => {
    try {
      const msg = JSON.parse(payload) as { siteId?: string; from?: string };
      if (!msg.siteId || msg.from === self) return;
      deps.brains.rebuild(msg.siteId).catch((e: unknown) => deps.log.error('model rebuild after publish failed', { siteId: msg.siteId, error: (e as Error).message }));
    } catch {
      deps.log.warn('models channel: ignored a malformed notification');
    }
  });

  const workshop = createWorkshop({
    store,
    loadDraft: (siteId) => loadDraftKnowledge(db, siteId),
    compile: deps.compile,
    live: deps.brains,
    router: { route },
    announce: (siteId) => deps.database.notify(MODELS_CHANNEL, JSON.stringify({ siteId, from: self })),
    recentQuestions: (siteId, days) => recentCustomerQuestions(db, siteId, days),
    goldenQuestions: (siteId) => listGoldenQuestions(db, siteId),
    gapQuestions: (siteId, days) => gapQuestions(db, siteId, days),
    publicUrl: deps.publicUrl,
  });

  const listSites = () => db.select({ id: sites.id, key: sites.key, name: sites.name }).from(sites).orderBy(sites.key);
  // Record what is live now as publish #1 before anyone edits: from then on, edits are drafts.
  for (const s of await listSites()) await ensureBaseline(db, s.id);

  const admin: AdminRouteDeps = {
    workshop,
    store,
    goldens: {
      list: (siteId) => listGoldenQuestions(db, siteId),
      save: (siteId, items) => saveGoldenQuestions(db, siteId, items),
      delete: (siteId, id) => deleteGoldenQuestion(db, siteId, id),
    },
    settings: {
      get: (siteId) => getSiteSettings(db, siteId),
      update: (siteId, patch) => updateSiteSettings(db, siteId, patch),
    },
    sites: listSites,
    requireAdmin: deps.requireAdmin ?? adminSession({ accounts: { store: createAccountStore(db), now: () => new Date() }, publicUrl: deps.publicUrl }),
  };

  const help: Omit<HelpDeps, 'publicUrl'> = {
    async site() {
      const [s] = await db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.key, deps.helpSiteKey));
      return s ?? null;
    },
    list: (siteId) => listHelpArticles(db, siteId),
    find: (siteId, slug) => findHelpArticle(db, siteId, slug),
    search: (siteId, q) => searchHelpArticles(db, siteId, q),
  };

  return {
    workshop,
    admin,
    help,
    async close() {
      await unlisten().catch(() => undefined);
    },
  };
}
