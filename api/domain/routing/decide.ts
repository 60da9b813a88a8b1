/**
 * Stage 6 — decision: place the message in a quadrant of the Known-Knowns framework.
 *
 * In order:
 *  1. Known-Known   — the top intent's confidence ≥ answerThreshold and its probability leads
 *                     the next by ≥ minMargin → answer with it. Not when it wins only through
 *                     rule evidence while the classifier alone is confident in another intent
 *                     (rules are strong evidence, not a verdict), nor when it was already
 *                     answered in this conversation and the customer said "No".
 *  2. Known-Unknown — confidence ≥ oosThreshold → offer the top two or three as choices.
 *  3. An article matches strongly on its own (no intent) → answer with it (≥ articleAnswer) or
 *     offer the best articles as choices (≥ articleClarify).
 *  4. Unknown-Known — a solved ticket is similar (≥ ticketThreshold) → collect contact; the
 *                     ticket is routed with the similar tickets attached.
 *  5. Unknown-Unknown — nothing similar → collect contact, flag for escalation, content gap.
 */
import type { Candidate, ConversationContext, Quadrant, RouteAction } from './types.js';

export interface DecisionParams {
  answerThreshold: number;
  oosThreshold: number;
  minMargin: number;
  /** Probability floor for an intent to be offered as a choice. */
  choiceFloor: number;
  articleAnswer: number;
  articleClarify: number;
  ticketThreshold: number;
  /** Classifier probability (without rules) above which a rule-only winner is "contrary evidence". */
  contraryEvidence: number;
}

export interface DecideInput {
  intentCandidates: Candidate[]; // best first
  articleCandidates: Candidate[]; // best first, by retrieval score
  confidence: number;
  margin: number;
  ruleOnlyWinAgainstClassifier: boolean;
  topAlreadyRejected: boolean;
  bestTicketScore: number;
  context: ConversationContext;
}

export interface Verdict {
  quadrant: Quadrant;
  action: RouteAction;
  intentId: string | null;
  articleId: string | null;
  candidates: Candidate[];
  why: string;
}

export function decide(d: DecideInput, p: DecisionParams): Verdict {
  const intents = d.intentCandidates;
  const top = intents[0];
  const answerT = Math.max(p.answerThreshold, p.oosThreshold);
  const choices = (): Candidate[] => {
    const list = intents.filter((c, i) => i < 2 || c.score >= p.choiceFloor).slice(0, 3);
    for (const a of d.articleCandidates) {
      if (list.length >= 3) break;
      if (list.length < 2 || a.score >= p.articleClarify) list.push(a);
    }
    return list;
  };
  if (top && d.confidence >= answerT && d.margin >= p.minMargin) {
    if (d.ruleOnlyWinAgainstClassifier) {
      const c = choices();
      if (c.length >= 2)
        return { quadrant: 'known-unknown', action: 'clarify', intentId: null, articleId: null, candidates: c, why: 'the winning intent matched on keywords only, against a confident classifier: offering choices' };
    } else if (d.topAlreadyRejected) {
      const c = choices();
      if (c.length >= 2)
        return { quadrant: 'known-unknown', action: 'clarify', intentId: null, articleId: null, candidates: c, why: `"${top.label}" was already answered and the customer said No: offering choices` };
    } else {
      return { quadrant: 'known-known', action: 'answer', intentId: top.id, articleId: null, candidates: intents.slice(0, 3), why: `"${top.label}" is confident (${d.confidence.toFixed(2)} ≥ ${answerT.toFixed(2)}) with a clear margin (${d.margin.toFixed(2)})` };
    }
  }
  if (top && d.confidence >= p.oosThreshold) {
    const c = choices();
    if (c.length >= 2)
      return { quadrant: 'known-unknown', action: 'clarify', intentId: null, articleId: null, candidates: c, why: `confidence ${d.confidence.toFixed(2)} is between the thresholds or the margin is small: offering choices` };
    return { quadrant: 'known-known', action: 'answer', intentId: top.id, articleId: null, candidates: c, why: `"${top.label}" is the only candidate above the out-of-scope threshold` };
  }
  const art = d.articleCandidates;
  if (art.length > 0 && art[0].score >= p.articleAnswer && (art.length < 2 || art[0].score - art[1].score >= p.minMargin / 2))
    return { quadrant: 'known-known', action: 'answer', intentId: null, articleId: art[0].id, candidates: art.slice(0, 3), why: `article "${art[0].label}" matches strongly (${art[0].score.toFixed(2)})` };
  const artChoices = art.filter((a) => a.score >= p.articleClarify).slice(0, 3);
  if (artChoices.length >= 2)
    return { quadrant: 'known-unknown', action: 'clarify', intentId: null, articleId: null, candidates: artChoices, why: 'no confident intent, but several articles are close: offering them' };
  const cands = [...intents.slice(0, 3)];
  if (d.bestTicketScore >= p.ticketThreshold)
    return { quadrant: 'unknown-known', action: 'collect-contact', intentId: null, articleId: null, candidates: cands, why: `no confident intent (${d.confidence.toFixed(2)} < ${p.oosThreshold.toFixed(2)}), but solved tickets are similar (${d.bestTicketScore.toFixed(2)})` };
  return { quadrant: 'unknown-unknown', action: 'escalate', intentId: null, articleId: null, candidates: cands, why: `nothing similar: confidence ${d.confidence.toFixed(2)} < ${p.oosThreshold.toFixed(2)} and no similar solved ticket` };
}
