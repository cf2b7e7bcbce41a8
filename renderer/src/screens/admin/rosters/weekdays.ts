import { useTranslation } from 'react-i18next';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function useWeekdayLabel(): (d: number) => string {
  const { t } = useTranslation();
  return (d) => t(`admin.weekday.w${d as Weekday}`);
}

export function useWeekdayOptions(): { value: string; label: string }[] {
  const label = useWeekdayLabel();
  return WEEKDAYS.map((d) => ({ value: String(d), label: label(d) }));
}
