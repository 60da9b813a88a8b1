import type { Brain, BrainProvider } from '../domain/knowledge/brain.js';
import type { CompiledModel, TrainingInput } from '../domain/routing/types.js';
import type { SiteKnowledge } from '../../db/repositories/knowledge.js';
import type { Logger } from '../log.js';

export interface BrainDeps {
  load(siteId: string): Promise<SiteKnowledge>;
  compile(input: TrainingInput): Promise<CompiledModel>;
  recordBuild?(siteId: string, model: CompiledModel): Promise<void>;
  /** Told of every brain built (first use, publish, rollback): e.g. embeddings catch up. */
  onBuilt?(siteId: string, brain: Brain): void;
  log: Logger;
}

export interface Brains extends BrainProvider {
  /** Rebuilds a site's brain off the request path; the old one answers until the new one is swapped in. */
  rebuild(siteId: string): Promise<Brain>;
}

/** Caches one brain per site; a rebuild replaces it atomically (one reference swap). */
export function createBrains(deps: BrainDeps): Brains {
  const live = new Map<string, Promise<Brain>>();
  const build = async (siteId: string): Promise<Brain> => {
    const started = Date.now();
    const k = await deps.load(siteId);
    const model = await deps.compile({ intents: k.intents, articles: k.articles, solvedTickets: k.solvedTickets });
    await deps.recordBuild?.(siteId, model);
    deps.log.info('routing model built', { siteId, version: model.version, ms: Date.now() - started, ...model.stats });
    const brain: Brain = {
      model,
      intents: new Map(k.intents.map((i) => [i.id, i])),
      articles: new Map(k.articles.map((a) => [a.id, a])),
    };
    deps.onBuilt?.(siteId, brain);
    return brain;
  };
  return {
    forSite(siteId) {
      let brain = live.get(siteId);
      if (!brain) {
        brain = build(siteId);
        live.set(siteId, brain);
        brain.catch(() => live.delete(siteId));
      }
      return brain;
    },
    async rebuild(siteId) {
      const next = await build(siteId);
      live.set(siteId, Promise.resolve(next));
      return next;
    },
  };
}
