/**
 * Repeating an earlier prescription (issue 14) on a real station: the same lines into a new draft
 * or the open one, each checked as a new line (a drug without stock or out of the formulary left
 * out and said why; allergy and duplicate stops reported and stopping issue); the plan writes
 * nothing; another patient's, a voided or a draft prescription, a visit not in consultation and
 * another doctor are refused with nothing written.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drugs, patients, stockBatches } from '../../../db/schema';
import { tableChecksums } from '../checksum';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { auditCount, count, expectRefused, makePatient, makeVisit, setStatus, withSafetyFields } from './consultation-testkit';

let fx: Fixture;
let doctor: { token: string };

beforeEach(() => {
  fx = createFixture();
  doctor = fx.login('doctor');
  withSafetyFields(fx);
});
afterEach(() => fx.close());

/** A patient with an earlier, finished visit whose prescription (amoxicillin 2 粒 tid 5 days po, ibuprofen 1 粒 bid 3 days) was issued; and today's visit in consultation. */
function earlierAndNow() {
  const patientId = makePatient(fx);
  const earlier = makeVisit(fx, { patientId });
  const rx = fx.ok(doctor, 'prescriptions.create', { visitId: earlier.visitId });
  fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.amoxicillin, dose: 2, frequency: 'tid', route: 'po', days: 5 });
  fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3 });
  fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
  setStatus(fx, 'visits', earlier.visitId, 'discharged');
  const now = makeVisit(fx, { patientId });
  return { patientId, sourceId: rx.id, visitId: now.visitId, earlierVisitId: earlier.visitId };
}

const lineOf = (l: { drugId: string; dose: number; frequency: string; route: string; days: number; quantity: number }) =>
  ({ drugId: l.drugId, dose: l.dose, frequency: l.frequency, route: l.route, days: l.days, quantity: l.quantity });

describe('repeating a prescription', () => {
  it('the plan writes nothing; the repeat starts a draft with the same lines, audited', () => {
    const { sourceId, visitId, patientId } = earlierAndNow();
    const before = tableChecksums(fx.station.raw);
    const planned = fx.ok(doctor, 'prescriptions.repeatPlan', { visitId, sourcePrescriptionId: sourceId });
    expect(tableChecksums(fx.station.raw)).toEqual(before);
    expect(planned.intoPrescriptionId).toBeNull();
    expect(planned.leftOut).toEqual([]);
    expect(planned.added.map(lineOf)).toEqual([
      { drugId: fx.ids.drugs.amoxicillin, dose: 2, frequency: 'tid', route: 'po', days: 5, quantity: 2 },
      { drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3, quantity: 1 },
    ]);
    const updates = count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'update' AND entity = 'prescription'");
    const done = fx.ok(doctor, 'prescriptions.repeat', { visitId, sourcePrescriptionId: sourceId });
    expect(done.prescription.visitId).toBe(visitId);
    expect(done.prescription.status).toBe('draft');
    expect(done.prescription.items.map(lineOf)).toEqual(planned.added.map(lineOf));
    expect(done.added.map(lineOf)).toEqual(planned.added.map(lineOf));
    expect(auditCount(fx, 'create', 'prescription', done.prescription.id)).toBe(1);
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'update' AND entity = 'prescription'")).toBe(updates + 1);
    expect(count(fx, 'SELECT count(*) n FROM prescriptions WHERE patient_id = ?', patientId)).toBe(2);
    // Issued as any prescription: no stops, so no override needed.
    expect(fx.ok(doctor, 'prescriptions.issue', { prescriptionId: done.prescription.id }).status).toBe('issued');
  });

  it('into the open draft: a drug already on it is a duplicate stop, reported on the line and stopping issue', () => {
    const { sourceId, visitId } = earlierAndNow();
    const draft = fx.ok(doctor, 'prescriptions.create', { visitId });
    fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: draft.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'tid', route: 'po', days: 2 });
    const planned = fx.ok(doctor, 'prescriptions.repeatPlan', { visitId, sourcePrescriptionId: sourceId });
    expect(planned.intoPrescriptionId).toBe(draft.id);
    expect(planned.added.map((l) => l.stops.map((s) => s.kind))).toEqual([[], ['duplicate_drug']]);
    const done = fx.ok(doctor, 'prescriptions.repeat', { visitId, sourcePrescriptionId: sourceId });
    expect(done.prescription.id).toBe(draft.id);
    expect(done.prescription.items).toHaveLength(3);
    expect(done.added[1]!.stops).toEqual([expect.objectContaining({ kind: 'duplicate_drug', drugId: fx.ids.drugs.ibuprofen, itemId: done.prescription.items[2]!.id })]);
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: draft.id }, 'SAFETY_OVERRIDE_REQUIRED');
  });

  it('an allergy recorded since then is a stop on the repeated line', () => {
    const { sourceId, visitId, patientId } = earlierAndNow();
    withMasterWriter(fx.station, (w) => w.update(patients, patientId, { allergyList: JSON.stringify([{ kind: 'class', allergen: 'penicillin', reaction: 'rash', note: null }]) }));
    const planned = fx.ok(doctor, 'prescriptions.repeatPlan', { visitId, sourcePrescriptionId: sourceId });
    expect(planned.added[0]!.stops).toEqual([expect.objectContaining({ kind: 'allergy', allergen: 'penicillin', itemId: null })]);
    const done = fx.ok(doctor, 'prescriptions.repeat', { visitId, sourcePrescriptionId: sourceId });
    expect(done.added[0]!.stops).toEqual([expect.objectContaining({ kind: 'allergy', allergen: 'penicillin', itemId: done.prescription.items[0]!.id })]);
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: done.prescription.id }, 'SAFETY_OVERRIDE_REQUIRED');
  });

  it('a drug out of stock or out of the formulary is left out and said why; the rest is added', () => {
    const { sourceId, visitId } = earlierAndNow();
    const other = earlierAndNow();
    withMasterWriter(fx.station, (w) => w.update(stockBatches, fx.ids.batches.amoxLate, { expiryDate: '2026-01-01' }));
    withMasterWriter(fx.station, (w) => w.update(stockBatches, fx.ids.batches.amoxEarly, { expiryDate: '2026-01-01' }));
    const done = fx.ok(doctor, 'prescriptions.repeat', { visitId, sourcePrescriptionId: sourceId });
    expect(done.leftOut).toEqual([{ drugId: fx.ids.drugs.amoxicillin, drugName: '阿莫西林胶囊', code: 'OUT_OF_STOCK', available: 0 }]);
    expect(done.prescription.items.map((i) => i.drugId)).toEqual([fx.ids.drugs.ibuprofen]);

    // Nothing left to add: refused, with what was left out, and nothing written.
    withMasterWriter(fx.station, (w) => w.update(drugs, fx.ids.drugs.ibuprofen, { active: false }));
    const details = expectRefused(fx, doctor, 'prescriptions.repeat', { visitId: other.visitId, sourcePrescriptionId: other.sourceId }, 'VALIDATION', { reason: 'nothing_to_repeat' });
    expect(details?.['leftOut']).toEqual([
      expect.objectContaining({ drugId: fx.ids.drugs.amoxicillin, code: 'OUT_OF_STOCK' }),
      expect.objectContaining({ drugId: fx.ids.drugs.ibuprofen, code: 'DRUG_INACTIVE' }),
    ]);
  });

  it('lists the patient\'s earlier prescriptions that can be repeated: not drafts, not voided ones', () => {
    const { sourceId, visitId, earlierVisitId } = earlierAndNow();
    setStatus(fx, 'visits', earlierVisitId, 'in_consultation');
    const voided = fx.ok(doctor, 'prescriptions.create', { visitId: earlierVisitId });
    fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: voided.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3 });
    fx.ok(doctor, 'prescriptions.cancel', { prescriptionId: voided.id, reason: '患者要求换药' });
    fx.ok(doctor, 'prescriptions.create', { visitId: earlierVisitId });
    expect(fx.ok(doctor, 'prescriptions.ofPatient', { visitId }).items.map((r) => r.id)).toEqual([sourceId]);
  });
});

describe('refused, nothing written', () => {
  it("another patient's prescription, a voided one, a draft", () => {
    const { sourceId } = earlierAndNow();
    const mine = earlierAndNow();
    expectRefused(fx, doctor, 'prescriptions.repeat', { visitId: mine.visitId, sourcePrescriptionId: sourceId }, 'VALIDATION', { field: 'sourcePrescriptionId', reason: 'other_patient' });
    expectRefused(fx, doctor, 'prescriptions.repeatPlan', { visitId: mine.visitId, sourcePrescriptionId: sourceId }, 'VALIDATION', { reason: 'other_patient' });
    setStatus(fx, 'prescriptions', mine.sourceId, 'cancelled');
    expectRefused(fx, doctor, 'prescriptions.repeat', { visitId: mine.visitId, sourcePrescriptionId: mine.sourceId }, 'VALIDATION', { reason: 'voided' });
    const draft = fx.ok(doctor, 'prescriptions.create', { visitId: mine.visitId });
    fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: draft.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3 });
    expectRefused(fx, doctor, 'prescriptions.repeat', { visitId: mine.visitId, sourcePrescriptionId: draft.id }, 'VALIDATION', { reason: 'not_issued' });
    expectRefused(fx, doctor, 'prescriptions.repeat', { visitId: mine.visitId, sourcePrescriptionId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND');
  });

  it('a visit not in consultation, or another doctor\'s visit', () => {
    const { sourceId, visitId } = earlierAndNow();
    for (const status of ['waiting', 'discharged', 'cancelled'] as const) {
      setStatus(fx, 'visits', visitId, status);
      expectRefused(fx, doctor, 'prescriptions.repeat', { visitId, sourcePrescriptionId: sourceId }, 'VISIT_NOT_IN_CONSULTATION');
    }
    setStatus(fx, 'visits', visitId, 'in_consultation');
    expectRefused(fx, fx.login('doctor2'), 'prescriptions.repeat', { visitId, sourcePrescriptionId: sourceId }, 'FORBIDDEN', { reason: 'not_visit_doctor' });
    expectRefused(fx, fx.login('pharmacist'), 'prescriptions.repeat', { visitId, sourcePrescriptionId: sourceId }, 'FORBIDDEN');
    expect(fx.station.db.select().from(drugs).where(eq(drugs.id, fx.ids.drugs.amoxicillin)).get()?.active).toBe(true);
  });
});
