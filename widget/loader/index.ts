/**
 * Knowns loader: the only script a host page embeds.
 *
 *   <script>window.Knowns=window.Knowns||function(){(Knowns.q=Knowns.q||[]).push(arguments)}</script>
 *   <script async src="https://HOST/widget.js" data-site-key="…"></script>
 *
 * Design goals (budget: 3 KB gzip, no framework):
 * - Costs almost nothing until opened: draws one button; the chat iframe is created on first open
 *   (or when the pointer/focus reaches the launcher, so opening feels instant).
 * - Changes nothing on the host page: one custom element (in the top layer when the browser has
 *   popovers, so no z-index war can cover it), styles confined to its shadow root, one global
 *   (`Knowns`), no inline styles or innerHTML (works under strict CSP and Trusted Types).
 * - Talks to the frame only by namespaced postMessage, with the target origin always explicit and
 *   every incoming event's origin and source checked.
 */
import { COLOR_RE, NS, isBridgeMessage, type Identity, type ToFrame, type ToHost } from '../shared/bridge';
import { pickLang } from '../shared/i18n/lang';
import { launcherStrings } from '../shared/i18n/launcher';
import { css } from './styles';

interface KnownsFn {
  (command: string, arg?: unknown): void;
  q?: ArrayLike<unknown>[];
  v?: number;
}

declare global {
  interface Window {
    Knowns?: KnownsFn;
  }
}

const w = window;
const d = document;
const stub = w.Knowns;
// `currentScript` is null only if we were injected as a module or from a callback; then find the tag.
const script = (d.currentScript || d.querySelector('script[data-site-key]')) as HTMLScriptElement | null;
const siteKey = script && script.getAttribute('data-site-key');

if (stub && stub.v) {
  // Loaded twice (two tags, or a SPA re-inserting it): the first copy keeps working.
} else if (!script || !siteKey) {
  console.warn('[knowns] widget.js needs a data-site-key attribute');
} else {
  const apiOrigin = new URL(script.src, location.href).origin;
  const pageLang = d.documentElement.lang;
  const t = launcherStrings[pickLang([pageLang, ...(navigator.languages || [navigator.language])])];
  const SVG = 'http://www.w3.org/2000/svg';
  // Chat bubble / cross, swapped on open.
  const ICON_CHAT = 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z';
  const ICON_CLOSE = 'M6 6l12 12M18 6L6 18';

  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let isOpen = false;
  let identity: Identity | null = null;
  let unread = 0;

  const host = d.createElement('knowns-widget');
  const root = host.attachShadow({ mode: 'open' });
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, parent: Node): HTMLElementTagNameMap[K] =>
    parent.appendChild(d.createElement(tag));

  // Constructable stylesheets are not subject to the page's CSP style-src; fall back to <style>.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    el('style', root).textContent = css;
  }

  const launcher = el('button', root);
  launcher.type = 'button';
  const svg = launcher.appendChild(d.createElementNS(SVG, 'svg'));
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = svg.appendChild(d.createElementNS(SVG, 'path'));
  const badge = el('span', launcher);
  badge.className = 'b';
  badge.setAttribute('aria-hidden', 'true');
  const panel = el('div', root);
  panel.className = 'p';

  const render = () => {
    path.setAttribute('d', isOpen ? ICON_CLOSE : ICON_CHAT);
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', isOpen ? t.close : unread ? `${t.open} (${t.unread} ${unread})` : t.open);
    badge.textContent = unread && !isOpen ? String(unread) : '';
    if (isOpen) host.setAttribute('data-open', '');
    else host.removeAttribute('data-open');
  };

  const post = (msg: ToFrame) => {
    if (ready && frame && frame.contentWindow) frame.contentWindow.postMessage(msg, apiOrigin);
  };

  const ensureFrame = () => {
    if (frame) return;
    frame = el('iframe', panel);
    frame.title = t.frameTitle;
    frame.src =
      `${apiOrigin}/widget/frame/${encodeURIComponent(siteKey)}` +
      `?origin=${encodeURIComponent(location.origin)}&lang=${encodeURIComponent(pageLang)}`;
  };

  const open = () => {
    if (isOpen) return;
    isOpen = true;
    unread = 0;
    ensureFrame();
    render();
    if (ready) focusFrame();
  };

  // Focus the frame element first: a cross-origin frame may then focus its own composer.
  const focusFrame = () => {
    frame!.focus();
    post({ ns: NS, type: 'open', page: location.origin + location.pathname });
  };

  const close = () => {
    if (!isOpen) return;
    // Only pull focus back if it was inside the widget (not when the page closes us from elsewhere).
    const hadFocus = root.activeElement !== null;
    isOpen = false;
    render();
    post({ ns: NS, type: 'close' });
    if (hadFocus) launcher.focus();
  };

  launcher.addEventListener('click', () => (isOpen ? close() : open()));
  // Intent to open (pointer over, or keyboard focus on, the launcher): start loading the frame.
  launcher.addEventListener('pointerenter', ensureFrame);
  launcher.addEventListener('focus', ensureFrame);
  root.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Escape' && isOpen) close();
  });

  w.addEventListener('message', (e) => {
    // Only our own frame, from the API origin, speaking our namespace.
    if (!frame || e.source !== frame.contentWindow || e.origin !== apiOrigin || !isBridgeMessage(e.data)) return;
    const m = e.data as ToHost;
    if (m.type === 'ready') {
      ready = true;
      if (identity) post({ ns: NS, type: 'identify', identity });
      if (isOpen) focusFrame();
    } else if (m.type === 'close') close();
    else if (m.type === 'theme' && COLOR_RE.test(m.color)) host.style.setProperty('--k-color', m.color);
    else if (m.type === 'unread' && !isOpen) {
      unread = Math.max(0, Math.min(99, m.count | 0));
      render();
    }
  });

  const api: KnownsFn = (command, arg) => {
    if (command === 'open') open();
    else if (command === 'close') close();
    else if (command === 'toggle') (isOpen ? close : open)();
    else if (command === 'identify' && arg && typeof arg === 'object') {
      const { email, name } = arg as Identity;
      identity = {
        email: typeof email === 'string' ? email.slice(0, 320) : undefined,
        name: typeof name === 'string' ? name.slice(0, 200) : undefined,
      };
      post({ ns: NS, type: 'identify', identity });
    } else console.warn('[knowns] unknown command', command);
  };
  api.v = 1;

  const color = script.getAttribute('data-color');
  if (color && COLOR_RE.test(color)) host.style.setProperty('--k-color', color);
  render();

  const mount = () => {
    d.body.appendChild(host);
    // The top layer sits above every z-index and ignores ancestors' transforms and overflow.
    try {
      host.popover = 'manual';
      host.showPopover();
    } catch {
      /* no popover support: z-index 2147483647 on a fixed element is the fallback */
    }
    const queued = (stub && stub.q) || [];
    w.Knowns = api;
    for (const args of Array.from(queued)) api(args[0] as string, args[1]);
  };
  if (d.body) mount();
  else d.addEventListener('DOMContentLoaded', mount);
}
