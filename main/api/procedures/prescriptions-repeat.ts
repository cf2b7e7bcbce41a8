/**
 * Repeating a previous prescription in one action (issue 14). The doctor of a visit in
 * consultation picks one of the patient's earlier prescriptions (issued, paid or dispensed; not
 * a draft, not a voided one, not another patient's: VALIDATION {field: 'sourcePrescriptionId',
 * reason}) and its lines are added to the doctor's open draft of the visit, or to a new draft
 * when there is none, with the same drug, dose, frequency, route and days. Each line is checked
 * as a new line is: a drug no longer in the formulary or without the stock for it is left out
 * (the answer says which and why, by its error code); allergy, duplicate and dose stops are
 * reported on the lines added and stop issuing as usual. When no line can be added nothing is
 * written (VALIDATION reason 'nothing_to_repeat', with what was left out).
 *
 * `prescriptions.repeatPlan` answers the same without writing, for the confirmation.
 */
import { z } from 'zod';
import { DRUG_FREQUENCIES, DRUG_ROUTES } from '../../domain/enums';
import { procedure } from '../define';
import { Id } from '../schemas';
import { PrescriptionView, RxWarning } from './prescriptions';

const RepeatInput = z.object({ visitId: Id, sourcePrescriptionId: Id });

export const RepeatLine = z.object({
  drugId: Id,
  drugName: z.string(),
  dose: z.number(),
  doseUnit: z.string(),
  frequency: z.enum(DRUG_FREQUENCIES),
  route: z.enum(DRUG_ROUTES),
  days: z.number().int(),
  quantity: z.number().int(),
  /** The safety stops this line brings (issuing then needs the override). */
  stops: z.array(RxWarning),
});

/** REPEAT_LEFT_OUT_CODES: why a line was not added (the error a new line would have met). */
export const REPEAT_LEFT_OUT_CODES = ['OUT_OF_STOCK', 'INSUFFICIENT_STOCK', 'DRUG_INACTIVE', 'VALIDATION', 'INVALID_MONEY'] as const;
export const RepeatLeftOut = z.object({
  drugId: Id,
  drugName: z.string(),
  code: z.enum(REPEAT_LEFT_OUT_CODES),
  /** Units on hand, for the stock codes. */
  available: z.number().int().nullable(),
});

const Plan = z.object({
  /** The draft the lines go to (null: a new draft is started). */
  intoPrescriptionId: Id.nullable(),
  added: z.array(RepeatLine),
  leftOut: z.array(RepeatLeftOut),
});

export const prescriptionsRepeatProcedures = {
  'prescriptions.repeatPlan': procedure({
    kind: 'query',
    access: ['doctor'],
    summary: 'What repeating an earlier prescription would add to this visit and what it would leave out, and why (nothing written).',
    input: RepeatInput,
    output: Plan,
  }),
  'prescriptions.repeat': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: "Repeat an earlier prescription of the patient into the visit's open draft (or a new one): lines re-checked as new lines; audited.",
    input: RepeatInput,
    output: Plan.extend({ prescription: PrescriptionView }),
  }),
  'prescriptions.ofPatient': procedure({
    kind: 'query',
    access: ['doctor'],
    summary: "The patient's earlier prescriptions that can be repeated (issued, paid or dispensed), newest first (audited).",
    input: z.object({ visitId: Id, limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(PrescriptionView) }),
  }),
} as const;
