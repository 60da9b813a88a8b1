import { describe, expect, it } from 'vitest';
import { buildExampleIndex, logits, nearestByClass, prng, trainSoftmax } from '../../../api/domain/routing/classifier.js';
import { buildVocabulary, extract, vectorise, type FeatureConfig } from '../../../api/domain/routing/features.js';
import { normalise } from '../../../api/domain/routing/normalise.js';

const CFG: FeatureConfig = { words: true, bigrams: true, charMin: 2, charMax: 5, groupWeights: [1, 0.5, 1] };
const TRAIN: [string, number][] = [
  ['reset my password', 0],
  ['forgot password', 0],
  ['password does not work', 0],
  ['track my parcel', 1],
  ['where is my parcel', 1],
  ['parcel not delivered', 1],
  ['open on sunday', 2],
  ['opening hours today', 2],
  ['when do you open', 2],
];

function setup() {
  const raws = TRAIN.map(([t]) => extract(normalise(t), CFG));
  const v = buildVocabulary(raws, CFG);
  const X = raws.map((r) => vectorise(r, v).vec);
  const y = Int32Array.from(TRAIN.map(([, c]) => c));
  const w = new Float32Array(TRAIN.length).fill(1);
  const model = trainSoftmax(X, y, w, v.idf.length, 3, { epochs: 8, fullEpochs: 8, negatives: 0, lr: 3, l2: 1e-5, seed: 7 });
  const index = buildExampleIndex(X, y, w, v.idf.length);
  const vec = (t: string) => vectorise(extract(normalise(t), CFG), v);
  return { model, index, vec };
}

const argmax = (z: ArrayLike<number>) => Array.from(z).reduce((b, x, i, a) => (x > a[b] ? i : b), 0);

describe('classifier', () => {
  const { model, index, vec } = setup();

  it.each([
    ['i forgot my passwrd', 0], // typo: character n-grams
    ['where is the parcel', 1],
    ['are you open sundays', 2],
  ])('softmax: %s → class %i', (text, cls) => {
    expect(argmax(logits(model, vec(text).vec))).toBe(cls);
  });

  it('nearest example: best cosine per class, with the example', () => {
    const { sim, example } = nearestByClass(index, 3, vec('where is my parcel').vec);
    expect(argmax(sim)).toBe(1);
    expect(sim[1]).toBeCloseTo(1, 5);
    expect(example[1]).toBe(4);
  });

  it('unknown words weaken the vector (out-of-scope signal)', () => {
    expect(vec('password').unknownMass).toBe(0);
    expect(vec('zebra xylophone').unknownMass).toBeGreaterThan(0.9); // a few character n-grams are known
    const half = vec('password zebra').unknownMass;
    expect(half).toBeGreaterThan(0.2);
    expect(half).toBeLessThan(0.9);
  });

  it('training is deterministic for a seed', () => {
    expect(Array.from(setup().model.W)).toEqual(Array.from(model.W));
  });

  it('prng is seeded', () => {
    const a = prng(1);
    const b = prng(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
