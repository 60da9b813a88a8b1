/**
 * Chat app entry (the iframe at /widget/frame/:siteKey). Wires the store to the loader bridge and
 * renders. Nothing here talks to the network until the visitor opens the chat, unless a
 * conversation already exists (then it reconnects to deliver pending messages and replies).
 */
import './styles.css';
import { render } from 'preact';
import { COLOR_RE, NS } from '../shared/bridge';
import { App } from './components/App';
import { connectHost, detectEmbedding } from './host';
import { lang, t } from './i18n';
import { createChat } from './store';

const params = new URLSearchParams(location.search);
const siteKey = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const embedding = detectEmbedding(params);
const root = document.getElementById('app')!;
document.documentElement.lang = lang;
document.title = t.title;

if (embedding.kind === 'refused' || !siteKey) {
  // Framed by a page that is not who the URL says: show nothing useful, send nothing.
  root.textContent = t.unavailable;
} else {
  let host = { send: (_: unknown) => {} } as ReturnType<typeof connectHost>;
  const chat = createChat({
    siteKey,
    origin: embedding.kind === 'framed' ? embedding.origin : undefined,
    lang,
    onUnread: (count) => host.send({ ns: NS, type: 'unread', count }),
    onTheme: (color) => {
      if (!COLOR_RE.test(color)) return;
      document.documentElement.style.setProperty('--accent', color);
      host.send({ ns: NS, type: 'theme', color });
    },
  });
  const close = () => {
    chat.close();
    host.send({ ns: NS, type: 'close' });
  };
  host = connectHost(embedding, {
    open: (page) => chat.open(page),
    close: () => chat.close(),
    identify: (identity) => chat.identify(identity),
  });
  // Escape anywhere in the frame closes the panel (the loader moves focus back to the launcher).
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.isComposing && embedding.kind === 'framed') close();
  });
  render(<App chat={chat} onClose={embedding.kind === 'framed' ? close : null} />, root);
  if (embedding.kind === 'standalone') chat.open(undefined);
}
