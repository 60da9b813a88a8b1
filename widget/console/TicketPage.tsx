import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Draft, type Me, type Ticket } from './api';
import { dueIn, label, PRIORITIES, REASONS, STATUSES, when } from './format';
import { navigate, useLiveEvents } from './router';

type Message = Ticket['transcript'][number];

/**
 * A draft as it goes into the reply box: the model's [n] markers mean nothing to the customer, so
 * they are dropped and the articles the draft drew on are linked at the end (as "Use it" does).
 */
export function draftForReply(draft: Draft, origin: string): string {
  const text = draft.text.replace(/[ \t]*\[\d{1,2}\]/g, '').trim();
  const links = draft.citations.map((a) => `${a.title}: ${origin}/help/${encodeURIComponent(a.slug)}`);
  return links.length ? `${text}\n\n${links.join('\n')}` : text;
}

const ROLE_NAME: Record<Message['role'], string> = { customer: 'Customer', bot: 'Bot', agent: 'Agent', note: 'Internal note', system: 'System' };

function Decision({ m }: { m: Message }) {
  const d = m.decision;
  if (!d) return null;
  return (
    <details class="decision">
      <summary>
        Bot decision: {label(d.quadrant)}, {d.action}
        {d.intentName ? ` → ${d.intentName}` : ''} ({Math.round(d.confidence * 100)}%)
      </summary>
      {d.candidates.length > 0 && (
        <ul>
          {d.candidates.map((c) => (
            <li>
              {c.kind} “{c.label}”: {Math.round(c.score * 100)}%
            </li>
          ))}
        </ul>
      )}
      <pre class="trace">{JSON.stringify(d.trace, null, 1).slice(0, 4000)}</pre>
      <p class="sub">Model {d.modelVersion}</p>
    </details>
  );
}

function Transcript({ t }: { t: Ticket }) {
  return (
    <ol class="transcript" aria-label="Transcript">
      {t.transcript.map((m) => (
        <li class={`msg ${m.role}`} key={m.id}>
          <div class="meta">
            <strong>{m.role === 'agent' || m.role === 'note' ? `${ROLE_NAME[m.role]}${m.author ? ` · ${m.author.name}` : ''}` : ROLE_NAME[m.role]}</strong> <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
          </div>
          <div class="body">{m.body}</div>
          {m.article && (
            <p class="sub">
              Article shown: {m.article.title}
              {m.helpful === true ? ' · customer said Yes' : m.helpful === false ? ' · customer said No' : ''}
            </p>
          )}
          <Decision m={m} />
        </li>
      ))}
    </ol>
  );
}

export function TicketPage({ number, me }: { number: number; me: Me }) {
  const [t, setT] = useState<Ticket | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [users, setUsers] = useState<{ id: string; name: string }[]>([]);
  const [reply, setReply] = useState('');
  const [macroId, setMacroId] = useState('');
  const [usedMacro, setUsedMacro] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const [override, setOverride] = useState<string | null>(null);
  const [flagging, setFlagging] = useState<{ id: string; title: string } | null>(null);
  const [flagComment, setFlagComment] = useState('');
  const [drafting, setDrafting] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef(false);

  const load = () =>
    api.ticket(number).then(
      (v) => {
        setT(v);
        setError('');
      },
      (e) => setError((e as Error).message),
    );
  useEffect(() => {
    void load();
    void api.users().then((u) => setUsers(u.users), () => undefined);
  }, [number]);
  useLiveEvents((e) => {
    if (t && e.conversationId === t.ticket.conversationId) void load();
  });
  useEffect(() => {
    if (t) setStatus(t.ticket.status);
  }, [t?.ticket.status]);

  /** Runs an action, shows its refusal, reloads. */
  const act = async (what: () => Promise<unknown>, done?: string) => {
    setError('');
    setNotice('');
    try {
      await what();
      if (done) setNotice(done);
      await load();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };

  const stopTyping = () => {
    clearTimeout(typingTimer.current);
    if (typing.current) {
      typing.current = false;
      void api.typing(number, false).catch(() => undefined);
    }
  };
  const onReplyInput = (value: string) => {
    setReply(value);
    if (!typing.current && value) {
      typing.current = true;
      void api.typing(number, true).catch(() => undefined);
    }
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(stopTyping, 4000);
  };
  useEffect(() => stopTyping, [number]);

  if (error && !t) return <p role="alert" class="error">{error}</p>;
  if (!t) return <p class="loading">Loading ticket…</p>;
  const k = t.ticket;

  const send = async (e: Event) => {
    e.preventDefault();
    stopTyping();
    if (await act(() => api.reply(number, reply, usedMacro), 'Reply sent.')) {
      setReply('');
      setUsedMacro(undefined);
    }
  };
  const insertMacro = async () => {
    if (!macroId) return;
    try {
      const r = await api.applyMacro(number, macroId);
      setReply((reply ? `${reply}\n\n` : '') + r.text);
      setUsedMacro(r.macroId);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const draftReply = async () => {
    setError('');
    setNotice('');
    setDrafting(true);
    try {
      const { draft } = await api.draft(number);
      const text = draftForReply(draft, location.origin);
      setReply((r) => (r.trim() ? `${r}\n\n${text}` : text));
      setNotice(
        `Draft added to the reply${draft.citations.length ? ` (from ${draft.citations.map((a) => `“${a.title}”`).join(', ')})` : ''}: read it and edit it before you send. Nothing was sent.`,
      );
    } catch (err) {
      setError(`No draft: ${(err as Error).message}`);
    } finally {
      setDrafting(false);
    }
  };
  const changeStatus = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      await api.status(number, status, override ?? undefined);
      setOverride(null);
      setNotice(`Status: ${label(status)}.`);
      await load();
    } catch (err) {
      setError((err as Error).message);
      if (err instanceof ApiError && err.code === 'reply_required') setOverride('');
    }
  };
  const lastAgentReply = [...t.transcript].reverse().find((m) => m.role === 'agent')?.body ?? '';
  const question = t.transcript.find((m) => m.role === 'customer')?.body ?? k.subject;

  return (
    <div class="ticket">
      <p>
        <a href="/console" onClick={(e) => { e.preventDefault(); navigate('/console'); }}>← Inbox</a>
      </p>
      <h1>
        #{k.number} {k.subject}
      </h1>
      <p class="sub">
        <span class={`badge status-${k.status}`}>{label(k.status)}</span> <span class={`badge prio-${k.priority}`}>{label(k.priority)}</span> {label(k.quadrant)} · {label(k.reason)}
        {k.intent ? ` · ${k.intent.name}` : ''}
        {k.escalated ? ' · escalated' : ''} · assigned to {k.assignee?.name ?? 'nobody'}
      </p>
      <p class="sla">
        SLA <span class={`badge sla-${k.sla.state}`}>{label(k.sla.state)}</span> · first response due {when(k.sla.firstResponseDueAt)} ({k.sla.firstRespondedAt ? `answered ${when(k.sla.firstRespondedAt)}` : dueIn(k.sla.firstResponseDueAt)})
        {k.sla.firstResponseBreached ? ' — breached' : ''} · resolution due {when(k.sla.resolutionDueAt)}
        {k.sla.resolutionBreached ? ' — breached' : ''}
        {k.sla.solvedAt ? ` · solved ${when(k.sla.solvedAt)}` : ''}
      </p>
      {k.summary && (
        <section class="box summary" aria-labelledby="summary-title">
          <h2 id="summary-title">Hand-off summary</h2>
          <p>{k.summary}</p>
          <p class="sub">Written by the LLM when the ticket opened; the transcript below is the full record.</p>
        </section>
      )}
      <div aria-live="polite">
        {error && <p role="alert" class="error">{error}</p>}
        {notice && <p class="notice">{notice}</p>}
      </div>

      <div class="columns">
        <div class="main-col">
          <Transcript t={t} />

          <form class="box" onSubmit={send}>
            <div class="row">
              <span class="field">
                <label for="macro">Macro</label>
                <select id="macro" value={macroId} onChange={(e) => setMacroId(e.currentTarget.value)}>
                  <option value="">Choose a canned response…</option>
                  {t.macros.map((m) => (
                    <option value={m.id}>{m.name}</option>
                  ))}
                </select>
              </span>
              <button type="button" onClick={insertMacro} disabled={!macroId}>
                Insert macro
              </button>
              {me.llm && (
                <button type="button" onClick={draftReply} disabled={drafting || k.status === 'closed'} aria-busy={drafting}>
                  {drafting ? 'Drafting…' : 'Draft reply'}
                </button>
              )}
            </div>
            <label for="reply">Reply</label>
            <textarea id="reply" rows={5} value={reply} onInput={(e) => onReplyInput(e.currentTarget.value)} placeholder="Write to the customer (they see it in the chat, or by email)" />
            <button type="submit" class="primary" disabled={!reply.trim() || k.status === 'closed'}>
              Send reply
            </button>
          </form>

          <form class="box note" onSubmit={async (e) => { e.preventDefault(); if (await act(() => api.note(number, note), 'Note added.')) setNote(''); }}>
            <label for="note">Internal note</label>
            <textarea id="note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder="Only agents see notes" />
            <button type="submit" disabled={!note.trim()}>Add note</button>
          </form>
        </div>

        <aside class="side-col">
          <section class="box">
            <h2>Ticket</h2>
            <form onSubmit={changeStatus}>
              <span class="field">
                <label for="status">Status</label>
                <select id="status" value={status} onChange={(e) => { setStatus(e.currentTarget.value); setOverride(null); }}>
                  {STATUSES.map((s) => (
                    <option value={s}>{label(s)}</option>
                  ))}
                </select>
              </span>
              {override !== null && (
                <span class="field">
                  <label for="override">Reason to solve without a reply</label>
                  <textarea id="override" rows={2} value={override} onInput={(e) => setOverride(e.currentTarget.value)} />
                </span>
              )}
              <button type="submit" disabled={status === k.status || (override !== null && !override.trim())}>
                {override !== null ? 'Solve anyway' : 'Update status'}
              </button>
            </form>
            <span class="field">
              <label for="priority">Priority</label>
              <select id="priority" value={k.priority} onChange={(e) => act(() => api.priority(number, e.currentTarget.value), 'Priority changed.')}>
                {PRIORITIES.map((p) => (
                  <option value={p}>{label(p)}</option>
                ))}
              </select>
            </span>
            <span class="field">
              <label for="assignee">Assignee</label>
              <select id="assignee" value={k.assignee?.id ?? ''} onChange={(e) => act(() => api.assign(number, e.currentTarget.value || null), 'Assignee changed.')}>
                <option value="">Unassigned</option>
                {users.map((u) => (
                  <option value={u.id}>{u.name}</option>
                ))}
              </select>
            </span>
            {k.assignee?.id !== me.user.id && (
              <button type="button" onClick={() => act(() => api.claim(number), 'You took this ticket.')}>
                Claim
              </button>
            )}
          </section>

          <section class="box">
            <h2>Customer</h2>
            <dl>
              <dt>Contact</dt>
              <dd>{k.contact.name ?? '—'} &lt;{k.contact.email}&gt;</dd>
              <dt>Page</dt>
              <dd>{k.context.page ?? '—'}</dd>
              <dt>Referrer</dt>
              <dd>{k.context.referrer ?? '—'}</dd>
              <dt>Browser</dt>
              <dd>{k.context.userAgent ?? '—'}</dd>
              <dt>Locale</dt>
              <dd>{k.context.locale}</dd>
              {k.context.handoffTrigger && (
                <>
                  <dt>Handed off because</dt>
                  <dd>{label(k.context.handoffTrigger)}</dd>
                </>
              )}
            </dl>
            {k.context.articlesShown.length > 0 && (
              <>
                <h3>Articles the bot showed</h3>
                <ul>
                  {k.context.articlesShown.map((a) => (
                    <li>
                      {a.title}: {a.helpful === true ? 'Yes' : a.helpful === false ? 'No' : 'no answer'}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section class="box">
            <h2>Suggested articles</h2>
            {t.suggestedArticles.length === 0 && <p class="empty">No article matches this question yet: Add it below.</p>}
            <ul class="plain">
              {t.suggestedArticles.map((a) => (
                <li>
                  <a href={`/help/${encodeURIComponent(a.slug)}`} target="_blank" rel="noopener">{a.title}</a>
                  <div class="row">
                    <button type="button" onClick={() => setReply((reply ? `${reply}\n\n` : '') + `${a.title}: ${location.origin}/help/${encodeURIComponent(a.slug)}`)}>
                      Use it
                    </button>
                    <button type="button" onClick={() => { setFlagging({ id: a.id, title: a.title }); setFlagComment(''); }}>
                      Flag it
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            {flagging && (
              <form onSubmit={async (e) => { e.preventDefault(); if (await act(() => api.flag(number, flagging.id, flagComment), `Flagged “${flagging.title}” for the admins.`)) setFlagging(null); }}>
                <label for="flag-comment">What is wrong with “{flagging.title}”?</label>
                <textarea id="flag-comment" rows={2} value={flagComment} onInput={(e) => setFlagComment(e.currentTarget.value)} />
                <button type="submit" disabled={!flagComment.trim()}>Send flag</button>
                <button type="button" onClick={() => setFlagging(null)}>Cancel</button>
              </form>
            )}
          </section>

          <section class="box">
            <h2>Similar solved tickets</h2>
            {t.similarTickets.length === 0 ? (
              <p class="empty">None yet.</p>
            ) : (
              <ul class="plain">
                {t.similarTickets.map((s) => (
                  <li>
                    <a href={`/console/tickets/${s.number}`} onClick={(e) => { e.preventDefault(); navigate(`/console/tickets/${s.number}`); }}>#{s.number}</a> solved by {s.solvedBy?.name ?? 'someone'} ({Math.round(s.score * 100)}%)
                  </li>
                ))}
              </ul>
            )}
          </section>

          <AddIt t={t} number={number} question={question} answer={lastAgentReply} act={act} />

          <section class="box">
            <h2>History</h2>
            <ol class="history">
              {t.events.map((e) => (
                <li>
                  <time dateTime={e.createdAt}>{when(e.createdAt)}</time> {e.actorName}: {label(e.kind)}
                  {typeof e.data.reason === 'string' ? ` (reason: ${e.data.reason})` : ''}
                  {typeof e.data.to === 'string' ? ` → ${e.data.to}` : ''}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}

function AddIt(props: { t: Ticket; number: number; question: string; answer: string; act: (f: () => Promise<unknown>, done?: string) => Promise<boolean> }) {
  const [example, setExample] = useState(props.question);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState(props.answer);
  const [intent, setIntent] = useState('');
  const [newName, setNewName] = useState('');
  const [reason, setReason] = useState<string>('information');
  useEffect(() => setBody(props.answer), [props.answer]);
  const submit = async (e: Event) => {
    e.preventDefault();
    await props.act(
      () =>
        api.addIt(props.number, {
          example,
          ...(title.trim() && body.trim() ? { article: { title, body } } : {}),
          ...(intent === 'new' ? { intent: { name: newName, reason } } : intent ? { intent: { id: intent } } : {}),
        }),
      'Added as a draft: it reaches customers with the next publish.',
    );
  };
  return (
    <section class="box">
      <h2>Add it to the knowledge base</h2>
      <form onSubmit={submit}>
        <label for="addit-example">Customer's question (example)</label>
        <textarea id="addit-example" rows={2} value={example} onInput={(e) => setExample(e.currentTarget.value)} />
        <span class="field">
          <label for="addit-intent">Teach intent</label>
          <select id="addit-intent" value={intent} onChange={(e) => setIntent(e.currentTarget.value)}>
            <option value="">Don't add an example</option>
            <option value="new">New intent…</option>
            {props.t.intents.map((i) => (
              <option value={i.id}>{i.name}</option>
            ))}
          </select>
        </span>
        {intent === 'new' && (
          <>
            <label for="addit-name">New intent name</label>
            <input id="addit-name" value={newName} onInput={(e) => setNewName(e.currentTarget.value)} />
            <label for="addit-reason">Reason for contact</label>
            <select id="addit-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              {REASONS.map((r) => (
                <option value={r}>{label(r)}</option>
              ))}
            </select>
          </>
        )}
        <label for="addit-title">Draft article title (optional)</label>
        <input id="addit-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        <label for="addit-body">Draft article body (Markdown)</label>
        <textarea id="addit-body" rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <button type="submit" disabled={!intent && !(title.trim() && body.trim())}>
          Add it
        </button>
      </form>
    </section>
  );
}
