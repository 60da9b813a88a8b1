import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, setCsrf, type Me } from './api';
import { navigate, usePath } from './router';
import { SignIn } from './SignIn';
import { Inbox } from './Inbox';
import { TicketPage } from './TicketPage';
import { Admin } from './admin/Admin';
import { SlaSettings } from './SlaSettings';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const path = usePath();

  useEffect(() => {
    api.me().then(
      (m) => {
        setCsrf(m.csrfToken);
        setMe(m);
      },
      (e) => setMe(e instanceof ApiError && e.status === 401 ? null : null),
    );
  }, []);

  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null)
    return (
      <SignIn
        onSignedIn={(m) => {
          setCsrf(m.csrfToken);
          setMe(m);
        }}
      />
    );

  const ticket = /^\/console\/tickets\/(\d+)/.exec(path);
  const inAdmin = me.user.role === 'admin' && path.startsWith('/console/admin');
  const signOut = async () => {
    await api.logout().catch(() => undefined);
    setMe(null);
    navigate('/console');
  };
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="/console" onClick={(e) => { e.preventDefault(); navigate('/console'); }}>Knowns console</a>
        {me.user.role === 'admin' && (
          <a class="brand-link" style="color:#fff" href="/console/admin" onClick={(e) => { e.preventDefault(); navigate('/console/admin'); }}>
            Admin
          </a>
        )}
        {me.user.role === 'admin' && (
          <a class="brand-link" style="color:#fff" href="/console/sla" onClick={(e) => { e.preventDefault(); navigate('/console/sla'); }}>
            SLA targets
          </a>
        )}
        <span class="who">
          {me.user.name} ({me.user.role})
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>{inAdmin ? <Admin path={path} /> : me.user.role === 'admin' && path.startsWith('/console/sla') ? <SlaSettings /> : ticket ? <TicketPage number={Number(ticket[1])} me={me} /> : <Inbox me={me} />}</main>
    </div>
  );
}
