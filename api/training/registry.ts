/**
 * The live compiled model. `swap` replaces it in one assignment, so a decision — which reads
 * `current()` once and uses that object throughout — always sees one whole model, never a mix.
 */
import type { CompiledModel } from '../domain/routing/index.js';

export interface ModelRegistry {
  current(): CompiledModel;
  swap(next: CompiledModel): void;
}

export function createModelRegistry(initial: CompiledModel): ModelRegistry {
  let live = initial;
  return {
    current: () => live,
    swap(next) {
      live = next;
    },
  };
}
