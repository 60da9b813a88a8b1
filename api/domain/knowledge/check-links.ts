/**
 * Cross-links between articles: a Markdown link to `/help/<slug>` (absolute on the public URL, or
 * root-relative) or to a bare `<slug>` points at another article. Before a publish, links to a
 * slug that does not exist, or to an article that will not be published, are reported.
 */
import { Lexer, type Token, type Tokens } from 'marked';

export interface LinkProblem {
  /** The article that has the link. */
  slug: string;
  /** The slug linked to. */
  target: string;
  href: string;
  problem: 'missing' | 'unpublished';
}

/** Slugs an article's Markdown links to (in order, once each). */
export function linkedSlugs(markdown: string, publicUrl: string): { target: string; href: string }[] {
  const out = new Map<string, string>();
  const visit = (tokens: Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'link') {
        const href = (t as Tokens.Link).href;
        const slug = slugOfHref(href, publicUrl);
        if (slug && !out.has(slug)) out.set(slug, href);
      }
      const nested = (t as { tokens?: Token[] }).tokens;
      if (nested) visit(nested);
      const items = (t as { items?: { tokens: Token[] }[] }).items;
      if (items) for (const i of items) visit(i.tokens);
    }
  };
  visit(new Lexer({ gfm: true }).lex(markdown));
  return [...out].map(([target, href]) => ({ target, href }));
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugOfHref(href: string, publicUrl: string): string | null {
  let path = href.trim().split('#')[0]!.split('?')[0]!;
  const base = publicUrl.replace(/\/+$/, '');
  if (path.startsWith(base + '/')) path = path.slice(base.length);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return null; // another site, mailto…
  const m = /^\/help\/([^/]+)\/?$/.exec(path) ?? /^(?:\.\/)?([^/]+)$/.exec(path);
  if (!m) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(m[1]!);
  } catch {
    return null; // a malformed %-escape is not a link to an article
  }
  return SLUG.test(slug) ? slug : null;
}

/**
 * `articles`: every article of the site as it would be after the publish (slug, whether it will
 * be published, its Markdown). Only links from articles that will be published matter.
 */
export function checkLinks(articles: { slug: string; published: boolean; markdown: string }[], publicUrl: string): LinkProblem[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const problems: LinkProblem[] = [];
  for (const a of articles) {
    if (!a.published) continue;
    for (const { target, href } of linkedSlugs(a.markdown, publicUrl)) {
      const t = bySlug.get(target);
      if (!t) problems.push({ slug: a.slug, target, href, problem: 'missing' });
      else if (!t.published) problems.push({ slug: a.slug, target, href, problem: 'unpublished' });
    }
  }
  return problems;
}
