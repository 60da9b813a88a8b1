/** Plain-text tables for the terminal; no colours, so the output pastes cleanly into an issue. */

export type Row = (string | number | null | undefined)[];

export function table(title: string, header: string[], rows: Row[]): string {
  const cells = [header, ...rows.map((r) => r.map(cell))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [`\n${title}`, line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return fmt(v);
  return v;
}

export function fmt(n: number, digits?: number): string {
  if (!Number.isFinite(n)) return '—';
  const d = digits ?? (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export const kb = (bytes: number) => `${fmt(bytes / 1024, 2)} KB`;
export const ms = (v: number) => `${fmt(v, v < 1 ? 3 : v < 10 ? 2 : v < 100 ? 1 : 0)} ms`;
export const perS = (v: number) => `${fmt(v, 0)}/s`;
export const pct = (ratio: number) => `${fmt(ratio * 100, ratio < 0.1 ? 1 : 0)}%`;
export const count = (n: number) => fmt(n, 0);

/** Section headings printed while the bench runs, so a long run shows where it is. */
export function step(text: string): void {
  process.stdout.write(`\n▸ ${text}\n`);
}
