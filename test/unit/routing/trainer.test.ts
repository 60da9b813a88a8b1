import { afterAll, describe, expect, it } from 'vitest';
import { compileModel, route, type CompiledModel } from '../../../api/domain/routing/index.js';
import { createModelRegistry, createTrainer } from '../../../api/training/index.js';
import { CTX, INPUT } from './fixture.js';

const trainer = createTrainer();
afterAll(() => trainer.close());

describe('trainer (worker thread) and model registry', () => {
  it('trains in a worker and returns a model equivalent to an in-process one', async () => {
    const remote = await trainer.train(INPUT, { version: 'w-1' });
    const local = compileModel(INPUT, { version: 'w-1' });
    for (const text of ['where is my parcel', 'when', 'my invoice has the wrong vat number'])
      expect(route(remote, { text, context: CTX })).toEqual(route(local, { text, context: CTX }));
  });

  it('reports training errors as a rejected promise', async () => {
    await expect(trainer.train({ intents: null } as never)).rejects.toThrow(/training failed/);
  });

  it('retraining swaps atomically while decisions continue', async () => {
    const v1 = compileModel(INPUT, { version: 'v1' });
    const registry = createModelRegistry(v1);
    const withGift = {
      ...INPUT,
      intents: [...INPUT.intents, { ...INPUT.intents[4], id: 'gift-wrap', name: 'gift wrap', examples: ['do you offer gift wrapping', 'can you wrap it as a gift', 'gift wrap my order'] }],
    };
    const seen: { version: string; winner: string | null }[] = [];
    let stop = false;
    // Decisions keep flowing on the event loop while the worker trains.
    const loop = (async () => {
      while (!stop) {
        const model: CompiledModel = registry.current(); // read once: one whole model per decision
        const d = route(model, { text: 'can you gift wrap it', context: CTX });
        seen.push({ version: d.modelVersion, winner: d.candidates[0]?.id ?? null });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const v2 = await trainer.train(withGift, { version: 'v2' });
    const before = seen.length;
    registry.swap(v2);
    while (seen.length < before + 3) await new Promise((r) => setImmediate(r));
    stop = true;
    await loop;

    expect(before).toBeGreaterThan(0); // decisions were made during training
    const versions = seen.map((s) => s.version);
    const firstV2 = versions.indexOf('v2');
    expect(firstV2).toBeGreaterThan(0);
    expect(versions.slice(0, firstV2).every((v) => v === 'v1')).toBe(true);
    expect(versions.slice(firstV2).every((v) => v === 'v2')).toBe(true);
    // Each decision is consistent with the model it names: only v2 knows the new intent.
    for (const s of seen) expect(s.winner === 'gift-wrap').toBe(s.version === 'v2');
    expect(registry.current().version).toBe('v2');
  });
});
