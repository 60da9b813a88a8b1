/**
 * Evaluation metrics for intent classification with out-of-scope detection (pure).
 *
 * - in-scope accuracy: over rows whose gold intent is not null, a row counts only when the
 *   predicted intent is right and it was not declared out of scope;
 * - out-of-scope recall / precision: of the "out of scope" decision;
 * - macro-F1: mean F1 over every gold in-scope intent plus the out-of-scope class (when the test
 *   set has out-of-scope rows), out-of-scope predictions counting as that class.
 */

export interface Prediction {
  gold: string | null;
  /** Predicted intent (the top candidate), or null when declared out of scope. */
  predicted: string | null;
}

export interface Metrics {
  inScopeAccuracy: number;
  oosRecall: number;
  oosPrecision: number;
  macroF1: number;
  inScope: number;
  outOfScope: number;
}

export function computeMetrics(preds: readonly Prediction[]): Metrics {
  const OOS = '\u0000oos';
  const key = (s: string | null): string => (s === null ? OOS : s);
  let inScope = 0;
  let correctIn = 0;
  let oos = 0;
  let oosHit = 0;
  let oosPredicted = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  const classes = new Set<string>();
  for (const p of preds) {
    const g = key(p.gold);
    const q = key(p.predicted);
    classes.add(g);
    if (p.gold === null) {
      oos++;
      if (p.predicted === null) oosHit++;
    } else {
      inScope++;
      if (p.predicted === p.gold) correctIn++;
    }
    if (p.predicted === null) oosPredicted++;
    if (g === q) inc(tp, g);
    else {
      inc(fn, g);
      inc(fp, q);
    }
  }
  let f1Sum = 0;
  for (const c of classes) {
    const t = tp.get(c) ?? 0;
    const denom = 2 * t + (fp.get(c) ?? 0) + (fn.get(c) ?? 0);
    f1Sum += denom === 0 ? 0 : (2 * t) / denom;
  }
  return {
    inScopeAccuracy: inScope === 0 ? 0 : correctIn / inScope,
    oosRecall: oos === 0 ? 0 : oosHit / oos,
    oosPrecision: oosPredicted === 0 ? 0 : oosHit / oosPredicted,
    macroF1: classes.size === 0 ? 0 : f1Sum / classes.size,
    inScope,
    outOfScope: oos,
  };
}

/**
 * Pick the out-of-scope threshold on validation predictions: a row is declared out of scope
 * when its confidence is below the threshold. Maximises in-scope accuracy + out-of-scope recall
 * (ties: the lower threshold).
 */
export function pickThreshold(rows: readonly { gold: string | null; top: string | null; confidence: number }[]): number {
  const nIn = rows.filter((r) => r.gold !== null).length;
  const nOut = rows.length - nIn;
  const sorted = [...rows].sort((a, b) => a.confidence - b.confidence);
  // Threshold just above sorted[i] declares rows 0..i out of scope.
  let correctIn = rows.filter((r) => r.gold !== null && r.top === r.gold).length;
  let oosHit = 0;
  const score = (): number => (nIn ? correctIn / nIn : 0) + (nOut ? oosHit / nOut : 0);
  let best = score();
  let bestT = 0;
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    if (r.gold === null) oosHit++;
    else if (r.top === r.gold) correctIn--;
    if (i + 1 < sorted.length && sorted[i + 1].confidence === r.confidence) continue;
    const t = i + 1 < sorted.length ? (r.confidence + sorted[i + 1].confidence) / 2 : r.confidence + 1e-6;
    const s = score();
    if (s > best + 1e-12) {
      best = s;
      bestT = t;
    }
  }
  return bestT;
}
