import { useEffect, useState } from 'preact/hooks';
import { admin, errorText, type PendingChanges, type PublishRecord, type ReplayReport, type TryItResult } from './api';

type Outcome = TryItResult['live']['outcome'];
const describe = (o: Outcome) => `${o.label} (${o.quadrant}, ${Math.round(o.confidence * 100)}%)`;

/** Try it (live vs draft), replay before publishing, golden questions, publish and rollback. */
export function Publish() {
  const [question, setQuestion] = useState('');
  const [tried, setTried] = useState<TryItResult | null>(null);
  const [days, setDays] = useState(30);
  const [report, setReport] = useState<ReplayReport | null>(null);
  const [changes, setChanges] = useState<PendingChanges | null>(null);
  const [history, setHistory] = useState<PublishRecord[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [golden, setGolden] = useState<{ id: string; text: string; expectedIntent: string | null }[]>([]);
  const [gText, setGText] = useState('');
  const [gIntent, setGIntent] = useState('');

  const refresh = () => {
    admin.changes().then(setChanges, () => undefined);
    admin.publishes().then((r) => setHistory(r.publishes), () => undefined);
    admin.golden().then((r) => setGolden(r.questions), () => undefined);
  };
  useEffect(refresh, []);
  const run = async (label: string, f: () => Promise<void>) => {
    setBusy(label);
    setMsg(null);
    try {
      await f();
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    } finally {
      setBusy('');
    }
  };

  return (
    <div>
      {msg && <p class={msg.ok ? 'notice' : 'error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      <section class="box" aria-label="Try it">
        <h2>Try it</h2>
        <form class="row" onSubmit={(e) => { e.preventDefault(); void run('try', async () => setTried(await admin.tryIt(question))); }}>
          <div class="field">
            <label for="try-q">Question</label>
            <input id="try-q" required value={question} onInput={(e) => setQuestion(e.currentTarget.value)} />
          </div>
          <button type="submit" disabled={!!busy}>Try it</button>
        </form>
        {tried && (
          <div class="two" style="margin-top:.75rem">
            {(['live', 'draft'] as const).map((side) => (
              <div key={side} data-testid={`try-${side}`}>
                <h3>{side === 'live' ? 'Live model' : 'Draft (unpublished changes)'}</h3>
                <p><strong>{describe(tried[side].outcome)}</strong></p>
                <details class="decision">
                  <summary>Trace</summary>
                  <ol class="trace">
                    {tried[side].decision.trace.map((t, i) => <li key={i}><strong>{t.stage}</strong>: {t.detail}</li>)}
                  </ol>
                </details>
              </div>
            ))}
          </div>
        )}
      </section>

      <section class="box" aria-label="Replay">
        <h2>Replay before publishing</h2>
        <form class="row" onSubmit={(e) => { e.preventDefault(); void run('replay', async () => setReport(await admin.replay(days, true))); }}>
          <div class="field">
            <label for="replay-days">Customer questions of the last … days</label>
            <input id="replay-days" type="number" min={0} max={365} value={days} onInput={(e) => setDays(Number(e.currentTarget.value))} />
          </div>
          <button type="submit" disabled={!!busy}>{busy === 'replay' ? 'Replaying…' : 'Replay'}</button>
        </form>
        {report && (
          <div data-testid="replay">
            <p>
              {report.questions} past question(s) replayed: <strong>{report.changed.length} decision(s) would change</strong>. Golden questions:{' '}
              {report.golden.total - report.golden.failing.length}/{report.golden.total} pass on the draft.
            </p>
            {report.changed.length > 0 && (
              <table class="grid">
                <thead><tr><th>Question</th><th>Asked</th><th>From (live)</th><th>To (draft)</th></tr></thead>
                <tbody>
                  {report.changed.map((c) => (
                    <tr key={c.question}>
                      <td>{c.question}</td>
                      <td>{c.count}×</td>
                      <td class="from">{describe(c.from)}</td>
                      <td class="to">{describe(c.to)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {report.golden.failing.length > 0 && (
              <>
                <h3>Golden questions that would fail</h3>
                <ul>{report.golden.failing.map((g) => <li key={g.id}>{g.question}: expected {g.expectedIntent ?? 'no intent'}, draft gives {g.draft.label}</li>)}</ul>
              </>
            )}
          </div>
        )}
        <h3>Golden questions</h3>
        <ul>
          {golden.map((g) => (
            <li key={g.id}>
              {g.text} → {g.expectedIntent ?? 'no intent'}{' '}
              <button type="button" onClick={() => run('golden', async () => { await admin.deleteGolden(g.id); refresh(); })}>Remove</button>
            </li>
          ))}
        </ul>
        <form class="row" onSubmit={(e) => { e.preventDefault(); void run('golden', async () => { await admin.addGolden(gText, gIntent.trim() || null); setGText(''); setGIntent(''); refresh(); }); }}>
          <div class="field"><label for="g-text">Question</label><input id="g-text" required value={gText} onInput={(e) => setGText(e.currentTarget.value)} /></div>
          <div class="field"><label for="g-intent">Expected intent (empty: none)</label><input id="g-intent" value={gIntent} onInput={(e) => setGIntent(e.currentTarget.value)} /></div>
          <button type="submit">Add golden question</button>
        </form>
      </section>

      <section class="box" aria-label="Publish">
        <h2>Publish</h2>
        {changes && (
          <>
            <p>
              Unpublished: {changes.intents.length} intent change(s), {changes.articles.length} article change(s).
            </p>
            <ul>
              {changes.intents.map((i) => <li key={i.id}>Intent {i.name}: {i.change}</li>)}
              {changes.articles.map((a) => <li key={a.id}>Article {a.title}: {a.change}</li>)}
            </ul>
            {changes.links.length > 0 && (
              <div class="error" role="alert">
                Broken links after this publish:
                <ul>{changes.links.map((l) => <li key={l.slug + l.target}>{l.slug} → {l.target} ({l.problem})</li>)}</ul>
              </div>
            )}
          </>
        )}
        <form class="row" onSubmit={(e) => { e.preventDefault(); void run('publish', async () => { const r = await admin.publish(note); setMsg({ ok: true, text: `Published #${r.publish.number}: the widget answers with it now.` }); setNote(''); setReport(null); refresh(); }); }}>
          <div class="field"><label for="p-note">Note</label><input id="p-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} /></div>
          <button class="primary" type="submit" disabled={!!busy}>{busy === 'publish' ? 'Publishing…' : 'Publish'}</button>
        </form>
        <h3>History</h3>
        <table class="grid">
          <thead><tr><th>#</th><th>When</th><th>Note</th><th>Changes</th><th /></tr></thead>
          <tbody>
            {history.map((p) => (
              <tr key={p.id}>
                <td>{p.number}{p.live ? ' (live)' : ''}</td>
                <td>{new Date(p.createdAt).toLocaleString()}</td>
                <td>{p.note}</td>
                <td>{p.changes.intents} intent(s), {p.changes.articles} article(s)</td>
                <td>{!p.live && <button type="button" onClick={() => run('rollback', async () => { const r = await admin.rollback(p.id); setMsg({ ok: true, text: `Rolled back: publish #${r.publish.number} restores #${p.number}.` }); refresh(); })}>Roll back to #{p.number}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
