import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../router';
import { admin, errorText, lines, type ArticleFlagRecord, type ArticleInput, type ArticleRecord, type ArticleVersionRecord, type VersionDiff } from './api';

const EMPTY: ArticleInput = { slug: '', title: '', category: 'General', summary: '', keywords: [], body: '', status: 'draft', note: '' };

/** Article list with search, and the editor: live preview, history, diff, restore. */
export function Articles({ id }: { id: string | null }) {
  const [list, setList] = useState<ArticleRecord[] | null>(null);
  const [q, setQ] = useState('');
  const [error, setError] = useState('');
  const load = () => admin.articles(q).then((r) => setList(r.articles), (e) => setError(errorText(e)));
  useEffect(() => void load(), [q]);
  return (
    <div class="split">
      <section aria-label="Articles">
        <label for="article-search">Search articles</label>
        <input id="article-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <p>
          <button type="button" onClick={() => navigate('/console/admin/articles/new')}>New article</button>
        </p>
        {error && <p class="error" role="alert">{error}</p>}
        <ul class="items">
          {list?.map((a) => (
            <li key={a.id}>
              <a href={`/console/admin/articles/${a.id}`} aria-current={a.id === id} onClick={(e) => { e.preventDefault(); navigate(`/console/admin/articles/${a.id}`); }}>
                {a.latest.title}
                {a.pending && <span class="pending">unpublished changes</span>}
                <br />
                <span class="sub">{a.category} · {a.status} · v{a.latest.version}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      {id ? <ArticleEditor key={id} id={id === 'new' ? null : id} onSaved={load} /> : <p class="empty">Choose an article, or create one.</p>}
    </div>
  );
}

function ArticleEditor({ id, onSaved }: { id: string | null; onSaved: () => void }) {
  const [form, setForm] = useState<ArticleInput>(EMPTY);
  const [article, setArticle] = useState<ArticleRecord | null>(null);
  const [versions, setVersions] = useState<ArticleVersionRecord[]>([]);
  const [flags, setFlags] = useState<ArticleFlagRecord[]>([]);
  const [preview, setPreview] = useState('');
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const fill = (a: ArticleRecord, v: ArticleVersionRecord[]) => {
    setArticle(a);
    setVersions(v);
    setForm({ slug: a.slug, title: a.latest.title, category: a.category, summary: a.latest.summary, keywords: a.latest.keywords, body: a.latest.bodyMarkdown, status: a.status, note: '' });
    if (v.length > 1) setPair([v[1]!.version, v[0]!.version]);
  };
  const reload = async (articleId: string) => {
    const r = await admin.article(articleId);
    fill(r.article, r.versions);
    setFlags(r.flags);
  };
  useEffect(() => {
    if (id) reload(id).catch((e) => setMsg({ ok: false, text: errorText(e) }));
  }, [id]);
  // Live preview, rendered by the server with the same parser and sanitizer as a save.
  useEffect(() => {
    const t = setTimeout(() => admin.preview(form.body).then((r) => setPreview(r.html), () => undefined), 250);
    return () => clearTimeout(t);
  }, [form.body]);
  useEffect(() => {
    if (article && pair) admin.diff(article.id, pair[0], pair[1]).then((r) => setDiff(r.diff), () => setDiff(null));
  }, [article?.id, pair?.[0], pair?.[1], versions.length]);

  const set = (k: keyof ArticleInput) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const r = article ? await admin.saveArticle(article.id, form) : await admin.createArticle(form);
      setMsg({ ok: true, text: `Saved as version ${r.article.latest.version}. Publish to make it live.` });
      onSaved();
      if (!article) navigate(`/console/admin/articles/${r.article.id}`);
      else await reload(article.id);
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  };
  const restore = async (v: number) => {
    try {
      const r = await admin.restore(article!.id, v);
      setMsg({ ok: true, text: `Version ${v} restored as version ${r.article.latest.version}.` });
      await reload(article!.id);
      onSaved();
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  };

  return (
    <section aria-label="Article editor">
      <h1>{article ? `Edit “${article.latest.title}”` : 'New article'}</h1>
      {article && (
        <p class="sub">
          Latest version {article.latest.version}; live: {article.publishedVersion ? `version ${article.publishedVersion}` : 'not published'}.{' '}
          {article.publishedVersion && <a href={`/help/${article.slug}`} target="_blank" rel="noopener">View in the help center</a>}
        </p>
      )}
      {msg && <p class={msg.ok ? 'notice' : 'error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      {flags.length > 0 && (
        <div class="box" aria-label="Open flags">
          <h2>Flagged by agents ({flags.length})</h2>
          <ul class="plain">
            {flags.map((f) => (
              <li key={f.id}>
                “{f.comment}” · {f.by}{f.ticketNumber ? ` · ticket #${f.ticketNumber}` : ''}{' '}
                <button type="button" onClick={() => admin.resolveFlag(article!.id, f.id).then((r) => setFlags(r.flags), (e) => setMsg({ ok: false, text: errorText(e) }))}>Mark fixed</button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={save}>
        <div class="two">
          <div>
            <label for="a-title">Title</label>
            <input id="a-title" required value={form.title} onInput={set('title')} />
          </div>
          <div>
            <label for="a-slug">Slug (the page address /help/…)</label>
            <input id="a-slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value={form.slug} onInput={set('slug')} />
          </div>
          <div>
            <label for="a-category">Category</label>
            <input id="a-category" value={form.category} onInput={set('category')} />
          </div>
          <div>
            <label for="a-status">State after the next publish</label>
            <select id="a-status" value={form.status} onChange={set('status')}>
              <option value="draft">Draft (not public)</option>
              <option value="published">Published</option>
            </select>
          </div>
        </div>
        <label for="a-summary">Summary (search results and the bot's short answer)</label>
        <input id="a-summary" value={form.summary} onInput={set('summary')} />
        <label for="a-keywords">Keywords (one per line)</label>
        <textarea id="a-keywords" value={form.keywords.join('\n')} onInput={(e) => setForm({ ...form, keywords: lines(e.currentTarget.value) })} />
        <div class="two">
          <div>
            <label for="a-body">Body (Markdown)</label>
            <textarea id="a-body" class="body" required value={form.body} onInput={set('body')} />
          </div>
          <div>
            <h3>Preview</h3>
            <div class="preview" data-testid="preview" dangerouslySetInnerHTML={{ __html: preview }} />
          </div>
        </div>
        <label for="a-note">Note for this version</label>
        <input id="a-note" value={form.note} onInput={set('note')} placeholder="What changed and why" />
        <div class="actions">
          <button class="primary" type="submit">Save version</button>
        </div>
      </form>
      {article && (
        <>
          <h2 style="margin-top:1.5rem">History</h2>
          <table class="grid">
            <thead><tr><th>Version</th><th>When</th><th>Note</th><th /></tr></thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>v{v.version}{v.id === article.publishedVersionId ? ' (live)' : ''}</td>
                  <td>{new Date(v.createdAt).toLocaleString()}</td>
                  <td>{v.note}</td>
                  <td>{v.version !== article.latest.version && <button type="button" onClick={() => restore(v.version)}>Restore v{v.version}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {versions.length > 1 && pair && (
            <>
              <h3>Compare versions</h3>
              <div class="row">
                <div class="field">
                  <label for="d-from">From</label>
                  <select id="d-from" value={pair[0]} onChange={(e) => setPair([Number(e.currentTarget.value), pair[1]])}>
                    {versions.map((v) => <option key={v.id} value={v.version}>v{v.version}</option>)}
                  </select>
                </div>
                <div class="field">
                  <label for="d-to">To</label>
                  <select id="d-to" value={pair[1]} onChange={(e) => setPair([pair[0], Number(e.currentTarget.value)])}>
                    {versions.map((v) => <option key={v.id} value={v.version}>v{v.version}</option>)}
                  </select>
                </div>
              </div>
              {diff && (
                <div aria-label="Differences">
                  {diff.title && <p>Title: <span class="from">{diff.title.before}</span> → <span class="to">{diff.title.after}</span></p>}
                  {diff.summary && <p>Summary: <span class="from">{diff.summary.before}</span> → <span class="to">{diff.summary.after}</span></p>}
                  <p class="sub">+{diff.added} −{diff.removed} lines</p>
                  <div class="diff" data-testid="diff">
                    {diff.body.map((l, i) => (
                      <div key={i} class={l.op === 'same' ? '' : l.op}>
                        {l.op === 'add' ? '+ ' : l.op === 'del' ? '− ' : '  '}
                        {l.text}
                      </div>
                    ))}
                  </div>
                </div>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
