/**
 * Vital signs: which readings are possible at all (anything else is a typing or device error and
 * is refused, naming the field), and which are outside the adult reference ranges (flagged).
 *
 * Plausible bounds (refused outside; wide on purpose, they catch 60 °C, not a sick patient):
 * temperature 30–45 °C, systolic 50–280 and diastolic 20–180 mmHg with diastolic below systolic,
 * pulse 20–250 and respiration 4–80 a minute, SpO2 50–100 %, weight 0.5–350 kg, height 30–250 cm.
 *
 * Adult reference ranges (flagged outside), as Chinese clinics use them:
 * - temperature 36.0–37.2 °C axillary; 37.3 and above is fever (诊断学, 人民卫生出版社, 9th ed.,
 *   "发热": axillary 36–37 °C, fever above 37.3 °C);
 * - blood pressure: below 140/90 mmHg (中国高血压防治指南 2018: hypertension is SBP ≥ 140 and/or
 *   DBP ≥ 90); below 90/60 is low (the common hypotension threshold);
 * - pulse 60–100 and respiration 12–20 a minute (诊断学, adult at rest);
 * - SpO2 95 % or more at sea level (below 95 is low);
 * - BMI 18.5–23.9 kg/m² (WS/T 428-2013 成人体重判定: < 18.5 underweight, 24.0–27.9 overweight,
 *   ≥ 28 obese).
 * The ranges are for adults (18 and over): for children the reading is shown unflagged.
 */
import { DomainError } from './errors';

export const VITAL_FIELDS = ['temperatureC', 'systolic', 'diastolic', 'pulse', 'respiration', 'spo2', 'weightKg', 'heightCm'] as const;
export type VitalField = (typeof VITAL_FIELDS)[number];

/** One reading as typed: each value may be left out (not measured). */
export type VitalsInput = Partial<Record<VitalField, number | null>>;

/** Bounds of a possible reading, and how many decimals are kept. */
export const VITAL_LIMITS: Readonly<Record<VitalField, { min: number; max: number; decimals: number }>> = Object.freeze({
  temperatureC: { min: 30, max: 45, decimals: 1 },
  systolic: { min: 50, max: 280, decimals: 0 },
  diastolic: { min: 20, max: 180, decimals: 0 },
  pulse: { min: 20, max: 250, decimals: 0 },
  respiration: { min: 4, max: 80, decimals: 0 },
  spo2: { min: 50, max: 100, decimals: 0 },
  weightKg: { min: 0.5, max: 350, decimals: 1 },
  heightCm: { min: 30, max: 250, decimals: 1 },
});

export type VitalFlag = 'low' | 'high';
export type FlaggedField = 'temperatureC' | 'systolic' | 'diastolic' | 'pulse' | 'respiration' | 'spo2' | 'bmi';
export type BmiClass = 'underweight' | 'normal' | 'overweight' | 'obese';

/** Adult reference ranges: [low below, high at or above]. */
export const ADULT_RANGES: Readonly<Record<Exclude<FlaggedField, 'bmi'>, { lowBelow: number; highFrom: number }>> = Object.freeze({
  temperatureC: { lowBelow: 36.0, highFrom: 37.3 },
  systolic: { lowBelow: 90, highFrom: 140 },
  diastolic: { lowBelow: 60, highFrom: 90 },
  pulse: { lowBelow: 60, highFrom: 101 },
  respiration: { lowBelow: 12, highFrom: 21 },
  spo2: { lowBelow: 95, highFrom: Number.POSITIVE_INFINITY },
});

function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/**
 * A reading checked and normalised (rounded to its unit's precision, missing values null).
 * Throws VALIDATION {field, reason, value, min?, max?} for the first bad value: out_of_range,
 * not_a_number, diastolic_not_below_systolic, or empty (nothing measured at all).
 */
export function checkVitals(input: VitalsInput): Record<VitalField, number | null> {
  const out = {} as Record<VitalField, number | null>;
  for (const field of VITAL_FIELDS) {
    const raw = input[field];
    if (raw === undefined || raw === null) { out[field] = null; continue; }
    const lim = VITAL_LIMITS[field];
    if (!Number.isFinite(raw)) {
      throw new DomainError('VALIDATION', `${field} is not a number`, { field, reason: 'not_a_number', value: String(raw) });
    }
    const value = roundTo(raw, lim.decimals);
    if (value < lim.min || value > lim.max) {
      throw new DomainError('VALIDATION', `${field} ${raw} is not a possible reading (${lim.min}–${lim.max})`, {
        field, reason: 'out_of_range', value: raw, min: lim.min, max: lim.max,
      });
    }
    out[field] = value;
  }
  if (out.systolic !== null && out.diastolic !== null && out.diastolic >= out.systolic) {
    throw new DomainError('VALIDATION', 'the diastolic pressure must be below the systolic', {
      field: 'diastolic', reason: 'diastolic_not_below_systolic', value: out.diastolic, systolic: out.systolic,
    });
  }
  if ((out.systolic === null) !== (out.diastolic === null)) {
    const field = out.systolic === null ? 'systolic' : 'diastolic';
    throw new DomainError('VALIDATION', 'blood pressure needs both the systolic and the diastolic value', { field, reason: 'pair_required' });
  }
  if (VITAL_FIELDS.every((f) => out[f] === null)) {
    throw new DomainError('VALIDATION', 'enter at least one vital sign', { field: 'temperatureC', reason: 'empty' });
  }
  return out;
}

/** Body-mass index in kg/m², one decimal; null without both weight and height. */
export function bmiOf(weightKg: number | null, heightCm: number | null): number | null {
  if (weightKg === null || heightCm === null) return null;
  const m = heightCm / 100;
  return roundTo(weightKg / (m * m), 1);
}

/** WS/T 428-2013 adult classes. */
export function bmiClass(bmi: number): BmiClass {
  if (bmi < 18.5) return 'underweight';
  if (bmi < 24) return 'normal';
  if (bmi < 28) return 'overweight';
  return 'obese';
}

/** The fields of a checked reading outside the adult ranges (BMI: below 18.5 low, 24 and above high). */
export function flagVitals(v: Record<VitalField, number | null>): Partial<Record<FlaggedField, VitalFlag>> {
  const flags: Partial<Record<FlaggedField, VitalFlag>> = {};
  for (const field of Object.keys(ADULT_RANGES) as (keyof typeof ADULT_RANGES)[]) {
    const value = v[field];
    if (value === null) continue;
    const r = ADULT_RANGES[field];
    if (value < r.lowBelow) flags[field] = 'low';
    else if (value >= r.highFrom) flags[field] = 'high';
  }
  const bmi = bmiOf(v.weightKg, v.heightCm);
  if (bmi !== null) {
    const c = bmiClass(bmi);
    if (c === 'underweight') flags.bmi = 'low';
    else if (c !== 'normal') flags.bmi = 'high';
  }
  return flags;
}
