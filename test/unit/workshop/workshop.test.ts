/** The admin workshop's pure parts: line diff, link check, CSV/JSON import validation, gap clustering, golden checks. */
import { describe, expect, it } from 'vitest';
import { diffLines, diffVersions } from '../../../api/domain/knowledge/diff-versions.js';
import { checkLinks, slugOfHref } from '../../../api/domain/knowledge/check-links.js';
import { jsonElementLines, parseCsv, planImport, toCsv } from '../../../api/domain/intents/import-export.js';
import { clusterGaps } from '../../../api/domain/publishing/content-gaps.js';
import { passes } from '../../../api/domain/publishing/replay.js';
import type { Outcome } from '../../../api/domain/publishing/outcome.js';

describe('diffLines', () => {
  it.each([
    ['', '', []],
    ['a\nb\nc', 'a\nb\nc', ['  a', '  b', '  c']],
    ['a\nb\nc', 'a\nx\nc', ['  a', '- b', '+ x', '  c']],
    ['a\nb', 'a\nb\nc', ['  a', '  b', '+ c']],
    ['a\nb\nc', 'b\nc', ['- a', '  b', '  c']],
    ['x\na\ny\nb', 'a\nb\nz', ['- x', '  a', '- y', '  b', '+ z']],
  ])('%j → %j', (a, b, expected) => {
    const out = diffLines(a, b).map((l) => `${l.op === 'same' ? ' ' : l.op === 'add' ? '+' : '-'} ${l.text}`);
    expect(out).toEqual(expected.length ? expected : ['  ']);
  });

  it('numbers old and new lines', () => {
    expect(diffLines('a\nb', 'a\nc')).toEqual([
      { op: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { op: 'del', text: 'b', oldLine: 2, newLine: null },
      { op: 'add', text: 'c', oldLine: null, newLine: 2 },
    ]);
  });

  it('reports changed fields of a version', () => {
    const v = { version: 1, title: 'T', summary: 'S', keywords: ['a'], bodyMarkdown: 'x' };
    const d = diffVersions(v, { ...v, version: 2, title: 'T2', bodyMarkdown: 'x\ny' });
    expect(d).toMatchObject({ from: 1, to: 2, title: { before: 'T', after: 'T2' }, summary: null, keywords: null, added: 1, removed: 0 });
  });
});

describe('link check', () => {
  const PUB = 'https://help.example.com';
  it.each([
    ['/help/reset-password', 'reset-password'],
    ['https://help.example.com/help/reset-password#step-2', 'reset-password'],
    ['reset-password', 'reset-password'],
    ['./reset-password?x=1', 'reset-password'],
    ['https://other.example.com/help/reset-password', null],
    ['mailto:a@b.c', null],
    ['#section', null],
    ['/help/%E0%A4%A', null],
    ['/pricing/plans', null],
  ])('%s → %s', (href, slug) => expect(slugOfHref(href, PUB)).toBe(slug));

  it('reports links from published articles to missing and unpublished ones', () => {
    const problems = checkLinks(
      [
        { slug: 'a', published: true, markdown: 'See [b](/help/b), [c](c), [gone](/help/gone) and [web](https://x.org).' },
        { slug: 'b', published: true, markdown: 'ok' },
        { slug: 'c', published: false, markdown: '[a](/help/gone-too)' },
      ],
      PUB,
    );
    expect(problems).toEqual([
      { slug: 'a', target: 'c', href: 'c', problem: 'unpublished' },
      { slug: 'a', target: 'gone', href: '/help/gone', problem: 'missing' },
    ]);
  });
});

describe('CSV', () => {
  it('parses quotes, doubled quotes, commas and newlines in fields, keeping each record first line', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\n"multi\nline",z\n\nlast,1')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'he said "hi"'] },
      { line: 3, cells: ['multi\nline', 'z'] },
      { line: 6, cells: ['last', '1'] },
    ]);
  });
  it('round-trips through toCsv', () => {
    const rows = [['a', 'b, c', 'd "e"', 'f\ng', ' padded ']];
    expect(parseCsv(toCsv(rows)).map((r) => r.cells)).toEqual(rows);
  });
});

describe('import validation', () => {
  const HEADER = 'name,description,reason,keywords,phrases,negative_keywords,examples,answer_kind,answer_article,answer_text,enabled';
  it('accepts a valid CSV and resolves article answers by slug', () => {
    const { plan, problems } = planImport(`${HEADER}\nhello,,information,hi|hey,,,hello there|hi,article,welcome,,true\n`, 'csv', null, new Set(['welcome']));
    expect(problems).toEqual([]);
    expect(plan.intents[0]).toMatchObject({ line: 2, intent: { name: 'hello', keywords: ['hi', 'hey'], examples: ['hello there', 'hi'], answer: { kind: 'article', slug: 'welcome' } } });
  });
  it('names the line and field of each problem', () => {
    const csv = `${HEADER}\nok,,information,,,,,,,,\nbad,,nope,,,,,,,,\nok,,information,,,,,weird,,,\nx,,information,,,,,article,nowhere,,\n`;
    const { problems } = planImport(csv, 'csv', 'intents', new Set());
    expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual(['3:reason', '4:answer_kind', '5:answer_article']);
  });
  it('reports missing and unknown columns on the header line', () => {
    const { problems } = planImport('title,colour\nx,y\n', 'csv', 'intents', new Set());
    expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual(['1:colour', '1:name', '1:title']);
  });
  it('finds the line of each JSON array element', () => {
    expect(jsonElementLines('{\n "intents": [\n  {"name": "a"},\n  {"name": "b,]}"}\n ],\n "articles": [{"slug":"x"}]\n}')).toEqual({ intents: [3, 4], articles: [6] });
  });
  it('reports JSON syntax errors with a line', () => {
    const { problems } = planImport('{\n  "intents": [\n    {"name": "a",}\n  ]\n}', 'json', null, new Set());
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('(file)');
    expect(problems[0]!.line).toBe(3);
  });
});

describe('content gaps', () => {
  const q = (text: string, quadrant: 'unknown-unknown' | 'unknown-known' = 'unknown-unknown') => ({ text, quadrant, handoff: false, askedAt: '2026-11-20T10:00:00.000Z' });
  it('groups similar questions, counts repeats, and keeps unrelated ones apart', () => {
    const clusters = clusterGaps([
      q('Do you sell a printed calendar?'),
      q('Can I order a printed calendar?'),
      q('Do you sell a printed calendar?'),
      q('printed calendar price', 'unknown-known'),
      q('Is there a Linux app?'),
      q('linux desktop app'),
      q('What is the weather today?'),
    ]);
    expect(clusters.map((c) => c.count)).toEqual([4, 2, 1]);
    expect(clusters[0]!.examples[0]).toEqual({ text: 'Do you sell a printed calendar?', count: 2 });
    expect(clusters[0]!.quadrants).toEqual({ 'unknown-unknown': 3, 'unknown-known': 1 });
    expect(clusters[1]!.examples.map((e) => e.text).sort()).toEqual(['Is there a Linux app?', 'linux desktop app']);
  });
  it('is deterministic', () => {
    const input = ['a b c', 'b c d', 'x y z', 'c d e'].map((t) => q(t));
    expect(clusterGaps(input)).toEqual(clusterGaps([...input].reverse()));
  });
});

describe('golden questions', () => {
  const o = (action: Outcome['action'], intentName: string | null): Outcome => ({ action, quadrant: 'known-known', intentId: intentName ? 'id' : null, intentName, articleId: null, label: '', confidence: 1 });
  it('pass only when answered with the expected intent, or with no intent when none is expected', () => {
    expect(passes('refunds', o('answer', 'refunds'))).toBe(true);
    expect(passes('refunds', o('answer', 'billing'))).toBe(false);
    expect(passes('refunds', o('clarify', null))).toBe(false);
    expect(passes(null, o('collect-contact', null))).toBe(true);
    expect(passes(null, o('answer', 'refunds'))).toBe(false);
  });
});
