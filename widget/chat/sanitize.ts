/**
 * Defence in depth for bot/agent HTML. The server already sanitizes `html`; this keeps a
 * compromised or buggy server from running script in the chat: an allow-list of tags, no
 * attributes except safe `href`s, every link opening in a new tab without an opener.
 * DOMParser documents never run scripts or load images.
 */
const TAGS = new Set(
  'A B BLOCKQUOTE BR CODE EM H1 H2 H3 H4 H5 H6 HR I LI OL P PRE S SPAN STRONG SUB SUP TABLE TBODY TD TH THEAD TR U UL'.split(' '),
);
const DROP = new Set('SCRIPT STYLE TEMPLATE IFRAME OBJECT EMBED NOSCRIPT SVG MATH FORM'.split(' '));

export function safeHref(href: string | null): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, location.href);
    return /^(https?|mailto):$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

function clean(node: Node, into: Node, doc: Document): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      into.appendChild(doc.createTextNode(child.textContent || ''));
    } else if (child.nodeType === 1) {
      const el = child as Element;
      if (DROP.has(el.tagName)) continue;
      if (!TAGS.has(el.tagName)) {
        clean(el, into, doc); // unknown wrapper: keep its text
        continue;
      }
      const out = doc.createElement(el.tagName);
      if (el.tagName === 'A') {
        const href = safeHref(el.getAttribute('href'));
        if (href) {
          out.setAttribute('href', href);
          out.setAttribute('target', '_blank');
          out.setAttribute('rel', 'noopener noreferrer');
        }
      }
      clean(el, out, doc);
      into.appendChild(out);
    }
  }
}

export function sanitize(html: string): string {
  const src = new DOMParser().parseFromString(html, 'text/html');
  const out = document.implementation.createHTMLDocument('');
  const root = out.createElement('div');
  clean(src.body, root, out);
  return root.innerHTML;
}
