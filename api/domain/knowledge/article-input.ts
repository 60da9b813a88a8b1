import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What an admin saves: every save is a new version of the article. */
export const articleInput = z.object({
  slug: z.string().trim().min(1).max(120).regex(SLUG_PATTERN, 'lower-case letters, digits and single hyphens'),
  title: z.string().trim().min(1).max(200),
  category: z.string().trim().min(1).max(80).default('General'),
  summary: z.string().trim().max(500).default(''),
  keywords: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
  body: z.string().min(1).max(100_000),
  /** Whether the article should be public after the next publish. */
  status: z.enum(['draft', 'published']).default('draft'),
  note: z.string().trim().max(500).default(''),
});
export type ArticleInput = z.infer<typeof articleInput>;

export function slugify(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'article'
  );
}
