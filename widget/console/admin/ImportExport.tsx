import { useState } from 'preact/hooks';
import { admin, errorText, type ImportResult } from './api';

/** Import (validated as a whole, all or nothing, with a line-by-line report) and export. */
export function ImportExport() {
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<'auto' | 'intents' | 'articles'>('auto');
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState('');
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setError('');
    setResult(null);
    setProgress(0);
    try {
      const text = await file.text();
      const format = /\.csv$/i.test(file.name) ? 'csv' : 'json';
      setResult(await admin.importFile({ format, kind: kind === 'auto' ? null : kind, text, dryRun }, setProgress));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <div class="two">
      <section class="box" aria-label="Import">
        <h2>Import</h2>
        <p class="sub">JSON (intents and articles) or CSV (one kind per file; lists separated by |). Nothing is written if any line is wrong.</p>
        <label for="imp-file">File</label>
        <input id="imp-file" type="file" accept=".json,.csv,application/json,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        <label for="imp-kind">CSV contains</label>
        <select id="imp-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
          <option value="auto">Detect from the header</option>
          <option value="intents">Intents</option>
          <option value="articles">Articles</option>
        </select>
        <div class="actions">
          <button type="button" disabled={!file || progress !== null} onClick={() => send(true)}>Check only</button>
          <button class="primary" type="button" disabled={!file || progress !== null} onClick={() => send(false)}>Import</button>
        </div>
        {progress !== null && (
          <p>
            <label for="imp-progress">Uploading and checking…</label>
            <progress id="imp-progress" max={1} value={progress < 1 ? progress : undefined} />
          </p>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        {result && result.ok && (
          <p class="notice" role="status">
            {result.written
              ? `Imported: ${result.written.intents.created} new and ${result.written.intents.updated} updated intent(s), ${result.written.articles.created} new and ${result.written.articles.updated} updated article(s). Publish to make them live.`
              : `The file is valid: ${result.counts.intents} intent(s), ${result.counts.articles} article(s).`}
          </p>
        )}
        {result && !result.ok && (
          <div role="alert">
            <p class="error">{result.problems.length} problem(s); nothing was imported.</p>
            <table class="grid">
              <thead><tr><th>Line</th><th>Field</th><th>Problem</th></tr></thead>
              <tbody>{result.problems.map((p, i) => <tr key={i}><td>{p.line}</td><td>{p.field}</td><td>{p.message}</td></tr>)}</tbody>
            </table>
          </div>
        )}
      </section>
      <section class="box" aria-label="Export">
        <h2>Export</h2>
        <ul class="plain">
          <li><a href={admin.exportUrl('json', 'intents')} download>Intents and articles (JSON)</a></li>
          <li><a href={admin.exportUrl('csv', 'intents')} download>Intents (CSV)</a></li>
          <li><a href={admin.exportUrl('csv', 'articles')} download>Articles (CSV)</a></li>
        </ul>
      </section>
    </div>
  );
}
