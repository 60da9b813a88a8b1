import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { label, PRIORITIES } from './format';

type Policy = Record<string, { firstResponse: number; resolution: number }>;

/** Admins: first-response and resolution targets per priority, in hours. New tickets use them. */
export function SlaSettings() {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    api.sla().then((r) => setPolicy(r.policy), (e) => setError((e as Error).message));
  }, []);
  if (!policy) return error ? <p role="alert" class="error">{error}</p> : <p class="loading">Loading…</p>;
  const set = (p: string, key: 'firstResponse' | 'resolution', v: string) => setPolicy({ ...policy, [p]: { ...policy[p]!, [key]: Number(v) } });
  const save = async (e: Event) => {
    e.preventDefault();
    setError('');
    setNotice('');
    try {
      setPolicy((await api.saveSla(policy)).policy);
      setNotice('SLA targets saved: new tickets and priority changes use them.');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section class="box" style="max-width:40rem">
      <h1>SLA targets</h1>
      <form onSubmit={save}>
        <table class="tickets">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">First response (hours)</th>
              <th scope="col">Resolution (hours)</th>
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((p) => (
              <tr>
                <th scope="row">{label(p)}</th>
                <td>
                  <input type="number" min="0.25" step="0.25" aria-label={`${label(p)} first response (hours)`} value={policy[p]?.firstResponse} onInput={(e) => set(p, 'firstResponse', e.currentTarget.value)} />
                </td>
                <td>
                  <input type="number" min="0.25" step="0.25" aria-label={`${label(p)} resolution (hours)`} value={policy[p]?.resolution} onInput={(e) => set(p, 'resolution', e.currentTarget.value)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div aria-live="polite">
          {error && <p role="alert" class="error">{error}</p>}
          {notice && <p class="notice">{notice}</p>}
        </div>
        <button type="submit" class="primary">Save SLA targets</button>
      </form>
    </section>
  );
}
