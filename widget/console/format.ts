/** Small display helpers. */
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

export function dueIn(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime() - Date.now();
  const abs = Math.abs(ms);
  const text = abs < 3_600_000 ? `${Math.round(abs / 60_000)} min` : abs < 86_400_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} d`;
  return ms < 0 ? `${text} overdue` : `in ${text}`;
}

export const label = (s: string) => s.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const REASONS = ['information', 'service', 'new-service', 'incident'] as const;
export const QUADRANTS = ['known-known', 'known-unknown', 'unknown-known', 'unknown-unknown'] as const;
