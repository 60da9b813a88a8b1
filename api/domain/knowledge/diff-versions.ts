/**
 * A line diff between two texts (longest common subsequence). Article bodies are small (a few
 * hundred lines), so the O(n·m) table is fine; past MAX_CELLS it falls back to "all removed, all
 * added" rather than using a lot of memory.
 */
export type DiffLine = { op: 'same' | 'add' | 'del'; text: string; oldLine: number | null; newLine: number | null };

const MAX_CELLS = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // Trim the common head and tail: most edits touch a few lines.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i]!, oldLine: i + 1, newLine: i + 1 });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  if (n * m > MAX_CELLS) {
    am.forEach((t, i) => out.push({ op: 'del', text: t, oldLine: head + i + 1, newLine: null }));
    bm.forEach((t, j) => out.push({ op: 'add', text: t, oldLine: null, newLine: head + j + 1 }));
  } else {
    // lcs[i][j] = LCS length of am[i..] and bm[j..]
    const lcs = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[at(i, j)] = am[i] === bm[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ op: 'same', text: am[i]!, oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[at(i + 1, j)]! >= lcs[at(i, j + 1)]!)) {
        // Deletions before additions in a replaced block, as diff tools show them.
        out.push({ op: 'del', text: am[i]!, oldLine: head + i + 1, newLine: null });
        i++;
      } else {
        out.push({ op: 'add', text: bm[j]!, oldLine: null, newLine: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = tail; k > 0; k--) {
    const ai = a.length - k;
    const bi = b.length - k;
    out.push({ op: 'same', text: a[ai]!, oldLine: ai + 1, newLine: bi + 1 });
  }
  return out;
}

/** A version diff as admins read it: each field that changed, the body line by line. */
export interface VersionDiff {
  from: number;
  to: number;
  title: { before: string; after: string } | null;
  summary: { before: string; after: string } | null;
  keywords: { before: string[]; after: string[] } | null;
  body: DiffLine[];
  added: number;
  removed: number;
}

export interface VersionContent {
  version: number;
  title: string;
  summary: string;
  keywords: string[];
  bodyMarkdown: string;
}

export function diffVersions(from: VersionContent, to: VersionContent): VersionDiff {
  const body = diffLines(from.bodyMarkdown, to.bodyMarkdown);
  return {
    from: from.version,
    to: to.version,
    title: from.title === to.title ? null : { before: from.title, after: to.title },
    summary: from.summary === to.summary ? null : { before: from.summary, after: to.summary },
    keywords: from.keywords.join('\u0000') === to.keywords.join('\u0000') ? null : { before: from.keywords, after: to.keywords },
    body,
    added: body.filter((l) => l.op === 'add').length,
    removed: body.filter((l) => l.op === 'del').length,
  };
}
