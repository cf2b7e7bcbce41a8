/**
 * Age in completed years, months and days (周岁), calendar-correct.
 * Month arithmetic clamps to the month's end: a child born on 31 Jan is one month old on
 * 28 (or 29) Feb, and a person born on 29 Feb completes a year on 28 Feb in common years.
 */
import { DomainError } from './errors';
import { type CivilDate, civilToEpochDay, daysInMonth, formatIsoDate, parseIsoDate } from './dates';

export interface Age {
  years: number;
  months: number; // 0–11
  days: number; // 0–30
}

export const AGE_BANDS = ['0-6', '7-17', '18-44', '45-59', '60-79', '80+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export type AgeLang = 'zh-CN' | 'en';

/** `d` plus `k` months, day clamped to the target month's length. */
function addMonthsClamped(d: CivilDate, k: number): CivilDate {
  const total = d.year * 12 + (d.month - 1) + k;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** Completed years, months and days from `birthDate` to `onDate` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, onDate: string): Age {
  const birth = parseIsoDate(birthDate, 'birthDate');
  const on = parseIsoDate(onDate, 'onDate');
  const onDay = civilToEpochDay(on);
  if (onDay < civilToEpochDay(birth)) {
    throw new DomainError('INVALID_DATE', 'birth date is after the date of the age', {
      field: 'birthDate',
      reason: 'after_on_date',
      birthDate,
      onDate,
    });
  }
  let months = (on.year - birth.year) * 12 + (on.month - birth.month);
  let anchor = addMonthsClamped(birth, months);
  if (civilToEpochDay(anchor) > onDay) {
    months -= 1;
    anchor = addMonthsClamped(birth, months);
  }
  return { years: Math.floor(months / 12), months: months % 12, days: onDay - civilToEpochDay(anchor) };
}

/**
 * Age as a clinic writes it: from 3 years '35岁' / '35 y'; from 1 year '2岁4月' / '2 y 4 mo'
 * (zero months left out: '2岁'); under 1 year '3月12天' / '3 mo 12 d' (zero parts left out,
 * a newborn on its birth day is '0天' / '0 d').
 */
export function ageLabel(birthDate: string, onDate: string, lang: AgeLang): string {
  const { years, months, days } = ageOn(birthDate, onDate);
  const zh = lang === 'zh-CN';
  if (!zh && lang !== 'en') throw new DomainError('VALIDATION', 'unknown language', { field: 'lang', value: lang });
  if (years >= 3) return zh ? `${years}岁` : `${years} y`;
  const parts: string[] = [];
  if (years >= 1) {
    parts.push(zh ? `${years}岁` : `${years} y`);
    if (months > 0) parts.push(zh ? `${months}月` : `${months} mo`);
  } else {
    if (months > 0) parts.push(zh ? `${months}月` : `${months} mo`);
    if (days > 0 || months === 0) parts.push(zh ? `${days}天` : `${days} d`);
  }
  return parts.join(zh ? '' : ' ');
}

/** The statistics age band for completed years. */
export function ageBand(years: number): AgeBand {
  if (!Number.isSafeInteger(years) || years < 0) {
    throw new DomainError('VALIDATION', 'age in years must be a whole number ≥ 0', { field: 'years', value: years });
  }
  if (years <= 6) return '0-6';
  if (years <= 17) return '7-17';
  if (years <= 44) return '18-44';
  if (years <= 59) return '45-59';
  if (years <= 79) return '60-79';
  return '80+';
}

/** `isoDate` + `months` calendar months, day clamped to the month's end ('2024-01-31' + 1 → '2024-02-29'). */
export function addMonths(isoDate: string, months: number): string {
  if (!Number.isSafeInteger(months)) {
    throw new DomainError('VALIDATION', 'months must be a whole number', { field: 'months', value: months });
  }
  const d = addMonthsClamped(parseIsoDate(isoDate), months);
  if (d.year < 0 || d.year > 9999) throw new DomainError('INVALID_DATE', 'date out of range', { field: 'date', value: isoDate });
  return formatIsoDate(d);
}
