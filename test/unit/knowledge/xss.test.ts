/**
 * Every line of the public XSS payload lists (/work/shared/data/xss, see SOURCE.md) through the
 * real Markdown path (marked + sanitize-html), in several Markdown contexts, and the output parsed
 * as HTML: only allowed tags and attributes survive, no event handler, no script-capable URL.
 * (test/e2e/xss.test.ts loads the same payloads in Chromium.)
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../api/domain/knowledge/render-article.js';
import { unsafeParts, XSS_DIR, xssPayloads } from '../../helpers/xss.js';

const payloads = xssPayloads();

describe('Markdown rendering against the public XSS payload lists', () => {
  it('has the payload lists', () => {
    if (payloads.length === 0) console.info(`[knowns] ${XSS_DIR} is missing: the XSS corpus test has nothing to check.`);
    expect(payloads.length === 0 || payloads.length > 700).toBe(true);
  });

  const contexts: [string, (p: string) => string][] = [
    ['as a paragraph', (p) => p],
    ['between blocks', (p) => `# Title\n\n${p}\n\n- item\n`],
    ['as a link URL', (p) => `[click](${p})`],
    ['as an image URL', (p) => `![img](${p})`],
    ['as link text', (p) => `[${p}](https://example.com)`],
    ['in a raw HTML link', (p) => `<a href="${p}">x</a>`],
    ['in a table cell', (p) => `| a |\n|---|\n| ${p} |`],
  ];
  it.each(contexts)('no handler, script URL or unknown tag survives %s', (_name, wrap) => {
    const failures: string[] = [];
    for (const { file, line, payload } of payloads) {
      const problems = unsafeParts(renderMarkdown(wrap(payload)));
      if (problems.length) failures.push(`${file}:${line} ${problems.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('the checker itself catches handlers, script URLs and unknown tags', () => {
    expect(unsafeParts('<img src=x onerror=alert(1)>')).toContain('handler img[onerror]');
    expect(unsafeParts('<a href=" jav&#x09;ascript:alert(1)">x</a>')).toEqual(['url a[href]= jav\tascript:alert(1)']);
    expect(unsafeParts('<svg><script>x</script></svg>')).toEqual(['tag <svg>', 'tag <script>']);
    expect(unsafeParts('<p style="x">ok</p>')).toEqual(['attribute p[style]']);
  });

  it('still renders ordinary Markdown', () => {
    expect(renderMarkdown('**bold** [link](https://example.com) ![i](https://example.com/a.png)')).toBe(
      '<p><strong>bold</strong> <a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">link</a> <img src="https://example.com/a.png" alt="i" /></p>\n',
    );
  });
});
