/** Repeating an earlier prescription into the visit in consultation (main/api/procedures/prescriptions-repeat.ts has the rules). */
import { and, desc, eq, inArray, max, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { prescriptionsRepeatProcedures, RepeatLeftOut, RepeatLine } from '../../api/procedures/prescriptions-repeat';
import { REPEAT_LEFT_OUT_CODES } from '../../api/procedures/prescriptions-repeat';
import { DomainError } from '../../domain/errors';
import { prescriptionNo } from '../../domain/numbers';
import { patients, prescriptionItems, prescriptions } from '../../../db/schema';
import type { RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { freeNumber } from '../free-number';
import { loadVisit, requireInConsultation, requireVisitDoctor, today } from './consultation-common';
import {
  activeItems, loadPrescription, otherVisitLines, patientAllergies, prescriptionViews, safetyDrug, warningOf,
  type PrescriptionRow,
} from './pharmacy-rx';
import { amountOf, checkStock, lineQuantity, touched, usableDrug } from './prescriptions';
import { rxStops, type SafetyLine } from './rx-safety';
import type { DrugRow } from './pharmacy-stock';

type Line = z.input<typeof RepeatLine>;
type LeftOut = z.input<typeof RepeatLeftOut>;
type Source = ReturnType<typeof activeItems>[number];

interface Planned {
  into: PrescriptionRow | null;
  patientId: string;
  lines: { src: Source; drug: DrugRow; quantity: number; days: number; view: Line }[];
  leftOut: LeftOut[];
}

const refuse = (reason: string, message: string, more: Record<string, unknown> = {}) =>
  new DomainError('VALIDATION', message, { field: 'sourcePrescriptionId', reason, ...more });

/** The lines of `sourcePrescriptionId` as they would be added to the visit now, and those left out with why. */
function plan(ctx: RequestContext, visitId: string, sourcePrescriptionId: string): Planned {
  const visit = loadVisit(ctx, visitId);
  const me = requireVisitDoctor(ctx, visit);
  requireInConsultation(visit);
  const src = loadPrescription(ctx, sourcePrescriptionId);
  if (src.patientId !== visit.patientId) throw refuse('other_patient', "the prescription is another patient's", { prescriptionId: src.id });
  if (src.status === 'cancelled') throw refuse('voided', 'a voided prescription cannot be repeated', { prescriptionId: src.id });
  if (src.status === 'draft') throw refuse('not_issued', 'a draft cannot be repeated', { prescriptionId: src.id });
  // The doctor's open draft of this visit (the newest), else a new one.
  const into = ctx.db.select().from(prescriptions)
    .where(and(eq(prescriptions.visitId, visitId), eq(prescriptions.doctorId, me), eq(prescriptions.status, 'draft')))
    .orderBy(desc(prescriptions.createdAt)).get() ?? null;
  const onDraft = new Map<string, number>();
  for (const i of into ? activeItems(ctx, into.id) : []) onDraft.set(i.drugId, (onDraft.get(i.drugId) ?? 0) + i.quantity);
  const lines: Planned['lines'] = [];
  const leftOut: LeftOut[] = [];
  for (const s of activeItems(ctx, src.id)) {
    let drug: DrugRow | null = null;
    try {
      drug = usableDrug(ctx, s.drugId);
      const sameUnit = s.doseUnit === drug.doseUnit;
      const { quantity, days } = lineQuantity(drug, {
        dose: s.dose, doseUnit: s.doseUnit, frequency: s.frequency, days: s.days, quantity: sameUnit ? undefined : s.quantity,
      });
      checkStock(ctx, drug, quantity, onDraft.get(drug.id) ?? 0);
      amountOf(quantity, drug.priceFen);
      onDraft.set(drug.id, (onDraft.get(drug.id) ?? 0) + quantity);
      lines.push({
        src: s, drug, quantity, days,
        view: { drugId: drug.id, drugName: drug.name, dose: s.dose, doseUnit: s.doseUnit, frequency: s.frequency, route: s.route, days, quantity, stops: [] },
      });
    } catch (e) {
      if (!(e instanceof DomainError) || !(REPEAT_LEFT_OUT_CODES as readonly string[]).includes(e.code)) throw e;
      const available = typeof e.details?.['available'] === 'number' ? e.details['available'] : null;
      leftOut.push({ drugId: s.drugId, drugName: drug?.name ?? '', code: e.code as LeftOut['code'], available });
    }
  }
  return { into, patientId: visit.patientId, lines, leftOut };
}

/** The stops the planned lines bring, each on its line (against the patient and the visit's live lines, the draft's too). */
function plannedStops(ctx: RequestContext, visitId: string, p: Planned): void {
  const patient = ctx.db.select({ allergies: patients.allergies, allergyList: patients.allergyList }).from(patients)
    .where(eq(patients.id, p.patientId)).get();
  const key = (n: number) => `planned-${n}`;
  const safety: SafetyLine[] = p.lines.map((l, n) => ({ itemId: key(n), drug: safetyDrug(l.drug), dose: l.src.dose, doseUnit: l.src.doseUnit }));
  const stops = rxStops(patientAllergies(patient ?? { allergies: null, allergyList: null }), safety, otherVisitLines(ctx, visitId, ''));
  p.lines.forEach((l, n) => {
    l.view.stops = stops.filter((s) => s.itemId === key(n)).map((s) => warningOf({ ...s, itemId: null }));
  });
}

export const prescriptionsRepeatHandlers = {
  'prescriptions.repeatPlan': (ctx, { visitId, sourcePrescriptionId }) => {
    const p = plan(ctx, visitId, sourcePrescriptionId);
    plannedStops(ctx, visitId, p);
    return { intoPrescriptionId: p.into?.id ?? null, added: p.lines.map((l) => l.view), leftOut: p.leftOut };
  },

  'prescriptions.repeat': (ctx, { visitId, sourcePrescriptionId }) => {
    const p = plan(ctx, visitId, sourcePrescriptionId);
    if (p.lines.length === 0) {
      throw refuse('nothing_to_repeat', 'no line of the prescription can be added now', { prescriptionId: sourcePrescriptionId, leftOut: p.leftOut });
    }
    let rx = p.into;
    if (!rx) {
      const me = requireVisitDoctor(ctx, loadVisit(ctx, visitId));
      const id = ctx.write.insert(prescriptions, {
        rxNo: freeNumber(ctx.raw, ctx.nextSeq, 'rx', (n) => prescriptionNo(ctx.device, today(ctx), n), { table: 'prescriptions', column: 'rx_no' }),
        visitId, patientId: p.patientId, doctorId: me, status: 'draft', note: null, issuedAt: null, reviewedBy: null, dispensedAt: null,
        dispensedBy: null, cancelledAt: null,
      });
      ctx.audit('create', 'prescription', id, p.patientId);
      rx = loadPrescription(ctx, id);
    }
    const lastSeq = ctx.db.select({ n: max(prescriptionItems.seq) }).from(prescriptionItems).where(eq(prescriptionItems.prescriptionId, rx.id)).get()?.n ?? 0;
    const newIds = p.lines.map((l, n) => ctx.write.insert(prescriptionItems, {
      prescriptionId: rx.id, drugId: l.drug.id, seq: lastSeq + n + 1, dose: l.src.dose, doseUnit: l.src.doseUnit, frequency: l.src.frequency,
      route: l.src.route, days: l.days, quantity: l.quantity, unitPriceFen: l.drug.priceFen, amountFen: amountOf(l.quantity, l.drug.priceFen),
      note: l.src.note, removed: false,
    }));
    const view = touched(ctx, rx);
    p.lines.forEach((l, n) => { l.view.stops = view.warnings.filter((w) => w.itemId === newIds[n]); });
    return { intoPrescriptionId: p.into?.id ?? null, added: p.lines.map((l) => l.view), leftOut: p.leftOut, prescription: view };
  },

  'prescriptions.ofPatient': (ctx, { visitId, limit }) => {
    const visit = loadVisit(ctx, visitId);
    const rows = ctx.db.select().from(prescriptions)
      .where(and(eq(prescriptions.patientId, visit.patientId), inArray(prescriptions.status, ['issued', 'paid', 'dispensed']), ne(prescriptions.visitId, visitId)))
      .orderBy(desc(prescriptions.issuedAt), desc(prescriptions.createdAt)).limit(limit).all();
    for (const rx of rows) ctx.audit('read', 'prescription', rx.id, rx.patientId);
    return { items: prescriptionViews(ctx, rows) };
  },
} satisfies HandlersFor<typeof prescriptionsRepeatProcedures>;
