/**
 * route: (compiled model, message, conversation context) → Decision. Pure and deterministic.
 *
 * normalise → features → rules → classifier (logistic regression + nearest example) →
 * retrieval (articles, solved tickets) → calibration → decision → policy. Every stage adds a
 * trace entry an admin can read.
 */
import { calibrate } from './calibrate.js';
import { logits, nearestByClass } from './classifier.js';
import { decide } from './decide.js';
import { extract, vectorise } from './features.js';
import { engineData } from './model.js';
import { normalise } from './normalise.js';
import { applyPolicy } from './policy.js';
import { searchRetrieval } from './retrieval.js';
import { matchRules } from './rules.js';
import type { Candidate, CompiledModel, Decision, Reason, RouteInput, SimilarTicket, TraceEntry } from './types.js';

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function route(model: CompiledModel, input: RouteInput): Decision {
  const d = engineData(model);
  const trace: TraceEntry[] = [];
  const C = d.intents.length;

  // 1. normalise
  const n = normalise(input.text);
  trace.push({ stage: 'normalise', detail: `"${n.text}" → stems [${n.stems.join(', ')}]` });

  // 2. rules
  const rules = matchRules(d.rules, n);
  const ruleHits: Record<string, number> = {};
  const ruleNotes: string[] = [];
  for (let c = 0; c < C; c++) {
    if (rules.matched[c].length === 0) continue;
    ruleHits[d.intents[c].id] = rules.vetoed[c] ? -1 : rules.evidence[c];
    ruleNotes.push(`${d.intents[c].name}: ${rules.matched[c].join(' ')}${rules.vetoed[c] ? ' (vetoed by a negative keyword)' : ''}`);
  }
  trace.push({
    stage: 'rules',
    detail: ruleNotes.length > 0 ? `keyword/phrase matches — ${ruleNotes.join('; ')}` : 'no keyword or phrase matched',
    ...(ruleNotes.length > 0 ? { scores: ruleHits } : {}),
  });

  // 3. classifier
  const { vec, unknownMass } = vectorise(extract(n, d.vectoriser.cfg), d.vectoriser);
  const lr = C > 0 ? logits(d.linear, vec) : new Float64Array(0);
  const near = nearestByClass(d.examples, C, vec);

  // 4. retrieval
  const articleHits = searchRetrieval(d.articles, n, 3);
  const ticketHits = searchRetrieval(d.tickets, n, 3);

  // 5. calibration
  const cal = calibrate(lr, near.sim, rules.evidence, rules.vetoed, d.params.calibration);
  const topN = Math.min(3, C);
  const clsScores: Record<string, number> = {};
  const clsNotes: string[] = [];
  for (let i = 0; i < topN; i++) {
    const c = cal.order[i];
    const ex = near.example[c];
    clsScores[d.intents[c].id] = r3(cal.probs[c]);
    clsNotes.push(
      `${d.intents[c].name} (logit ${lr[c].toFixed(2)}, nearest example ${near.sim[c].toFixed(2)}${ex >= 0 ? ` "${d.exampleTexts[ex]}"` : ''})`,
    );
  }
  trace.push({
    stage: 'classifier',
    detail: C > 0 ? `best intents: ${clsNotes.join('; ')}; ${Math.round(unknownMass * 100)}% of the message is unknown vocabulary` : 'no enabled intents',
    scores: clsScores,
  });
  trace.push({
    stage: 'retrieval',
    detail:
      `articles: ${articleHits.length > 0 ? articleHits.map((h) => `"${d.articles.titles[h.doc]}" ${h.score.toFixed(2)}`).join(', ') : 'none'}; ` +
      `solved tickets: ${ticketHits.length > 0 ? ticketHits.map((h) => `#${d.tickets.numbers[h.doc]} ${h.score.toFixed(2)}`).join(', ') : 'none'}`,
  });
  trace.push({
    stage: 'calibration',
    detail: `confidence ${cal.confidence.toFixed(3)} (top probability ${C > 0 ? cal.probs[cal.order[0]].toFixed(3) : '0'}, margin ${cal.margin.toFixed(3)}, nearest example ${cal.maxSim.toFixed(3)})`,
    scores: { confidence: r3(cal.confidence), margin: r3(cal.margin), maxSim: r3(cal.maxSim), unknownMass: r3(unknownMass) },
  });

  // 6. decision
  const intentCandidates: Candidate[] = [];
  for (let i = 0; i < topN; i++) {
    const c = cal.order[i];
    if (rules.vetoed[c]) continue;
    intentCandidates.push({ kind: 'intent', id: d.intents[c].id, label: d.intents[c].name, score: r3(cal.probs[c] * cal.damping) });
  }
  const topClass = C > 0 ? cal.order[0] : -1;
  const linkedArticles = new Set(intentCandidates.map((c) => d.intents[d.intents.findIndex((it) => it.id === c.id)].articleId));
  const articleCandidates: Candidate[] = articleHits
    .filter((h) => !linkedArticles.has(h.id))
    .map((h) => ({ kind: 'article', id: h.id, label: d.articles.titles[h.doc], score: r3(h.score) }));
  const ruleOnly =
    topClass >= 0 &&
    rules.evidence[topClass] > 0 &&
    cal.withoutRules.top !== topClass &&
    cal.withoutRules.prob >= d.params.decision.contraryEvidence;
  const verdict = decide(
    {
      intentCandidates,
      articleCandidates,
      confidence: cal.confidence,
      margin: cal.margin,
      ruleOnlyWinAgainstClassifier: ruleOnly,
      topAlreadyRejected: topClass >= 0 && input.context.noCount > 0 && input.context.answeredIntentIds.includes(d.intents[topClass].id),
      bestTicketScore: ticketHits.length > 0 ? ticketHits[0].score : 0,
      context: input.context,
    },
    d.params.decision,
  );
  trace.push({ stage: 'decision', detail: `${verdict.quadrant} → ${verdict.action}: ${verdict.why}` });

  const similarTickets: SimilarTicket[] =
    verdict.quadrant === 'unknown-known' || verdict.quadrant === 'unknown-unknown'
      ? ticketHits
          .filter((h) => h.score >= d.params.decision.ticketThreshold * 0.75)
          .map((h) => ({ id: h.id, number: d.tickets.numbers[h.doc], solvedBy: d.tickets.solvedBy[h.doc], score: r3(h.score) }))
      : [];

  let reason: Reason = 'information';
  if (verdict.intentId !== null) reason = d.intents[d.intents.findIndex((it) => it.id === verdict.intentId)].reason;
  else if (topClass >= 0 && verdict.quadrant === 'known-unknown') reason = d.intents[topClass].reason;
  else if (similarTickets.length > 0) {
    const iid = d.tickets.intentIds[ticketHits[0].doc];
    const it = iid === null ? undefined : d.intents.find((x) => x.id === iid);
    if (it) reason = it.reason;
  }

  // 7. policy
  const policy = applyPolicy(n.text, input.context);
  let action = verdict.action;
  let handoff: Decision['handoff'] = null;
  if (policy) {
    action = 'collect-contact';
    handoff = { trigger: policy.trigger, priority: policy.priority };
    trace.push({
      stage: 'policy',
      detail: `hand-off (${policy.trigger}, priority ${policy.priority}): ${policy.fired.map((f) => `${f.trigger} — ${f.matched}`).join('; ')}`,
    });
  } else trace.push({ stage: 'policy', detail: 'no hand-off rule fired' });

  return {
    quadrant: verdict.quadrant,
    action,
    intentId: verdict.quadrant === 'known-known' ? verdict.intentId : null,
    articleId: verdict.quadrant === 'known-known' ? verdict.articleId : null,
    confidence: r3(cal.confidence),
    candidates: verdict.candidates.slice(0, 3),
    reason,
    similarTickets,
    handoff,
    trace,
    modelVersion: model.version,
  };
}
