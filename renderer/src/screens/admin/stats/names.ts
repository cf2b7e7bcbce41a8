/** The statistics the hub answers over a date range, grouped as the screen shows them. */
export const STAT_GROUPS = {
  visits: ['registrations', 'visitsByDepartment', 'visitsByDoctor'],
  income: ['incomeByDay', 'incomeByDepartment', 'incomeByDoctor', 'incomeByMethod'],
  patients: ['patientsBySex', 'patientsByAgeBand'],
  service: ['noShows', 'waits'],
  clinical: ['topDiagnoses', 'drugUsage'],
} as const;

export type StatGroup = keyof typeof STAT_GROUPS;
export type StatisticName = (typeof STAT_GROUPS)[StatGroup][number];
