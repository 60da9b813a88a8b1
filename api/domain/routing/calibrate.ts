/**
 * Stage 5 — calibration: turn the stages' raw scores into one confidence per intent.
 *
 * combined logit(c) = lrWeight · classifier logit(c) + knnWeight · best example cosine(c)
 *                     + ruleWeight · rule evidence(c);  vetoed intents get −∞.
 * probability = softmax(combined / temperature). The confidence that drives the decision is the
 * top probability, damped when even the nearest example is far (an absolute similarity the
 * softmax cannot see): confidence = p₁ · min(1, maxSim / simFloor)^simPower.
 */

export interface CalibrationParams {
  lrWeight: number;
  knnWeight: number;
  ruleWeight: number;
  temperature: number;
  simFloor: number;
  simPower: number;
}

export interface Calibrated {
  probs: Float64Array;
  /** Class indices, best first (all classes, ties by index). */
  order: Int32Array;
  confidence: number;
  margin: number;
  maxSim: number;
  /** The similarity damping applied to the top probability (1 = none). */
  damping: number;
  /** The class that would win without rule evidence, and its probability then. */
  withoutRules: { top: number; prob: number };
}

function softmaxInto(z: Float64Array, t: number): Float64Array {
  const p = new Float64Array(z.length);
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c] > max) max = z[c];
  if (max === -Infinity) return p;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    p[c] = z[c] === -Infinity ? 0 : Math.exp((z[c] - max) / t);
    sum += p[c];
  }
  for (let c = 0; c < z.length; c++) p[c] /= sum;
  return p;
}

function argmax(p: Float64Array): number {
  let best = -1;
  for (let c = 0; c < p.length; c++) if (best < 0 || p[c] > p[best]) best = c;
  return best;
}

export function calibrate(
  lr: Float64Array,
  knn: Float64Array,
  rules: Float64Array,
  vetoed: Uint8Array,
  params: CalibrationParams,
): Calibrated {
  const C = lr.length;
  const z = new Float64Array(C);
  const z0 = new Float64Array(C);
  let maxSim = 0;
  for (let c = 0; c < C; c++) {
    if (vetoed[c]) {
      z[c] = z0[c] = -Infinity;
      continue;
    }
    z0[c] = params.lrWeight * lr[c] + params.knnWeight * knn[c];
    z[c] = z0[c] + params.ruleWeight * rules[c];
    if (knn[c] > maxSim) maxSim = knn[c];
    // A phrase or keyword match is as good as a near example for the similarity damping.
    if (rules[c] * params.simFloor > maxSim) maxSim = rules[c] * params.simFloor;
  }
  const probs = softmaxInto(z, params.temperature);
  const p0 = softmaxInto(z0, params.temperature);
  const order = new Int32Array(C);
  for (let c = 0; c < C; c++) order[c] = c;
  order.sort((a, b) => probs[b] - probs[a] || a - b);
  const p1 = C > 0 ? probs[order[0]] : 0;
  const p2 = C > 1 ? probs[order[1]] : 0;
  const damp = Math.pow(Math.min(1, maxSim / params.simFloor), params.simPower);
  const top0 = argmax(p0);
  return {
    probs,
    order,
    confidence: p1 * damp,
    margin: p1 - p2,
    maxSim,
    damping: damp,
    withoutRules: { top: top0, prob: top0 >= 0 ? p0[top0] : 0 },
  };
}
