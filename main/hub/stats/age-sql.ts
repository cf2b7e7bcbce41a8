/** Ages in SQL, as main/domain/age.ts counts them (shared by the direct statistics and the roll-ups). */

/** The highest age (completed years) of each band of AGE_BANDS but the last, as main/domain/age.ts `ageBand` cuts them. */
export const AGE_BAND_TOP_YEARS = [6, 17, 44, 59, 79] as const;

/**
 * SQL: completed years from text date `birth` to text date `on`, as main/domain/age.ts `ageOn`
 * counts them (someone born on 29 Feb completes a year on 28 Feb of a common year).
 */
export function completedYearsSql(birth: string, on: string): string {
  const onYear = `substr(${on}, 1, 4)::int`;
  const leap = `(${onYear} % 4 = 0 AND (${onYear} % 100 <> 0 OR ${onYear} % 400 = 0))`;
  return `(${onYear} - substr(${birth}, 1, 4)::int - CASE
    WHEN substr(${on}, 6) >= substr(${birth}, 6) THEN 0
    WHEN substr(${birth}, 6) = '02-29' AND substr(${on}, 6) = '02-28' AND NOT ${leap} THEN 0
    ELSE 1 END)`;
}
