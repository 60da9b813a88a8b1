/**
 * Widget size figures (gzip, bytes), read from the build in dist/widget:
 * - loaderGzip: widget.js, the one script every host page downloads (budget 3 KB);
 * - chatGzip: the JS and CSS the chat iframe loads: each JS/CSS file chat.html references, plus
 *   the chunks those JS files import, each counted once (budget 30 KB; chat.html itself, ~0.5 KB,
 *   is not counted).
 * Gzip at level 9, like Vite's report. Prints the figures when run directly:
 *   npx tsx test/bench/sizes.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/widget');

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Map a URL from chat.html or a chunk to a file in dist/widget (base is /widget/). */
function toFile(ref: string, from: string): string | null {
  if (/^[a-z]+:|^\/\//i.test(ref)) return null; // absolute URL: not ours
  const file = ref.startsWith('/widget/') ? join(dist, ref.slice('/widget/'.length)) : resolve(dirname(from), ref);
  return existsSync(file) ? file : null;
}

export async function measureWidgetSizes(): Promise<{ loaderGzip: number; chatGzip: number }> {
  const loader = join(dist, 'widget.js');
  const html = join(dist, 'chat.html');
  if (!existsSync(loader) || !existsSync(html)) throw new Error(`no build in ${dist}: run npm run build`);

  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (ref: string, from: string) => {
    const file = toFile(ref, from);
    if (file && /\.(js|mjs|css)$/.test(file) && !seen.has(file)) {
      seen.add(file);
      queue.push(file);
    }
  };
  for (const m of readFileSync(html, 'utf8').matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)=["']?([^"'\s>]+)/gi)) {
    add(m[1], html);
  }
  // Static and dynamic imports between chunks (Vite emits them as relative specifiers).
  for (let file; (file = queue.shift()); ) {
    if (!file.endsWith('.css')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\(?)\s*["'](\.{1,2}\/[^"']+\.(?:js|css))["']/g)) {
        add(m[1], file);
      }
    }
  }
  let chatGzip = 0;
  for (const file of seen) chatGzip += gz(file);
  return { loaderGzip: gz(loader), chatGzip };
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const { loaderGzip, chatGzip } = await measureWidgetSizes();
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  console.log(`loader (widget.js)        ${kb(loaderGzip)} gzip  (budget 3 KB)`);
  console.log(`chat (JS + CSS)           ${kb(chatGzip)} gzip  (budget 30 KB)`);
}
