/**
 * The engine-private content of a CompiledModel (`model.data`). Plain data and typed arrays only,
 * so it crosses a worker-thread boundary by structured clone.
 */
import type { CalibrationParams } from './calibrate.js';
import type { LinearModel, ExampleIndex } from './classifier.js';
import type { DecisionParams } from './decide.js';
import type { Vectoriser } from './features.js';
import type { RetrievalIndex } from './retrieval.js';
import type { CompiledRules } from './rules.js';
import type { CompiledModel, Reason } from './types.js';

export const ENGINE_FORMAT = 'knowns-router/1';

export interface EngineParams {
  calibration: CalibrationParams;
  decision: DecisionParams;
}

export interface EngineData {
  format: typeof ENGINE_FORMAT;
  params: EngineParams;
  /** Enabled intents, in class order. */
  intents: { id: string; name: string; reason: Reason; articleId: string | null }[];
  vectoriser: Vectoriser;
  linear: LinearModel;
  examples: ExampleIndex;
  /** Text of every indexed example, for the trace ("nearest example: …"). */
  exampleTexts: string[];
  rules: CompiledRules;
  articles: RetrievalIndex & { titles: string[] };
  tickets: RetrievalIndex & { numbers: number[]; solvedBy: (string | null)[]; intentIds: (string | null)[] };
}

export function engineData(model: CompiledModel): EngineData {
  const d = model.data as EngineData | null;
  if (!d || d.format !== ENGINE_FORMAT) throw new Error(`Unsupported compiled model format (version ${model.version})`);
  return d;
}
