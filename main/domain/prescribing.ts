/**
 * How many packages to dispense for a prescription line.
 *
 *   takes    = the number of administrations over `days`:
 *              ceil(days × takes-per-period / period-days), exact integer maths, so
 *              qod over 7 days is 4 takes (days 1, 3, 5, 7) and qw over 10 days is 2;
 *              st is a single take whatever `days` says.
 *   packages = ceil(takes × dosePerTake / dosePerPackage), dose and package content in the
 *              same unit (tablets, mg, ml), each with at most 4 decimals, computed exactly.
 *   prn      = as needed: nothing to compute from, so the prescriber's `quantity` is required.
 *
 * For other frequencies `quantity` may be given to round up to whole courses; it may not be
 * below the computed need (the patient would run out before the end of the course).
 * Every refusal is VALIDATION {field, reason}.
 */
import { DomainError } from './errors';
import type { DrugFrequency } from './enums';

/** Administrations per day (null: prn, as needed). st counts 1, given once. */
export const DOSES_PER_DAY: Readonly<Record<DrugFrequency, number | null>> = Object.freeze({
  qd: 1,
  bid: 2,
  tid: 3,
  qid: 4,
  q8h: 3,
  q12h: 2,
  qn: 1,
  qod: 0.5,
  qw: 1 / 7,
  prn: null,
  st: 1,
});

/** The same, as an exact fraction: `takes` administrations every `periodDays` days. */
const SCHEDULE: Readonly<Record<Exclude<DrugFrequency, 'prn' | 'st'>, { takes: number; periodDays: number }>> = {
  qd: { takes: 1, periodDays: 1 },
  bid: { takes: 2, periodDays: 1 },
  tid: { takes: 3, periodDays: 1 },
  qid: { takes: 4, periodDays: 1 },
  q8h: { takes: 3, periodDays: 1 },
  q12h: { takes: 2, periodDays: 1 },
  qn: { takes: 1, periodDays: 1 },
  qod: { takes: 1, periodDays: 2 },
  qw: { takes: 1, periodDays: 7 },
};

/** Longest course accepted, a sanity bound (regulatory limits are checked elsewhere). */
export const MAX_DAYS = 365;
const SCALE = 10_000; // 4 decimals

export interface QuantityInput {
  dosePerTake: number;
  frequency: DrugFrequency;
  /** Course length; required except for st and prn. */
  days?: number;
  /** Content of one package in the dose's unit (e.g. 24 tablets, 2500 mg). */
  dosePerPackage: number;
  /** Packages chosen by the prescriber: required for prn, otherwise a round-up. */
  quantity?: number;
}

function invalid(field: string, reason: string, value: unknown, extra?: Record<string, unknown>): never {
  throw new DomainError('VALIDATION', `${field}: ${reason}`, { field, reason, value, ...extra });
}

/** A positive amount with ≤ 4 decimals, as an integer count of 1/10000 units. */
function scaled(value: number, field: string): bigint {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) invalid(field, 'must_be_positive', value);
  const n = Math.round(value * SCALE);
  if (!Number.isSafeInteger(n)) invalid(field, 'too_large', value);
  if (n / SCALE !== value) invalid(field, 'too_many_decimals', value);
  return BigInt(n);
}

function wholePackages(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/** Administrations over the course (see the module comment). */
export function totalTakes(frequency: DrugFrequency, days: number | undefined): number {
  if (frequency === 'prn') invalid('frequency', 'prn_has_no_schedule', frequency);
  if (frequency === 'st') return 1;
  const schedule = SCHEDULE[frequency];
  if (!schedule) invalid('frequency', 'unknown', frequency);
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    invalid('days', 'must_be_1_to_max', days, { max: MAX_DAYS });
  }
  return Math.ceil((days * schedule.takes) / schedule.periodDays);
}

/** Whole packages to dispense. */
export function computeQuantity(input: QuantityInput): number {
  const { dosePerTake, frequency, days, dosePerPackage, quantity } = input;
  if (!Object.hasOwn(DOSES_PER_DAY, frequency)) invalid('frequency', 'unknown', frequency);
  if (quantity !== undefined && !wholePackages(quantity)) invalid('quantity', 'must_be_whole_packages', quantity);
  const dose = scaled(dosePerTake, 'dosePerTake');
  const pack = scaled(dosePerPackage, 'dosePerPackage');
  if (frequency === 'prn') {
    if (quantity === undefined) invalid('quantity', 'required_for_prn', quantity);
    return quantity;
  }
  const need = BigInt(totalTakes(frequency, days)) * dose;
  const packages = Number((need + pack - 1n) / pack);
  if (quantity === undefined) return packages;
  if (quantity < packages) invalid('quantity', 'below_course', quantity, { minimum: packages });
  return quantity;
}
