/**
 * The intent routing engine: public surface. Pure TypeScript, no I/O.
 *
 *   compileModel(input, options?) → CompiledModel   (train; run it off the request path)
 *   route(model, {text, context}) → Decision          (decide; pure, deterministic, traced)
 *   intentsFromLabelledRows(rows) → IntentSpec[]      (the import path for labelled examples)
 */
export * from './types.js';
export { compileModel, withThreshold } from './compile.js';
export { route } from './route.js';
export { intentsFromLabelledRows, type LabelledRow } from './import.js';

import { route } from './route.js';
import type { Router } from './types.js';

/** The engine as a Router port implementation. */
export const router: Router = { route };
