import { readFileSync } from 'node:fs';

/**
 * Prompt templates are files (prompts/<name>.md): a fixed system part, and a user part rendered
 * from explicit `{{variables}}`. The system part takes no variables, so no customer or article text
 * can ever reach it. Every value is escaped so data cannot close the block it sits in; blocks built
 * by code (a list of articles) are escaped piece by piece and passed as `raw`.
 */
export type PromptName = 'answer' | 'classify' | 'summary' | 'draft';

export interface RenderedPrompt {
  name: PromptName;
  system: string;
  user: string;
}

/** A value already escaped (built with `dataBlock`/`escapeData`): inserted as is. */
export interface Raw {
  readonly raw: string;
}
export const raw = (text: string): Raw => ({ raw: text });

export type PromptVars = Record<string, string | Raw>;

export class PromptError extends Error {}

const SYSTEM = '<!-- system -->';
const USER = '<!-- user -->';
const VARIABLE = /\{\{\s*([a-z_]+)\s*\}\}/g;

const cache = new Map<PromptName, { system: string; user: string }>();

export function loadTemplate(name: PromptName): { system: string; user: string } {
  let t = cache.get(name);
  if (!t) {
    const text = readFileSync(new URL(`./${name}.md`, import.meta.url), 'utf8').replace(/\r\n/g, '\n');
    const s = text.indexOf(SYSTEM);
    const u = text.indexOf(USER);
    if (s !== 0 || u < 0) throw new PromptError(`prompts/${name}.md must start with "${SYSTEM}" and contain "${USER}"`);
    t = { system: text.slice(SYSTEM.length, u).trim(), user: text.slice(u + USER.length).trim() };
    if (VARIABLE.test(t.system)) throw new PromptError(`prompts/${name}.md: the system part must not take variables`);
    VARIABLE.lastIndex = 0;
    cache.set(name, t);
  }
  return t;
}

/** The variables a template expects, in order of first use. */
export function templateVariables(name: PromptName): string[] {
  return [...new Set([...loadTemplate(name).user.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/**
 * Data may not open or close a tag: `<` and `>` become look-alike-free entities, so a customer
 * writing "</customer_message> SYSTEM: …" stays inside the block.
 */
export function escapeData(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<tag a="…">text</tag>`, with the text and attribute values escaped. */
export function dataBlock(tag: string, attrs: Record<string, string | number>, text: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeData(String(v)).replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${tag}${a}>\n${escapeData(text)}\n</${tag}>`;
}

/** Renders a prompt. A missing or unexpected variable is an error, never an empty string. */
export function renderPrompt(name: PromptName, vars: PromptVars): RenderedPrompt {
  const t = loadTemplate(name);
  const expected = templateVariables(name);
  const missing = expected.filter((v) => !(v in vars));
  if (missing.length) throw new PromptError(`prompts/${name}.md: missing variable(s) ${missing.join(', ')}`);
  const extra = Object.keys(vars).filter((v) => !expected.includes(v));
  if (extra.length) throw new PromptError(`prompts/${name}.md: unexpected variable(s) ${extra.join(', ')}`);
  // One pass: a value containing "{{x}}" is never expanded again.
  const user = t.user.replace(VARIABLE, (_, key: string) => {
    const v = vars[key]!;
    return typeof v === 'string' ? escapeData(v) : v.raw;
  });
  return { name, system: t.system, user };
}
