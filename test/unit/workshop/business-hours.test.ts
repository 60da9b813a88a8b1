import { describe, expect, it } from 'vitest';
import { isOpen } from '../../../api/domain/conversations/business-hours.js';

const weekdays = { '1': [['09:00', '12:30'], ['13:30', '18:00']], '2': [['09:00', '18:00']], '3': [], '4': [], '5': [['09:00', '17:00']] } as Record<string, [string, string][]>;

describe('isOpen', () => {
  it.each([
    ['2026-11-23T08:30:00Z', true], // Monday 09:30 in Paris (UTC+1)
    ['2026-11-23T07:59:00Z', false], // Monday 08:59
    ['2026-11-23T11:45:00Z', false], // Monday 12:45, lunch
    ['2026-11-23T16:59:00Z', true], // Monday 17:59
    ['2026-11-23T17:00:00Z', false], // Monday 18:00: closing time is exclusive
    ['2026-11-28T10:00:00Z', false], // Saturday
    ['2026-11-25T10:00:00Z', false], // Wednesday, no intervals
  ])('%s in Europe/Paris → %s', (iso, open) => {
    expect(isOpen({ timezone: 'Europe/Paris', days: weekdays }, new Date(iso))).toBe(open);
  });
  it('is always open without business hours, or with an unknown time zone', () => {
    expect(isOpen(null, new Date())).toBe(true);
    expect(isOpen({ timezone: 'Mars/Olympus', days: {} }, new Date())).toBe(true);
  });
});
