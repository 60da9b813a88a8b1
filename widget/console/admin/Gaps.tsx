import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../router';
import { admin, errorText, type GapCluster } from './api';

/** Unanswered questions, clustered; one action turns a cluster into an intent or an article draft. */
export function Gaps() {
  const [days, setDays] = useState(30);
  const [clusters, setClusters] = useState<GapCluster[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    admin.gaps(days).then((r) => setClusters(r.clusters), (e) => setError(errorText(e)));
  }, [days]);
  const toIntent = async (c: GapCluster) => {
    const name = prompt('Name of the new intent', c.label.replace(/\s+/g, '_'));
    if (!name) return;
    try {
      const r = await admin.gapToIntent(c.key, days, name);
      navigate(`/console/admin/intents/${r.intent.id}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const toArticle = async (c: GapCluster) => {
    const title = prompt('Title of the article draft', c.examples[0]?.text ?? c.label);
    if (!title) return;
    try {
      const r = await admin.gapToArticle(c.key, days, title);
      navigate(`/console/admin/articles/${r.article.id}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section aria-label="Content gaps">
      <h1>Content gaps</h1>
      <p class="sub">Questions that ended in an Unknown quadrant or a hand-off, grouped by similarity.</p>
      <label for="gap-days">Last … days</label>
      <input id="gap-days" type="number" min={1} max={365} value={days} style="max-width:8rem" onInput={(e) => setDays(Number(e.currentTarget.value) || 30)} />
      {error && <p class="error" role="alert">{error}</p>}
      {clusters?.length === 0 && <p class="empty">No content gaps in this period.</p>}
      {clusters?.map((c) => (
        <div class="box" key={c.key}>
          <h2>{c.label} <span class="badge">{c.count}</span></h2>
          <p class="sub">{Object.entries(c.quadrants).map(([q, n]) => `${q}: ${n}`).join(' · ')}{c.handoffs ? ` · ${c.handoffs} hand-off(s)` : ''}</p>
          <ul>{c.examples.map((e) => <li key={e.text}>{e.text}{e.count > 1 ? ` (${e.count}×)` : ''}</li>)}</ul>
          <button type="button" onClick={() => toIntent(c)}>New intent from these questions</button>
          <button type="button" onClick={() => toArticle(c)}>New article draft</button>
        </div>
      ))}
    </section>
  );
}
