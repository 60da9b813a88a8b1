/**
 * compileModel: TrainingInput → CompiledModel. Runs off the request path (see api/training),
 * deterministic for a given input (apart from `builtAt`).
 *
 * Training texts per enabled intent: its example questions (weight 1); its description,
 * keywords and phrases, the title and keywords of the article it answers with, and the questions
 * of tickets solved under it are weaker examples (weight 0.5). Disabled intents are left out
 * entirely, so they can never win.
 */
import type { CalibrationParams } from './calibrate.js';
import { buildExampleIndex, trainSoftmax, type SoftmaxOptions } from './classifier.js';
import type { DecisionParams } from './decide.js';
import { buildVocabulary, extract, vectorise, type FeatureConfig } from './features.js';
import { ENGINE_FORMAT, type EngineData, type EngineParams } from './model.js';
import { normalise } from './normalise.js';
import { buildRetrievalIndex } from './retrieval.js';
import { compileRules } from './rules.js';
import type { CompiledModel, TrainingInput, TrainingOptions } from './types.js';

export const CLASSIFIER_FEATURES: FeatureConfig = {
  words: true,
  bigrams: true,
  charMin: 2,
  charMax: 5,
  groupWeights: [1, 0.5, 1],
};

export const SOFTMAX: SoftmaxOptions = { epochs: 6, fullEpochs: 2, negatives: 20, lr: 3, l2: 1e-6, seed: 42 };

export const DEFAULT_CALIBRATION: CalibrationParams = {
  lrWeight: 1,
  knnWeight: 2,
  ruleWeight: 3,
  temperature: 1,
  simFloor: 0.5,
  simPower: 1,
};

export const DEFAULT_DECISION: DecisionParams = {
  answerThreshold: 0.6,
  oosThreshold: 0.3,
  minMargin: 0.2,
  choiceFloor: 0.05,
  articleAnswer: 0.35,
  articleClarify: 0.2,
  ticketThreshold: 0.45,
  contraryEvidence: 0.5,
};

const WEAK = 0.5;

/** A short, stable fingerprint of the training input (FNV-1a over its JSON). */
function fingerprint(input: TrainingInput): string {
  const s = JSON.stringify([input.intents, input.articles, input.solvedTickets]);
  let h1 = 0x811c9dc5;
  let h2 = 0x12345678;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function compileModel(input: TrainingInput, options: TrainingOptions = {}): CompiledModel {
  const intents = input.intents.filter((i) => i.enabled);
  const articleById = new Map(input.articles.map((a) => [a.id, a]));
  const classOf = new Map(intents.map((it, c) => [it.id, c]));

  // Training texts.
  const texts: string[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  intents.forEach((it, c) => {
    const seen = new Set<string>();
    const push = (t: string, w: number): void => {
      const k = t.trim();
      if (k.length === 0 || seen.has(k.toLowerCase())) return;
      seen.add(k.toLowerCase());
      texts.push(k);
      labels.push(c);
      weights.push(w);
    };
    for (const e of it.examples) push(e, 1);
    push(it.description, WEAK);
    for (const p of it.phrases) push(p, WEAK);
    if (it.keywords.length > 0) push(it.keywords.join(' '), WEAK);
    if (it.answer?.kind === 'article') {
      const a = articleById.get(it.answer.articleId);
      if (a) {
        push(a.title, WEAK);
        if (a.keywords.length > 0) push(a.keywords.join(' '), WEAK);
      }
    }
  });
  for (const t of input.solvedTickets) {
    const c = t.intentId === null ? undefined : classOf.get(t.intentId);
    if (c === undefined) continue;
    texts.push(t.question);
    labels.push(c);
    weights.push(WEAK);
  }

  const raws = texts.map((t) => extract(normalise(t), CLASSIFIER_FEATURES));
  const vectoriser = buildVocabulary(raws, CLASSIFIER_FEATURES);
  const X = raws.map((r) => vectorise(r, vectoriser).vec);
  const y = Int32Array.from(labels);
  const w = Float32Array.from(weights);
  const nF = vectoriser.idf.length;
  const linear = trainSoftmax(X, y, w, nF, intents.length, SOFTMAX);
  const examples = buildExampleIndex(X, y, w, nF);

  const params: EngineParams = {
    calibration: { ...DEFAULT_CALIBRATION },
    decision: { ...DEFAULT_DECISION, ...(options.threshold !== undefined ? { oosThreshold: options.threshold } : {}) },
  };

  const articles = buildRetrievalIndex(
    input.articles.map((a) => ({ id: a.id, fields: [[a.title, 2], [a.keywords.join(' '), 2], [a.body, 1]] as [string, number][] })),
  );
  const tickets = buildRetrievalIndex(input.solvedTickets.map((t) => ({ id: t.id, fields: [[t.question, 1]] as [string, number][] })));

  const data: EngineData = {
    format: ENGINE_FORMAT,
    params,
    intents: intents.map((it) => ({
      id: it.id,
      name: it.name,
      reason: it.reason,
      articleId: it.answer?.kind === 'article' ? it.answer.articleId : null,
    })),
    vectoriser,
    linear,
    examples,
    exampleTexts: texts,
    rules: compileRules(intents),
    articles: { ...articles, titles: input.articles.map((a) => a.title) },
    tickets: {
      ...tickets,
      numbers: input.solvedTickets.map((t) => t.number),
      solvedBy: input.solvedTickets.map((t) => t.solvedBy),
      intentIds: input.solvedTickets.map((t) => t.intentId),
    },
  };
  return {
    version: options.version ?? `m-${fingerprint(input)}`,
    builtAt: new Date().toISOString(),
    stats: {
      intents: intents.length,
      examples: intents.reduce((n, it) => n + it.examples.length, 0),
      articles: input.articles.length,
      solvedTickets: input.solvedTickets.length,
    },
    data,
  };
}

/**
 * The same model with a different out-of-scope threshold (what the eval command picks on a
 * validation set). Shares all trained data with the original.
 */
export function withThreshold(model: CompiledModel, threshold: number): CompiledModel {
  const d = model.data as EngineData;
  const data: EngineData = { ...d, params: { ...d.params, decision: { ...d.params.decision, oosThreshold: threshold } } };
  return { ...model, data };
}
