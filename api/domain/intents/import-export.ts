/**
 * Import and export of intents and articles, as JSON or CSV.
 *
 * Import is validate-everything-then-write: the whole file is checked first and every problem is
 * reported with its line and field; if there is any, nothing is written. Intents are matched by
 * name and articles by slug (existing ones are updated: an article gets a new version).
 *
 * JSON: `{ "intents": [IntentJson…], "articles": [ArticleJson…] }`, an intent answering with an
 * article names it by slug (`{ "kind": "article", "slug": "reset-your-password" }`).
 * CSV: one file per kind; lists (keywords, phrases, examples…) are separated by `|`.
 */
import { z } from 'zod';
import { articleInput, type ArticleInput } from '../knowledge/article-input.js';
import { intentInput, type IntentInput } from './intent-input.js';
import type { ArticleRecord, IntentRecord } from '../knowledge/ports.js';

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface ImportIntent extends Omit<IntentInput, 'answer'> {
  answer: IntentInput['answer'] | { kind: 'article'; slug: string };
}

export interface ImportPlan {
  intents: { line: number; intent: ImportIntent }[];
  articles: { line: number; article: ArticleInput }[];
}

export type ImportFormat = 'json' | 'csv';
export type ImportKind = 'intents' | 'articles';

// ── CSV ──

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. Each record keeps its first line number. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (any || cell !== '') rows.push({ line: start, cells });
      cells = [];
      cell = '';
      any = false;
      line++;
      start = line;
    } else {
      cell += ch;
      any = true;
    }
  }
  if (any || cell !== '') {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  return rows;
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const toCsv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

const INTENT_COLUMNS = ['name', 'description', 'reason', 'keywords', 'phrases', 'negative_keywords', 'examples', 'answer_kind', 'answer_article', 'answer_text', 'enabled'] as const;
const ARTICLE_COLUMNS = ['slug', 'title', 'category', 'summary', 'keywords', 'status', 'body'] as const;
const FIELD_OF_COLUMN: Record<string, string> = { negative_keywords: 'negativeKeywords', answer_kind: 'answer', answer_article: 'answer', answer_text: 'answer' };
const list = (s: string | undefined) => (s ?? '').split('|').map((x) => x.trim()).filter(Boolean);

// ── JSON with line numbers ──

/** The line on which each element of each top-level array starts: { intents: [3, 15, …], … }. */
export function jsonElementLines(text: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastKey = '';
  let currentArray: string | null = null;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (depth === 2 && currentArray && expectValue && !/[\s,\]]/.test(ch)) {
      out[currentArray]!.push(line);
      expectValue = false;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i;
    } else if (ch === '{' || ch === '[') {
      depth++;
      if (depth === 2 && ch === '[') {
        currentArray = lastKey;
        out[lastKey] = [];
        expectValue = true;
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 1) currentArray = null;
    } else if (ch === ',' && depth === 2) expectValue = true;
  }
  return out;
}

const jsonIntent = intentInput.extend({
  answer: z
    .union([
      z.object({ kind: z.literal('article'), slug: z.string().min(1) }),
      z.object({ kind: z.literal('canned'), text: z.string().trim().min(1).max(4000) }),
      z.object({ kind: z.literal('action'), action: z.literal('collect-contact') }),
    ])
    .nullable()
    .default(null),
});

const jsonFile = z.object({ intents: z.array(z.unknown()).default([]), articles: z.array(z.unknown()).default([]) });

function issues(line: number, prefix: string, error: z.ZodError): ImportProblem[] {
  return error.issues.map((i) => ({ line, field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix, message: i.message }));
}

/**
 * Validates a file. `existingSlugs`: the site's article slugs (an intent may answer with one, or
 * with an article in the same file).
 */
export function planImport(text: string, format: ImportFormat, kind: ImportKind | null, existingSlugs: Set<string>): { plan: ImportPlan; problems: ImportProblem[] } {
  const plan: ImportPlan = { intents: [], articles: [] };
  const problems: ImportProblem[] = [];

  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
      return { plan, problems: [{ line, field: '(file)', message: `Not valid JSON: ${(e as Error).message}` }] };
    }
    const file = jsonFile.safeParse(parsed);
    if (!file.success) return { plan, problems: issues(1, '', file.error) };
    const lines = jsonElementLines(text);
    file.data.intents.forEach((raw, i) => {
      const line = lines.intents?.[i] ?? 1;
      const r = jsonIntent.safeParse(raw);
      if (!r.success) problems.push(...issues(line, `intents[${i}]`, r.error));
      else plan.intents.push({ line, intent: r.data });
    });
    file.data.articles.forEach((raw, i) => {
      const line = lines.articles?.[i] ?? 1;
      const r = articleInput.safeParse(raw);
      if (!r.success) problems.push(...issues(line, `articles[${i}]`, r.error));
      else plan.articles.push({ line, article: r.data });
    });
  } else {
    const rows = parseCsv(text);
    const header = rows.shift();
    if (!header) return { plan, problems: [{ line: 1, field: '(file)', message: 'The file is empty.' }] };
    const cols = header.cells.map((c) => c.trim().toLowerCase());
    const detected: ImportKind = kind ?? (cols.includes('slug') && cols.includes('body') ? 'articles' : 'intents');
    const expected: readonly string[] = detected === 'intents' ? INTENT_COLUMNS : ARTICLE_COLUMNS;
    const required = detected === 'intents' ? ['name'] : ['slug', 'title', 'body'];
    for (const r of required) if (!cols.includes(r)) problems.push({ line: header.line, field: r, message: `Missing column "${r}".` });
    for (const c of cols) if (!expected.includes(c)) problems.push({ line: header.line, field: c, message: `Unknown column "${c}"; expected ${expected.join(', ')}.` });
    if (problems.length) return { plan, problems: problems.sort((a, b) => a.field.localeCompare(b.field)) };
    for (const row of rows) {
      const get = (name: string) => {
        const i = cols.indexOf(name);
        return i < 0 ? undefined : row.cells[i];
      };
      if (row.cells.length !== cols.length) {
        problems.push({ line: row.line, field: '(row)', message: `Expected ${cols.length} cells, found ${row.cells.length}.` });
        continue;
      }
      const fieldName = (path: string) => {
        const first = path.split('.')[0]!;
        return Object.entries(FIELD_OF_COLUMN).find(([, f]) => f === first)?.[0] ?? (first === 'negativeKeywords' ? 'negative_keywords' : first);
      };
      if (detected === 'intents') {
        const kindCell = (get('answer_kind') ?? '').trim();
        let answer: unknown = null;
        if (kindCell === 'article') answer = { kind: 'article', slug: (get('answer_article') ?? '').trim() };
        else if (kindCell === 'canned') answer = { kind: 'canned', text: get('answer_text') ?? '' };
        else if (kindCell === 'action') answer = { kind: 'action', action: (get('answer_text') ?? '').trim() || 'collect-contact' };
        else if (kindCell !== '') {
          problems.push({ line: row.line, field: 'answer_kind', message: 'Expected article, canned, action or empty.' });
          continue;
        }
        const enabledCell = (get('enabled') ?? '').trim().toLowerCase();
        if (enabledCell && !['true', 'false', 'yes', 'no', '1', '0'].includes(enabledCell)) {
          problems.push({ line: row.line, field: 'enabled', message: 'Expected true or false.' });
          continue;
        }
        const r = jsonIntent.safeParse({
          name: get('name'),
          description: get('description') ?? '',
          reason: (get('reason') ?? '').trim() || undefined,
          keywords: list(get('keywords')),
          phrases: list(get('phrases')),
          negativeKeywords: list(get('negative_keywords')),
          examples: list(get('examples')),
          answer,
          enabled: enabledCell ? ['true', 'yes', '1'].includes(enabledCell) : true,
        });
        if (!r.success) problems.push(...r.error.issues.map((i) => ({ line: row.line, field: fieldName(i.path.map(String).join('.')), message: i.message })));
        else plan.intents.push({ line: row.line, intent: r.data });
      } else {
        const r = articleInput.safeParse({
          slug: get('slug'),
          title: get('title'),
          category: (get('category') ?? '').trim() || undefined,
          summary: get('summary') ?? '',
          keywords: list(get('keywords')),
          status: (get('status') ?? '').trim() || undefined,
          body: get('body'),
        });
        if (!r.success) problems.push(...r.error.issues.map((i) => ({ line: row.line, field: i.path.map(String)[0] ?? '(row)', message: i.message })));
        else plan.articles.push({ line: row.line, article: r.data });
      }
    }
  }

  // Across rows: duplicates, and intents answering with an article that exists nowhere.
  const names = new Map<string, number>();
  for (const { line, intent } of plan.intents) {
    const k = intent.name.toLowerCase();
    if (names.has(k)) problems.push({ line, field: format === 'csv' ? 'name' : 'name', message: `Duplicate intent name (first on line ${names.get(k)}).` });
    else names.set(k, line);
  }
  const slugs = new Map<string, number>();
  for (const { line, article } of plan.articles) {
    if (slugs.has(article.slug)) problems.push({ line, field: 'slug', message: `Duplicate slug (first on line ${slugs.get(article.slug)}).` });
    else slugs.set(article.slug, line);
  }
  for (const { line, intent } of plan.intents) {
    const a = intent.answer;
    if (a && a.kind === 'article' && 'slug' in a && !existingSlugs.has(a.slug) && !slugs.has(a.slug))
      problems.push({ line, field: format === 'csv' ? 'answer_article' : 'answer.slug', message: `No article with the slug "${a.slug}".` });
  }
  problems.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
  return { plan, problems };
}

// ── export ──

export function exportJson(intents: IntentRecord[], articles: ArticleRecord[]): string {
  const slugOf = new Map(articles.map((a) => [a.id, a.slug]));
  return JSON.stringify(
    {
      intents: intents.map((i) => ({
        name: i.name,
        description: i.description,
        reason: i.reason,
        keywords: i.keywords,
        phrases: i.phrases,
        negativeKeywords: i.negativeKeywords,
        examples: i.examples,
        answer: i.answer?.kind === 'article' ? { kind: 'article', slug: slugOf.get(i.answer.articleId) ?? '' } : i.answer,
        enabled: i.enabled,
      })),
      articles: articles.map((a) => ({
        slug: a.slug,
        title: a.latest.title,
        category: a.category,
        summary: a.latest.summary,
        keywords: a.latest.keywords,
        status: a.status,
        body: a.latest.bodyMarkdown,
      })),
    },
    null,
    2,
  );
}

export function exportIntentsCsv(intents: IntentRecord[], articles: ArticleRecord[]): string {
  const slugOf = new Map(articles.map((a) => [a.id, a.slug]));
  return toCsv([
    [...INTENT_COLUMNS],
    ...intents.map((i) => [
      i.name,
      i.description,
      i.reason,
      i.keywords.join('|'),
      i.phrases.join('|'),
      i.negativeKeywords.join('|'),
      i.examples.join('|'),
      i.answer?.kind ?? '',
      i.answer?.kind === 'article' ? (slugOf.get(i.answer.articleId) ?? '') : '',
      i.answer?.kind === 'canned' ? i.answer.text : i.answer?.kind === 'action' ? i.answer.action : '',
      String(i.enabled),
    ]),
  ]);
}

export function exportArticlesCsv(articles: ArticleRecord[]): string {
  return toCsv([[...ARTICLE_COLUMNS], ...articles.map((a) => [a.slug, a.latest.title, a.category, a.latest.summary, a.latest.keywords.join('|'), a.status, a.latest.bodyMarkdown])]);
}
