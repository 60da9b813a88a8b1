/** The public XSS payload lists (see /work/shared/data/xss/SOURCE.md) and an HTML checker for rendered output. */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';

export const XSS_DIR = process.env.KNOWNS_XSS_DIR ?? '/work/shared/data/xss';

export function xssPayloads(): { file: string; line: number; payload: string }[] {
  if (!existsSync(XSS_DIR)) return [];
  return readdirSync(XSS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((file) =>
      readFileSync(join(XSS_DIR, file), 'utf8')
        .split('\n')
        .map((payload, i) => ({ file, line: i + 1, payload: payload.replace(/\r$/, '') }))
        .filter((p) => p.payload.trim() !== ''),
    );
}

const ALLOWED: Record<string, string[]> = {
  a: ['href', 'title', 'rel', 'target'],
  img: ['src', 'alt', 'title'],
  th: ['align'],
  td: ['align'],
  ol: ['start'],
};
const TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'kbd']);

/** Problems in an HTML fragment: tags or attributes off the allow-list, handlers, script-capable URLs. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (!TAGS.has(name)) problems.push(`tag <${name}>`);
        for (const [k, v] of Object.entries(attrs)) {
          if (/^on/i.test(k)) problems.push(`handler ${name}[${k}]`);
          if (!(ALLOWED[name] ?? []).includes(k)) problems.push(`attribute ${name}[${k}]`);
          if (k === 'href' || k === 'src') {
            const url = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
            if (/^[a-z][a-z0-9+.-]*:/.test(url) && !/^(https?|mailto):/.test(url)) problems.push(`url ${name}[${k}]=${v}`);
            if (name === 'img' && url.startsWith('mailto:')) problems.push(`url ${name}[${k}]=${v}`);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

