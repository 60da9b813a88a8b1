/**
 * Whether a site is staffed at a given instant: its opening intervals per weekday, in its own
 * time zone. No business hours at all means always staffed. Pure (Intl only).
 */
export interface BusinessHours {
  timezone: string;
  /** 0 = Sunday … 6 = Saturday → ["HH:MM", "HH:MM"] intervals. */
  days: Partial<Record<string, [string, string][]>>;
}

const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function isOpen(hours: BusinessHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    return true; // an unknown time zone never hides the team
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = WEEKDAY[get('weekday')];
  const time = `${get('hour').padStart(2, '0')}:${get('minute').padStart(2, '0')}`;
  if (day === undefined) return true;
  return (hours.days[String(day)] ?? []).some(([from, to]) => from <= time && time < to);
}
