import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../router';
import { admin, errorText, lines, type ArticleRecord, type IntentInput, type IntentRecord } from './api';

const EMPTY: IntentInput = { name: '', description: '', reason: 'information', keywords: [], phrases: [], negativeKeywords: [], examples: [], answer: null, enabled: true };

/** Intent list and editor: evidence (keywords, phrases, negatives, examples), the answer, enabled. */
export function Intents({ id }: { id: string | null }) {
  const [list, setList] = useState<IntentRecord[] | null>(null);
  const [articles, setArticles] = useState<ArticleRecord[]>([]);
  const [error, setError] = useState('');
  const load = () => admin.intents().then((r) => setList(r.intents), (e) => setError(errorText(e)));
  useEffect(() => {
    void load();
    admin.articles().then((r) => setArticles(r.articles), () => undefined);
  }, []);
  const current = id && id !== 'new' ? list?.find((i) => i.id === id) : null;
  return (
    <div class="split">
      <section aria-label="Intents">
        <p>
          <button type="button" onClick={() => navigate('/console/admin/intents/new')}>New intent</button>
        </p>
        {error && <p class="error" role="alert">{error}</p>}
        <ul class="items">
          {list?.map((i) => (
            <li key={i.id}>
              <a href={`/console/admin/intents/${i.id}`} aria-current={i.id === id} onClick={(e) => { e.preventDefault(); navigate(`/console/admin/intents/${i.id}`); }}>
                {i.name}
                {i.pending && <span class="pending">unpublished changes</span>}
                {!i.enabled && <span class="sub"> (disabled)</span>}
              </a>
            </li>
          ))}
        </ul>
      </section>
      {id && (id === 'new' || current) ? (
        <IntentEditor key={id} intent={current ?? null} articles={articles} onSaved={load} />
      ) : (
        <p class="empty">Choose an intent, or create one.</p>
      )}
    </div>
  );
}

function IntentEditor({ intent, articles, onSaved }: { intent: IntentRecord | null; articles: ArticleRecord[]; onSaved: () => Promise<void> | void }) {
  const [form, setForm] = useState<IntentInput>(intent ? { ...EMPTY, ...intent } : EMPTY);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const list = (k: 'keywords' | 'phrases' | 'negativeKeywords' | 'examples', label: string) => (
    <div>
      <label for={`i-${k}`}>{label}</label>
      <textarea id={`i-${k}`} value={form[k].join('\n')} onInput={(e) => setForm({ ...form, [k]: lines(e.currentTarget.value) })} />
    </div>
  );
  const kind = form.answer?.kind ?? 'none';
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const r = intent ? await admin.saveIntent(intent.id, form) : await admin.createIntent(form);
      setMsg({ ok: true, text: 'Saved as a draft. Try it, replay, then publish to make it live.' });
      await onSaved();
      if (!intent) navigate(`/console/admin/intents/${r.intent.id}`);
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  };
  const remove = async () => {
    if (!intent || !confirm(`Delete the intent “${intent.name}”? It stays live until the next publish.`)) return;
    await admin.deleteIntent(intent.id);
    await onSaved();
    navigate('/console/admin/intents');
  };
  return (
    <section aria-label="Intent editor">
      <h1>{intent ? `Edit intent “${intent.name}”` : 'New intent'}</h1>
      {msg && <p class={msg.ok ? 'notice' : 'error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      <form onSubmit={save}>
        <div class="two">
          <div>
            <label for="i-name">Name</label>
            <input id="i-name" required value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          </div>
          <div>
            <label for="i-reason">Reason for contact</label>
            <select id="i-reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.currentTarget.value as IntentInput['reason'] })}>
              <option value="information">Information request</option>
              <option value="service">Service request</option>
              <option value="new-service">New service request</option>
              <option value="incident">Incident</option>
            </select>
          </div>
        </div>
        <label for="i-description">Description</label>
        <input id="i-description" value={form.description} onInput={(e) => setForm({ ...form, description: e.currentTarget.value })} />
        <div class="two">
          {list('examples', 'Example questions (one per line)')}
          {list('keywords', 'Keywords (one per line)')}
          {list('phrases', 'Phrases (one per line)')}
          {list('negativeKeywords', 'Negative keywords (one per line)')}
        </div>
        <label for="i-answer">Answer</label>
        <select
          id="i-answer"
          value={kind}
          onChange={(e) => {
            const k = e.currentTarget.value;
            setForm({
              ...form,
              answer: k === 'article' ? { kind: 'article', articleId: articles[0]?.id ?? '' } : k === 'canned' ? { kind: 'canned', text: '' } : k === 'action' ? { kind: 'action', action: 'collect-contact' } : null,
            });
          }}
        >
          <option value="none">No approved answer yet</option>
          <option value="article">An article</option>
          <option value="canned">A canned response</option>
          <option value="action">Collect contact details</option>
        </select>
        {form.answer?.kind === 'article' && (
          <>
            <label for="i-article">Article</label>
            <select id="i-article" value={form.answer.articleId} onChange={(e) => setForm({ ...form, answer: { kind: 'article', articleId: e.currentTarget.value } })}>
              {articles.map((a) => <option key={a.id} value={a.id}>{a.latest.title}</option>)}
            </select>
          </>
        )}
        {form.answer?.kind === 'canned' && (
          <>
            <label for="i-canned">Canned response</label>
            <textarea id="i-canned" value={form.answer.text} onInput={(e) => setForm({ ...form, answer: { kind: 'canned', text: e.currentTarget.value } })} />
          </>
        )}
        <label>
          <input type="checkbox" style="width:auto" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })} /> Enabled
        </label>
        <div class="actions">
          <button class="primary" type="submit">Save intent</button>
          {intent && <button type="button" onClick={remove}>Delete</button>}
        </div>
      </form>
    </section>
  );
}
