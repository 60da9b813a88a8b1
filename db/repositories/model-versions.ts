import type { Db } from '../client.js';
import { modelVersions } from '../schema/index.js';
import type { CompiledModel } from '../../api/domain/routing/types.js';

export async function recordModelBuild(db: Db, siteId: string, model: CompiledModel, builtBy = 'system'): Promise<void> {
  await db.insert(modelVersions).values({ siteId, version: model.version, stats: model.stats, builtBy });
}
