/** Prescriptions as the doctor and the pharmacist see them: lines, drug names, safety stops, override, void reason. */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { RxWarning, type PrescriptionView } from '../../api/procedures/prescriptions';
import { parseAllergyList, splitList } from '../../domain/allergies';
import { drugs, patients, prescriptionItems, prescriptions } from '../../../db/schema';
import type { RequestContext } from '../context';
import { notFound, staffNames } from './consultation-common';
import { rxStops, type PatientAllergies, type RxStop, type SafetyDrug, type SafetyLine } from './rx-safety';

export type PrescriptionRow = typeof prescriptions.$inferSelect;
export type ItemRow = typeof prescriptionItems.$inferSelect;
type PrescriptionV = z.input<typeof PrescriptionView>;
type WarningV = z.input<typeof RxWarning>;

export function loadPrescription(ctx: RequestContext, id: string): PrescriptionRow {
  const rx = ctx.db.select().from(prescriptions).where(eq(prescriptions.id, id)).get();
  if (!rx) throw notFound('prescription', 'prescriptionId', id);
  return rx;
}

/** A line still on its prescription. */
export function loadItem(ctx: RequestContext, itemId: string): ItemRow {
  const item = ctx.db.select().from(prescriptionItems).where(eq(prescriptionItems.id, itemId)).get();
  if (!item || item.removed) throw notFound('prescription_item', 'itemId', itemId);
  return item;
}

export function activeItems(ctx: RequestContext, prescriptionId: string): ItemRow[] {
  return ctx.db.select().from(prescriptionItems)
    .where(and(eq(prescriptionItems.prescriptionId, prescriptionId), eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptionItems.seq), asc(prescriptionItems.id)).all();
}

type DrugRowLike = Pick<typeof drugs.$inferSelect, 'id' | 'name' | 'nameEn' | 'ingredients' | 'drugClasses' | 'doseUnit' | 'maxDose'>;

export function safetyDrug(d: DrugRowLike): SafetyDrug {
  return {
    id: d.id, name: d.name, nameEn: d.nameEn, ingredients: splitList(d.ingredients), classes: splitList(d.drugClasses),
    doseUnit: d.doseUnit, maxDose: d.maxDose,
  };
}

export function patientAllergies(p: { allergies: string | null; allergyList: string | null }): PatientAllergies {
  return { coded: parseAllergyList(p.allergyList).items, text: p.allergies };
}

function stopMessage(s: RxStop): string {
  switch (s.kind) {
    case 'allergy': return `patient allergy "${s.allergen ?? ''}" concerns ${s.drugName}`;
    case 'duplicate_drug': return `${s.drugName} is already prescribed in this visit`;
    case 'duplicate_class': return `${s.drugName} and ${s.otherDrugName ?? ''} are both ${s.allergen ?? ''}`;
    case 'over_max_dose': return `${s.drugName}: dose ${s.dose ?? ''} above the maximum ${s.maxDose ?? ''}`;
  }
}

export function warningOf(s: RxStop): WarningV {
  return { ...s, message: stopMessage(s) };
}

/** The live lines (not removed) of a visit's other live prescriptions (not voided), for duplicates. */
export function otherVisitLines(ctx: RequestContext, visitId: string, exceptRxId: string): SafetyLine[] {
  return ctx.db.select({ i: prescriptionItems, d: drugs }).from(prescriptionItems)
    .innerJoin(prescriptions, eq(prescriptions.id, prescriptionItems.prescriptionId))
    .innerJoin(drugs, eq(drugs.id, prescriptionItems.drugId))
    .where(and(eq(prescriptions.visitId, visitId), ne(prescriptions.id, exceptRxId), ne(prescriptions.status, 'cancelled'),
      eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptions.createdAt), asc(prescriptionItems.seq)).all()
    .map(({ i, d }) => ({ itemId: i.id, drug: safetyDrug(d), dose: i.dose, doseUnit: i.doseUnit }));
}

/** The stops of a prescription as it stands (its live lines against the patient and the rest of the visit). */
export function stopsOf(ctx: RequestContext, rx: PrescriptionRow): RxStop[] {
  const patient = ctx.db.select({ allergies: patients.allergies, allergyList: patients.allergyList }).from(patients)
    .where(eq(patients.id, rx.patientId)).get();
  const lines = ctx.db.select({ i: prescriptionItems, d: drugs }).from(prescriptionItems).innerJoin(drugs, eq(drugs.id, prescriptionItems.drugId))
    .where(and(eq(prescriptionItems.prescriptionId, rx.id), eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptionItems.seq), asc(prescriptionItems.id)).all()
    .map(({ i, d }) => ({ itemId: i.id, drug: safetyDrug(d), dose: i.dose, doseUnit: i.doseUnit }));
  return rxStops(patientAllergies(patient ?? { allergies: null, allergyList: null }), lines, otherVisitLines(ctx, rx.visitId, rx.id));
}

/** The stored override's stops; a row that does not read (from elsewhere) keeps its reason with no stops listed. */
export function storedStops(json: string | null): WarningV[] {
  if (json === null) return [];
  try {
    const parsed = RxWarning.array().safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function prescriptionViews(ctx: RequestContext, rows: readonly PrescriptionRow[]): PrescriptionV[] {
  if (rows.length === 0) return [];
  const itemRows = ctx.db.select({ i: prescriptionItems, d: drugs })
    .from(prescriptionItems).innerJoin(drugs, eq(drugs.id, prescriptionItems.drugId))
    .where(and(inArray(prescriptionItems.prescriptionId, rows.map((r) => r.id)), eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptionItems.seq), asc(prescriptionItems.id)).all();
  const patientRows = ctx.db.select({
    id: patients.id, recordNo: patients.recordNo, name: patients.name, sex: patients.sex, birthDate: patients.birthDate,
    allergies: patients.allergies, allergyList: patients.allergyList,
  }).from(patients).where(inArray(patients.id, [...new Set(rows.map((r) => r.patientId))])).all();
  const patientsById = new Map(patientRows.map((p) => [p.id, p]));
  const doctors = staffNames(ctx, rows.map((r) => r.doctorId));
  return rows.map((rx) => {
    const { allergyList, ...patient } = patientsById.get(rx.patientId)!;
    const lines = itemRows.filter((r) => r.i.prescriptionId === rx.id);
    const coded = parseAllergyList(allergyList);
    const safetyLines = lines.map(({ i, d }) => ({ itemId: i.id, drug: safetyDrug(d), dose: i.dose, doseUnit: i.doseUnit }));
    const others = rx.status === 'cancelled' ? [] : otherVisitLines(ctx, rx.visitId, rx.id);
    const warnings = rxStops({ coded: coded.items, text: patient.allergies }, safetyLines, others).map(warningOf);
    return {
      id: rx.id, rxNo: rx.rxNo, visitId: rx.visitId, patient, doctorId: rx.doctorId, doctorName: doctors.get(rx.doctorId) ?? '',
      status: rx.status, note: rx.note, issuedAt: rx.issuedAt, dispensedAt: rx.dispensedAt, dispensedBy: rx.dispensedBy,
      cancelledAt: rx.cancelledAt, createdAt: rx.createdAt,
      items: lines.map(({ i, d }) => ({
        id: i.id, drugId: i.drugId, drugCode: d.code, drugName: d.name, spec: d.spec, unit: d.unit, seq: i.seq, dose: i.dose,
        doseUnit: i.doseUnit, frequency: i.frequency, route: i.route, days: i.days, quantity: i.quantity,
        unitPriceFen: i.unitPriceFen, amountFen: i.amountFen, note: i.note,
      })),
      totalFen: lines.reduce((s, { i }) => s + i.amountFen, 0),
      warnings,
      allergyList: coded.items,
      allergyListUnreadable: coded.unreadable,
      override: rx.overrideReason === null ? null : { reason: rx.overrideReason, stops: storedStops(rx.overrideStops) },
      cancelReason: rx.cancelReason,
    };
  });
}

export function prescriptionView(ctx: RequestContext, id: string): PrescriptionV {
  return prescriptionViews(ctx, [loadPrescription(ctx, id)])[0]!;
}
