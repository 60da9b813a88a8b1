/** Default service-level targets per priority, in hours (admins will be able to change them). */
export const DEFAULT_SLA_HOURS = {
  urgent: { firstResponse: 1, resolution: 4 },
  high: { firstResponse: 4, resolution: 24 },
  normal: { firstResponse: 8, resolution: 48 },
  low: { firstResponse: 24, resolution: 96 },
} as const;

export type Priority = keyof typeof DEFAULT_SLA_HOURS;

/** Targets in hours per priority (admins set them; see /v1/console/admin/sla). */
export type SlaHours = Record<Priority, { firstResponse: number; resolution: number }>;

export function dueTimes(priority: Priority, from: Date, hours: SlaHours = DEFAULT_SLA_HOURS): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const h = hours[priority] ?? DEFAULT_SLA_HOURS[priority];
  return {
    firstResponseDueAt: new Date(from.getTime() + h.firstResponse * 3_600_000),
    resolutionDueAt: new Date(from.getTime() + h.resolution * 3_600_000),
  };
}
