/**
 * Bed-day charges (issue 16): a stay in a bed is billed per night at the ward's daily rate. The
 * nights are the clinic-calendar days between admission and discharge (in the clinic's time zone,
 * so a stay from 23:00 to 07:00 is one night); a stay within one day — a day case — is billed as one.
 */
import { localDate, toEpochDay } from './dates';
import { assertFen, type Fen } from './money';

export function bedNights(admittedAt: number, dischargedAt: number, timeZone: string): number {
  const nights = toEpochDay(localDate(dischargedAt, timeZone)) - toEpochDay(localDate(admittedAt, timeZone));
  return Math.max(1, nights);
}

/** The charge of a stay: nights × the ward's daily rate, in fen. */
export function bedCharge(admittedAt: number, dischargedAt: number, timeZone: string, dailyRateFen: Fen): { nights: number; amountFen: Fen } {
  assertFen(dailyRateFen, 'dailyRateFen');
  const nights = bedNights(admittedAt, dischargedAt, timeZone);
  return { nights, amountFen: nights * dailyRateFen };
}
