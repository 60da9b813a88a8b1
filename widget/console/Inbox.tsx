import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Me, type TicketList } from './api';
import { dueIn, label, PRIORITIES, QUADRANTS, REASONS, STATUSES } from './format';
import { navigate, useLiveEvents } from './router';

interface Filters {
  status: string;
  priority: string;
  reason: string;
  quadrant: string;
  intent: string;
  assignee: string;
  sla: string;
  q: string;
  sort: string;
  page: number;
}

const initial: Filters = { status: 'new,open,pending', priority: '', reason: '', quadrant: '', intent: '', assignee: '', sla: '', q: '', sort: 'sla', page: 1 };
const PAGE_SIZE = 25;

function Select(props: { id: string; label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <span class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.options.map(([v, l]) => (
          <option value={v}>{l}</option>
        ))}
      </select>
    </span>
  );
}

export function Inbox({ me }: { me: Me }) {
  const [f, setF] = useState<Filters>(initial);
  const [data, setData] = useState<TicketList | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  // Every conversation's activity is an event: re-read the list at most a few times a second.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useLiveEvents(() => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      setTick((t) => t + 1);
    }, 300);
  });
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);

  useEffect(() => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== '' && k !== 'page') q.set(k, String(v));
    q.set('page', String(f.page));
    q.set('pageSize', String(PAGE_SIZE));
    let stale = false;
    api.tickets(q.toString()).then(
      (d) => !stale && (setData(d), setError('')),
      (e) => !stale && setError((e as Error).message),
    );
    return () => {
      stale = true;
    };
  }, [f, tick]);

  const set = (patch: Partial<Filters>) => setF({ ...f, page: 1, ...patch });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const all = (xs: readonly string[]) => [['', 'Any'] as [string, string], ...xs.map((x) => [x, label(x)] as [string, string])];

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">
        Inbox <span class={live ? 'live on' : 'live'}>{live ? 'Live' : 'Connecting…'}</span>
      </h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <span class="field grow">
          <label for="q">Search</label>
          <input id="q" type="search" placeholder="Subject, transcript, email or #number" value={f.q} onInput={(e) => set({ q: e.currentTarget.value })} />
        </span>
        <Select id="f-status" label="Status" value={f.status} onChange={(v) => set({ status: v })} options={[['new,open,pending', 'Unsolved'], ['', 'Any'], ...STATUSES.map((s) => [s, label(s)] as [string, string])]} />
        <Select id="f-priority" label="Priority" value={f.priority} onChange={(v) => set({ priority: v })} options={all(PRIORITIES)} />
        <Select id="f-reason" label="Reason" value={f.reason} onChange={(v) => set({ reason: v })} options={all(REASONS)} />
        <Select id="f-quadrant" label="Quadrant" value={f.quadrant} onChange={(v) => set({ quadrant: v })} options={all(QUADRANTS)} />
        <Select id="f-intent" label="Intent" value={f.intent} onChange={(v) => set({ intent: v })} options={[['', 'Any'], ...(data?.intents ?? []).map((i) => [i.id, i.name] as [string, string])]} />
        <Select id="f-assignee" label="Assignee" value={f.assignee} onChange={(v) => set({ assignee: v })} options={[['', 'Anyone'], ['me', 'Me'], ['none', 'Unassigned']]} />
        <Select id="f-sla" label="SLA" value={f.sla} onChange={(v) => set({ sla: v })} options={[['', 'Any'], ['breached', 'Breached'], ['due-soon', 'Due within an hour'], ['ok', 'On track']]} />
        <Select id="f-sort" label="Sort" value={f.sort} onChange={(v) => set({ sort: v })} options={[['sla', 'SLA due time'], ['newest', 'Newest'], ['oldest', 'Oldest'], ['updated', 'Recently updated']]} />
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {data && data.items.length === 0 && <p class="empty">No tickets match. {f.status === 'new,open,pending' && !f.q ? 'All caught up, ' + me.user.name + '.' : 'Try other filters.'}</p>}
      {data && data.items.length > 0 && (
        <table class="tickets">
          <caption class="sr-only">Tickets, {data.total} in all</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Quadrant</th>
              <th scope="col">Assignee</th>
              <th scope="col">SLA</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((t) => (
              <tr key={t.number} class={`sla-${t.sla.state}`}>
                <td>{t.number}</td>
                <td>
                  <a href={`/console/tickets/${t.number}`} onClick={(e) => { e.preventDefault(); navigate(`/console/tickets/${t.number}`); }}>
                    {t.subject}
                  </a>
                  <div class="sub">{t.contact.name ? `${t.contact.name} · ` : ''}{t.contact.email}{t.intentName ? ` · ${t.intentName}` : ''}</div>
                </td>
                <td><span class={`badge status-${t.status}`}>{label(t.status)}</span></td>
                <td><span class={`badge prio-${t.priority}`}>{label(t.priority)}</span></td>
                <td>{label(t.quadrant)}{t.escalated ? ' ⚑' : ''}</td>
                <td>{t.assignee?.name ?? 'Unassigned'}</td>
                <td>
                  <span class={`badge sla-${t.sla.state}`}>{label(t.sla.state)}</span> {t.sla.nextDueAt ? dueIn(t.sla.nextDueAt) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > PAGE_SIZE && (
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={f.page <= 1} onClick={() => setF({ ...f, page: f.page - 1 })}>Previous page</button>
          <span>Page {f.page} of {pages}</span>
          <button type="button" disabled={f.page >= pages} onClick={() => setF({ ...f, page: f.page + 1 })}>Next page</button>
        </nav>
      )}
    </section>
  );
}
