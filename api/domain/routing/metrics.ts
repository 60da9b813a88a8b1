/**
 * Evaluation metrics for intent classification with out-of-scope detection (pure).
 *
 * - in-scope accuracy: over rows whose gold intent is not null, a row counts only when the
 *   predicted intent is right and it was not declared out of scope;
 * - out-of-scope recall / precision: of the "out of scope" decision;
 * - macro-F1: mean F1 over every gold in-scope intent plus the out-of-scope class (when the test
 *   set has out-of-scope rows), out-of-scope predictions counting as that class;
 * - top-1 accuracy: over in-scope rows, the top intent is right whether or not the row was declared
 *   out of scope, and how many right rows the out-of-scope decision turned away. Together they
 *   separate what the classifier gets wrong from what the out-of-scope threshold costs.
 */

export interface Prediction {
  gold: string | null;
  /** Predicted intent (the top candidate), or null when declared out of scope. */
  predicted: string | null;
  /** The top intent before the out-of-scope decision (defaults to `predicted`). */
  top?: string | null;
}

export interface Metrics {
  inScopeAccuracy: number;
  oosRecall: number;
  oosPrecision: number;
  macroF1: number;
  /** In-scope rows whose top intent is right, ignoring the out-of-scope decision. */
  top1Accuracy: number;
  /** In-scope rows whose top intent was right but that were declared out of scope. */
  rightButRejected: number;
  inScope: number;
  outOfScope: number;
}

export function computeMetrics(preds: readonly Prediction[]): Metrics {
  const OOS = '\u0000oos';
  const key = (s: string | null): string => (s === null ? OOS : s);
  let inScope = 0;
  let correctIn = 0;
  let top1 = 0;
  let rightButRejected = 0;
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
      const top = p.top === undefined ? p.predicted : p.top;
      if (top === p.gold) {
        top1++;
        if (p.predicted === null) rightButRejected++;
      }
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
    top1Accuracy: inScope === 0 ? 0 : top1 / inScope,
    rightButRejected,
    inScope,
    outOfScope: oos,
  };
}

/**
 * The default floor on validation out-of-scope recall for {@link pickThreshold}: "catch at least
 * four in five of the questions the bot cannot answer".
 */
export const DEFAULT_MIN_OOS_RECALL = 0.8;

/**
 * Pick the out-of-scope threshold on validation predictions: a row is declared out of scope
 * when its confidence is below the threshold.
 *
 * Objective: maximise in-scope accuracy subject to out-of-scope recall ≥ `minOosRecall`
 * (ties: the higher recall, then the lower threshold). Both terms are rates within their own
 * class, so the choice does not depend on how many out-of-scope rows the validation set happens
 * to hold (CLINC150's has 100 against 3,000 in scope; a live site's traffic has another mix).
 * Maximising the plain sum (in-scope accuracy + out-of-scope recall) instead treats one
 * out-of-scope row as worth 30 in-scope ones on such a set and rejects far too much; a recall
 * floor states the trade-off an admin actually makes. Rows without any out-of-scope example
 * (BANKING77-style data) cannot measure recall: the floor counts as met, so the pick is the
 * lowest threshold with the best in-scope accuracy (normally 0: nothing declared out of scope).
 */
export function pickThreshold(
  rows: readonly { gold: string | null; top: string | null; confidence: number }[],
  minOosRecall = DEFAULT_MIN_OOS_RECALL,
): number {
  const nIn = rows.filter((r) => r.gold !== null).length;
  const nOut = rows.length - nIn;
  const sorted = [...rows].sort((a, b) => a.confidence - b.confidence);
  // Threshold just above sorted[i] declares rows 0..i out of scope.
  let correctIn = rows.filter((r) => r.gold !== null && r.top === r.gold).length;
  let oosHit = 0;
  // [feasible, in-scope accuracy, recall]; compared lexicographically.
  const better = (a: [number, number, number], b: [number, number, number]): boolean => {
    for (let k = 0; k < 3; k++) if (Math.abs(a[k] - b[k]) > 1e-12) return a[k] > b[k];
    return false;
  };
  const score = (): [number, number, number] => {
    const acc = nIn ? correctIn / nIn : 0;
    const rec = nOut ? oosHit / nOut : 1;
    // Infeasible thresholds compete on recall first (the top one, rejecting everything, is always feasible).
    return rec + 1e-12 >= minOosRecall ? [1, acc, rec] : [0, rec, acc];
  };
  let best = score();
  let bestT = 0;
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    if (r.gold === null) oosHit++;
    else if (r.top === r.gold) correctIn--;
    if (i + 1 < sorted.length && sorted[i + 1].confidence === r.confidence) continue;
    const t = i + 1 < sorted.length ? (r.confidence + sorted[i + 1].confidence) / 2 : r.confidence + 1e-6;
    const s = score();
    if (better(s, best)) {
      best = s;
      bestT = t;
    }
  }
  return bestT;
}
