/**
 * Vital signs of a visit (main/domain/vitals.ts has the bounds and the adult ranges).
 *
 * - A receptionist (at check-in, in the waiting room) or a doctor enters a reading for a visit
 *   that is not cancelled; several readings per visit, each with its time and who took it.
 *   Readings are insert-only: a wrong one is followed by a new one.
 * - A value that cannot be a reading (temperature 60, BP 300/20, diastolic not below systolic,
 *   SpO2 120) is refused: VALIDATION {field, reason, value, min, max}; nothing is written.
 * - Each reading is shown with its BMI and the fields outside the adult reference ranges
 *   (flags; none for a patient under 18 on the visit's date, whose ranges differ).
 * - Reading a visit's vitals is audited, like the record.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Id, Instant } from '../schemas';

const Reading = z.number().nullable().optional();
const Flag = z.enum(['low', 'high']);

export const VitalSignsView = z.object({
  id: Id,
  visitId: Id,
  takenAt: Instant,
  takenBy: Id,
  takenByName: z.string(),
  temperatureC: z.number().nullable(),
  systolic: z.number().int().nullable(),
  diastolic: z.number().int().nullable(),
  pulse: z.number().int().nullable(),
  respiration: z.number().int().nullable(),
  spo2: z.number().int().nullable(),
  weightKg: z.number().nullable(),
  heightCm: z.number().nullable(),
  /** kg/m², one decimal; null without weight and height. */
  bmi: z.number().nullable(),
  /** Fields outside the adult reference ranges. */
  flags: z.object({
    temperatureC: Flag.optional(), systolic: Flag.optional(), diastolic: Flag.optional(), pulse: Flag.optional(),
    respiration: Flag.optional(), spo2: Flag.optional(), bmi: Flag.optional(),
  }),
});

/** A visit's readings, oldest first; `adultRanges` false when the patient is a child (no flags). */
export const VisitVitals = z.object({ visitId: Id, adultRanges: z.boolean(), readings: z.array(VitalSignsView) });

export const vitalsProcedures = {
  'vitals.record': procedure({
    kind: 'command',
    access: ['receptionist', 'doctor'],
    summary: 'Enter a reading of vital signs for a visit that is not cancelled (values left out were not measured).',
    input: z.object({
      visitId: Id,
      temperatureC: Reading, systolic: Reading, diastolic: Reading, pulse: Reading, respiration: Reading, spo2: Reading,
      weightKg: Reading, heightCm: Reading,
    }),
    output: VisitVitals,
  }),
  'vitals.ofVisit': procedure({
    kind: 'query',
    access: ['receptionist', 'doctor'],
    summary: "A visit's vital-sign readings with BMI and flags (audited).",
    input: z.object({ visitId: Id }),
    output: VisitVitals,
  }),
} as const;
