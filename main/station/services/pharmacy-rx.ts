/** Prescriptions as the doctor and the pharmacist see them: lines, drug names, allergy warnings. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { PrescriptionView, RxWarning } from '../../api/procedures/prescriptions';
import { drugs, patients, prescriptionItems, prescriptions } from '../../../db/schema';
import type { RequestContext } from '../context';
import { notFound, staffNames } from './consultation-common';
import { allergyMatches } from './pharmacy-allergy';

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

/** Warnings for a drug given the patient's allergy text. */
export function allergyWarnings(allergies: string | null, drug: { id: string; name: string; nameEn: string }, itemId: string | null): WarningV[] {
  return allergyMatches(allergies, drug).map((allergen) => ({
    kind: 'allergy' as const,
    drugId: drug.id,
    itemId,
    allergen,
    message: `patient allergy "${allergen}" may concern ${drug.name}`,
  }));
}

export function prescriptionViews(ctx: RequestContext, rows: readonly PrescriptionRow[]): PrescriptionV[] {
  if (rows.length === 0) return [];
  const itemRows = ctx.db.select({ i: prescriptionItems, d: { code: drugs.code, name: drugs.name, nameEn: drugs.nameEn, spec: drugs.spec, unit: drugs.unit } })
    .from(prescriptionItems).innerJoin(drugs, eq(drugs.id, prescriptionItems.drugId))
    .where(and(inArray(prescriptionItems.prescriptionId, rows.map((r) => r.id)), eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptionItems.seq), asc(prescriptionItems.id)).all();
  const patientRows = ctx.db.select({
    id: patients.id, recordNo: patients.recordNo, name: patients.name, sex: patients.sex, birthDate: patients.birthDate,
    allergies: patients.allergies,
  }).from(patients).where(inArray(patients.id, [...new Set(rows.map((r) => r.patientId))])).all();
  const patientsById = new Map(patientRows.map((p) => [p.id, p]));
  const doctors = staffNames(ctx, rows.map((r) => r.doctorId));
  return rows.map((rx) => {
    const patient = patientsById.get(rx.patientId)!;
    const lines = itemRows.filter((r) => r.i.prescriptionId === rx.id);
    const warnings = lines.flatMap(({ i, d }) => allergyWarnings(patient.allergies, { id: i.drugId, name: d.name, nameEn: d.nameEn }, i.id));
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
    };
  });
}

export function prescriptionView(ctx: RequestContext, id: string): PrescriptionV {
  return prescriptionViews(ctx, [loadPrescription(ctx, id)])[0]!;
}
