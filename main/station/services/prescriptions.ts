/** Prescriptions from the consult room: draft, lines from the formulary, issue, cancel. */
import { asc, eq, max } from 'drizzle-orm';
import type { prescriptionsProcedures } from '../../api/procedures/prescriptions';
import { Fen } from '../../api/schemas';
import type { DrugFrequency } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { assertTransition, prescriptionLifecycle } from '../../domain/lifecycle';
import { prescriptionNo } from '../../domain/numbers';
import { computeQuantity } from '../../domain/prescribing';
import { patients, prescriptionItems, prescriptions } from '../../../db/schema';
import type { RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { loadVisit, myStaffId, requireInConsultation, requireVisitDoctor, today } from './consultation-common';
import { searchFormulary } from './pharmacy-formulary';
import {
  activeItems, loadItem, loadPrescription, patientAllergies, prescriptionView, prescriptionViews, stopsOf, warningOf, type ItemRow,
  type PrescriptionRow,
} from './pharmacy-rx';
import { availableOf, loadDrug, type DrugRow } from './pharmacy-stock';
import { freeNumber } from '../free-number';

/** Only the doctor who wrote a prescription changes it. */
function requirePrescriber(ctx: RequestContext, rx: PrescriptionRow): void {
  if (myStaffId(ctx) !== rx.doctorId) {
    throw new DomainError('FORBIDDEN', 'only the prescribing doctor may do this', { reason: 'not_prescriber', prescriptionId: rx.id });
  }
}

/** A draft of the prescriber's, for a visit still in consultation. */
export function editableDraft(ctx: RequestContext, prescriptionId: string): PrescriptionRow {
  const rx = loadPrescription(ctx, prescriptionId);
  requirePrescriber(ctx, rx);
  if (rx.status !== 'draft') {
    throw new DomainError('PRESCRIPTION_NOT_DRAFT', 'only a draft prescription can be changed', { prescriptionId: rx.id, status: rx.status });
  }
  requireInConsultation(loadVisit(ctx, rx.visitId));
  return rx;
}

export function usableDrug(ctx: RequestContext, drugId: string): DrugRow {
  const drug = loadDrug(ctx, drugId);
  if (!drug.active) throw new DomainError('DRUG_INACTIVE', `${drug.name} is no longer in the formulary`, { field: 'drugId', drugId });
  return drug;
}

/**
 * Refuses a drug with no usable stock (OUT_OF_STOCK) or a quantity above it, counting the
 * other lines of the same drug on this prescription (INSUFFICIENT_STOCK).
 */
export function checkStock(ctx: RequestContext, drug: DrugRow, quantity: number, otherLines: number): void {
  const available = availableOf(ctx, drug.id);
  if (available <= 0) {
    throw new DomainError('OUT_OF_STOCK', `${drug.name} is out of stock`, { field: 'drugId', drugId: drug.id, available });
  }
  if (otherLines + quantity > available) {
    throw new DomainError('INSUFFICIENT_STOCK', `only ${available} ${drug.unit} of ${drug.name} available`, {
      field: 'quantity', drugId: drug.id, needed: otherLines + quantity, available,
    });
  }
}

export interface LineInput {
  dose: number;
  doseUnit: string;
  frequency: DrugFrequency;
  days?: number | undefined;
  quantity?: number | undefined;
}

/** Whole dispensing units for a line; days stored as given (1 for st/prn when left out). */
export function lineQuantity(drug: DrugRow, l: LineInput): { quantity: number; days: number } {
  const scheduled = l.frequency !== 'st' && l.frequency !== 'prn';
  if (scheduled && l.days === undefined) {
    throw new DomainError('VALIDATION', 'days: required for this frequency', { field: 'days', reason: 'required' });
  }
  const days = l.days ?? 1;
  if (l.doseUnit !== drug.doseUnit) {
    if (l.quantity === undefined) {
      throw new DomainError('VALIDATION', `quantity: required when the dose is not in ${drug.doseUnit}`, {
        field: 'quantity', reason: 'required_for_other_dose_unit', doseUnit: drug.doseUnit,
      });
    }
    return { quantity: l.quantity, days };
  }
  const quantity = computeQuantity({ dosePerTake: l.dose, frequency: l.frequency, days, dosePerPackage: drug.dosesPerUnit, quantity: l.quantity });
  return { quantity, days };
}

/** A line's amount, within what the application counts as money (the API's Fen). */
export function amountOf(quantity: number, unitPriceFen: number): number {
  const amount = quantity * unitPriceFen;
  if (!Fen.safeParse(amount).success) {
    throw new DomainError('INVALID_MONEY', 'the amount of this line is too large', { field: 'quantity', value: amount });
  }
  return amount;
}

export function sameDrugElsewhere(ctx: RequestContext, rxId: string, drugId: string, exceptItemId: string | null): number {
  return activeItems(ctx, rxId).filter((i) => i.drugId === drugId && i.id !== exceptItemId).reduce((s, i) => s + i.quantity, 0);
}

export function touched(ctx: RequestContext, rx: PrescriptionRow) {
  ctx.audit('update', 'prescription', rx.id, rx.patientId);
  const view = prescriptionView(ctx, rx.id);
  if (!Fen.safeParse(view.totalFen).success) {
    throw new DomainError('INVALID_MONEY', 'the prescription total is too large', { field: 'items', value: view.totalFen });
  }
  return view;
}

export const prescriptionsHandlers = {
  'prescriptions.create': (ctx, { visitId, note }) => {
    const visit = loadVisit(ctx, visitId);
    const me = requireVisitDoctor(ctx, visit);
    requireInConsultation(visit);
    const id = ctx.write.insert(prescriptions, {
      rxNo: freeNumber(ctx.raw, ctx.nextSeq, 'rx', (n) => prescriptionNo(ctx.device, today(ctx), n), { table: 'prescriptions', column: 'rx_no' }), visitId, patientId: visit.patientId, doctorId: me,
      status: 'draft', note: note && note !== '' ? note : null, issuedAt: null, reviewedBy: null, dispensedAt: null,
      dispensedBy: null, cancelledAt: null,
    });
    ctx.audit('create', 'prescription', id, visit.patientId);
    return prescriptionView(ctx, id);
  },

  'prescriptions.addItem': (ctx, input) => {
    const rx = editableDraft(ctx, input.prescriptionId);
    const drug = usableDrug(ctx, input.drugId);
    const doseUnit = input.doseUnit ?? drug.doseUnit;
    const { quantity, days } = lineQuantity(drug, { ...input, doseUnit });
    checkStock(ctx, drug, quantity, sameDrugElsewhere(ctx, rx.id, drug.id, null));
    const lastSeq = ctx.db.select({ n: max(prescriptionItems.seq) }).from(prescriptionItems)
      .where(eq(prescriptionItems.prescriptionId, rx.id)).get()?.n ?? 0;
    ctx.write.insert(prescriptionItems, {
      prescriptionId: rx.id, drugId: drug.id, seq: lastSeq + 1, dose: input.dose, doseUnit, frequency: input.frequency,
      route: input.route, days, quantity, unitPriceFen: drug.priceFen, amountFen: amountOf(quantity, drug.priceFen),
      note: input.note && input.note !== '' ? input.note : null, removed: false,
    });
    return touched(ctx, rx);
  },

  'prescriptions.updateItem': (ctx, input) => {
    const item: ItemRow = loadItem(ctx, input.itemId);
    const rx = editableDraft(ctx, item.prescriptionId);
    const drug = usableDrug(ctx, item.drugId);
    const next = {
      dose: input.dose ?? item.dose,
      doseUnit: input.doseUnit ?? item.doseUnit,
      frequency: input.frequency ?? item.frequency,
      days: input.days ?? item.days,
    };
    const scheduleChanged = next.dose !== item.dose || next.doseUnit !== item.doseUnit || next.frequency !== item.frequency
      || next.days !== item.days;
    // A changed schedule computes the quantity again (unless given); an as-needed line keeps its own.
    const keep = !scheduleChanged || (next.frequency === 'prn' && item.frequency === 'prn');
    const { quantity, days } = lineQuantity(drug, { ...next, quantity: input.quantity ?? (keep ? item.quantity : undefined) });
    checkStock(ctx, drug, quantity, sameDrugElsewhere(ctx, rx.id, drug.id, item.id));
    ctx.write.update(prescriptionItems, item.id, {
      ...next, days, route: input.route ?? item.route, quantity, amountFen: amountOf(quantity, item.unitPriceFen),
      note: input.note === undefined ? item.note : input.note === '' ? null : input.note,
    });
    return touched(ctx, rx);
  },

  'prescriptions.removeItem': (ctx, { itemId }) => {
    const item = loadItem(ctx, itemId);
    const rx = editableDraft(ctx, item.prescriptionId);
    ctx.write.update(prescriptionItems, item.id, { removed: true });
    return touched(ctx, rx);
  },

  'prescriptions.issue': (ctx, { prescriptionId, override }) => {
    const rx = loadPrescription(ctx, prescriptionId);
    requirePrescriber(ctx, rx);
    assertTransition(prescriptionLifecycle, rx.status, 'issued');
    requireInConsultation(loadVisit(ctx, rx.visitId));
    const items = activeItems(ctx, rx.id);
    if (items.length === 0) throw new DomainError('VALIDATION', 'the prescription has no lines', { field: 'items', reason: 'empty' });
    const perDrug = new Map<string, number>();
    for (const i of items) perDrug.set(i.drugId, (perDrug.get(i.drugId) ?? 0) + i.quantity);
    for (const [drugId, quantity] of perDrug) checkStock(ctx, usableDrug(ctx, drugId), quantity, 0);
    const stops = stopsOf(ctx, rx).map(warningOf);
    if (stops.length > 0 && override === undefined) {
      throw new DomainError('SAFETY_OVERRIDE_REQUIRED', 'this prescription has safety stops: issuing it needs an override with a reason', {
        field: 'override', prescriptionId: rx.id, stops,
      });
    }
    const overridden = stops.length > 0 && override !== undefined;
    ctx.write.update(prescriptions, rx.id, {
      status: 'issued', issuedAt: ctx.now(),
      overrideReason: overridden ? override.reason : null, overrideStops: overridden ? JSON.stringify(stops) : null,
    });
    if (overridden) {
      ctx.audit('override', 'prescription', rx.id, rx.patientId, `${stops.map((s) => `${s.kind}:${s.drugName}${s.allergen ? `(${s.allergen})` : ''}`).join(', ')} — ${override.reason}`);
    }
    return touched(ctx, rx);
  },

  'prescriptions.cancel': (ctx, { prescriptionId, reason }) => {
    const rx = loadPrescription(ctx, prescriptionId);
    requirePrescriber(ctx, rx);
    assertTransition(prescriptionLifecycle, rx.status, 'cancelled');
    ctx.write.update(prescriptions, rx.id, { status: 'cancelled', cancelledAt: ctx.now(), cancelReason: reason });
    ctx.audit('void', 'prescription', rx.id, rx.patientId, reason);
    return touched(ctx, rx);
  },

  'prescriptions.get': (ctx, { prescriptionId }) => {
    const view = prescriptionView(ctx, prescriptionId);
    ctx.audit('read', 'prescription', view.id, view.patient.id);
    return view;
  },

  'prescriptions.forVisit': (ctx, { visitId }) => {
    const visit = loadVisit(ctx, visitId);
    const rows = ctx.db.select().from(prescriptions).where(eq(prescriptions.visitId, visitId))
      .orderBy(asc(prescriptions.createdAt), asc(prescriptions.id)).all();
    ctx.audit('read', 'visit_prescriptions', visitId, visit.patientId);
    return { items: prescriptionViews(ctx, rows) };
  },

  'prescriptions.searchFormulary': (ctx, { q, limit, visitId }) => {
    let allergies = null;
    if (visitId !== undefined) {
      const visit = loadVisit(ctx, visitId);
      const p = ctx.db.select({ allergies: patients.allergies, allergyList: patients.allergyList }).from(patients)
        .where(eq(patients.id, visit.patientId)).get();
      allergies = patientAllergies(p ?? { allergies: null, allergyList: null });
    }
    return { items: searchFormulary(ctx, q, limit, allergies) };
  },
} satisfies HandlersFor<typeof prescriptionsProcedures>;
