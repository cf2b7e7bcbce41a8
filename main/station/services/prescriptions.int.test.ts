import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drugs, stockBatches, stockMovements } from '../../../db/schema';
import { pinyinKeys } from '../../domain/pinyin';
import { withMasterWriter } from '../master';
import { forgetUseCounts } from './use-counts';
import { createFixture, type Fixture } from '../testing';
import { auditCount, count, expectRefused, makePatient, makeVisit, setStatus } from './consultation-testkit';

let fx: Fixture;
let doctor: { token: string };
let doctor2: { token: string };
const UNKNOWN = '0190f0f0-0000-7000-8000-000000000000';

beforeEach(() => {
  fx = createFixture();
  doctor = fx.login('doctor');
  doctor2 = fx.login('doctor2');
});
afterEach(() => fx.close());

function draft(opts: { allergies?: string } = {}) {
  const { visitId, patientId } = makeVisit(fx, { patientId: makePatient(fx, { allergies: opts.allergies ?? null }) });
  const rx = fx.ok(doctor, 'prescriptions.create', { visitId });
  return { visitId, patientId, rx };
}

const amox = (prescriptionId: string, extra: Record<string, unknown> = {}) => ({
  prescriptionId, drugId: fx.ids.drugs.amoxicillin, dose: 2, frequency: 'tid' as const, route: 'po' as const, days: 5, ...extra,
});

/** A drug whose only stock is in a batch that expired yesterday. */
function expiredOnlyDrug(): string {
  return withMasterWriter(fx.station, (w) => {
    const drugId = w.insert(drugs, {
      code: 'D009', name: '氯雷他定片', nameEn: 'Loratadine Tablets', spec: '10mg×6片', form: 'tablet', unit: '盒', doseUnit: '片',
      dosesPerUnit: 6, priceFen: 1500, insuranceClass: 'A', pinyinInitials: 'lltdp',
    });
    const batchId = w.insert(stockBatches, { drugId, batchNo: 'LRT-0', expiryDate: '2026-11-22', costFen: 500 });
    w.insert(stockMovements, { drugId, batchId, kind: 'receive', quantity: 40, byAccount: fx.ids.accounts.pharmacist, createdAt: fx.clock.t });
    return drugId;
  });
}

describe('a draft prescription', () => {
  it('is numbered from the device and date, for the visit in consultation, by its doctor (audited)', () => {
    const { visitId, patientId, rx } = draft();
    expect(rx).toMatchObject({
      rxNo: 'P20261123-A1-0001', visitId, doctorId: fx.ids.staff.doctor, doctorName: '李明', status: 'draft', items: [], totalFen: 0,
      warnings: [], patient: { id: patientId },
    });
    expect(fx.ok(doctor, 'prescriptions.create', { visitId }).rxNo).toBe('P20261123-A1-0002');
    expect(auditCount(fx, 'create', 'prescription', rx.id)).toBe(1);
  });

  it('is refused outside the consultation, to another doctor and to other roles', () => {
    for (const status of ['waiting', 'awaiting_payment', 'discharged'] as const) {
      const { visitId } = makeVisit(fx, { status });
      expectRefused(fx, doctor, 'prescriptions.create', { visitId }, 'VISIT_NOT_IN_CONSULTATION', { status });
    }
    const { visitId } = makeVisit(fx);
    expectRefused(fx, doctor2, 'prescriptions.create', { visitId }, 'FORBIDDEN', { reason: 'not_visit_doctor' });
    for (const who of ['pharmacist', 'cashier', 'reception'] as const) expectRefused(fx, fx.login(who), 'prescriptions.create', { visitId }, 'FORBIDDEN');
    expectRefused(fx, doctor, 'prescriptions.create', { visitId: UNKNOWN }, 'NOT_FOUND');
  });
});

describe('lines from the formulary', () => {
  it('compute the quantity from dose × frequency × days, priced at the drug\'s price', () => {
    const { rx } = draft();
    // 2 capsules three times a day for 5 days = 30 capsules; 24 a box → 2 boxes.
    const v = fx.ok(doctor, 'prescriptions.addItem', amox(rx.id));
    expect(v.items).toEqual([expect.objectContaining({
      drugName: '阿莫西林胶囊', drugCode: 'D001', seq: 1, dose: 2, doseUnit: '粒', frequency: 'tid', route: 'po', days: 5, quantity: 2,
      unitPriceFen: 1850, amountFen: 3700, unit: '盒',
    })]);
    // A round-up to whole courses is accepted; below the course is not.
    const v2 = fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3, quantity: 2 });
    expect(v2.items[1]).toMatchObject({ quantity: 2, amountFen: 4400, seq: 2 });
    expect(v2.totalFen).toBe(8100);
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id, { quantity: 1 }), 'VALIDATION', { field: 'quantity', reason: 'below_course', minimum: 2 });
  });

  it('need the quantity for as-needed use and for a dose in another unit, and days for a schedule', () => {
    const { rx } = draft();
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id, { frequency: 'prn' }), 'VALIDATION', { field: 'quantity', reason: 'required_for_prn' });
    expect(fx.ok(doctor, 'prescriptions.addItem', amox(rx.id, { frequency: 'prn', quantity: 1, days: undefined })).items[0]).toMatchObject({ quantity: 1, days: 1 });
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id, { dose: 500, doseUnit: 'mg' }), 'VALIDATION', { field: 'quantity', reason: 'required_for_other_dose_unit' });
    expect(fx.ok(doctor, 'prescriptions.addItem', amox(rx.id, { dose: 500, doseUnit: 'mg', quantity: 2 })).items[1]).toMatchObject({ doseUnit: 'mg', quantity: 2 });
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id, { days: undefined }), 'VALIDATION', { field: 'days', reason: 'required' });
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id, { dose: -1 }), 'VALIDATION');
  });

  it('refuse a drug with no stock, with only expired stock, more than available, inactive and unknown drugs', () => {
    const { rx } = draft();
    expectRefused(fx, doctor, 'prescriptions.addItem', { ...amox(rx.id), drugId: fx.ids.drugs.noStock }, 'OUT_OF_STOCK', { drugId: fx.ids.drugs.noStock, available: 0 });
    const expired = expiredOnlyDrug();
    expectRefused(fx, doctor, 'prescriptions.addItem', { ...amox(rx.id), drugId: expired, dose: 1 }, 'OUT_OF_STOCK', { available: 0 });
    // 55 boxes of amoxicillin on hand (50 + 5).
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id, { quantity: 56 }), 'INSUFFICIENT_STOCK', { needed: 56, available: 55 });
    fx.ok(doctor, 'prescriptions.addItem', amox(rx.id, { quantity: 30 }));
    // The other line of the same drug counts.
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id, { quantity: 26 }), 'INSUFFICIENT_STOCK', { needed: 56, available: 55 });
    withMasterWriter(fx.station, (w) => w.update(drugs, fx.ids.drugs.ibuprofen, { active: false }));
    expectRefused(fx, doctor, 'prescriptions.addItem', { ...amox(rx.id), drugId: fx.ids.drugs.ibuprofen }, 'DRUG_INACTIVE');
    expectRefused(fx, doctor, 'prescriptions.addItem', { ...amox(rx.id), drugId: UNKNOWN }, 'NOT_FOUND', { field: 'drugId' });
    expectRefused(fx, doctor2, 'prescriptions.addItem', amox(rx.id), 'FORBIDDEN', { reason: 'not_prescriber' });
  });

  it('warn while writing when the patient\'s allergy history names the drug or its class (issuing is stopped: rx-safety.int.test.ts)', () => {
    const { rx } = draft({ allergies: '青霉素过敏、花粉' });
    const v = fx.ok(doctor, 'prescriptions.addItem', amox(rx.id));
    expect(v.items).toHaveLength(1);
    expect(v.warnings).toEqual([expect.objectContaining({ kind: 'allergy', drugId: fx.ids.drugs.amoxicillin, itemId: v.items[0]!.id, allergen: '青霉素' })]);
    const v2 = fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3 });
    expect(v2.warnings).toHaveLength(1); // still only the amoxicillin line
    expect(fx.ok(fx.login('pharmacist'), 'prescriptions.get', { prescriptionId: rx.id }).warnings.map((w) => w.allergen)).toEqual(['青霉素']);
  });

  it('are changed and removed while draft; a changed schedule computes the quantity again', () => {
    const { rx } = draft();
    const line = fx.ok(doctor, 'prescriptions.addItem', amox(rx.id)).items[0]!;
    const longer = fx.ok(doctor, 'prescriptions.updateItem', { itemId: line.id, days: 10 });
    expect(longer.items[0]).toMatchObject({ days: 10, quantity: 3, amountFen: 5550 }); // 60 capsules → 3 boxes
    const noted = fx.ok(doctor, 'prescriptions.updateItem', { itemId: line.id, note: '饭后', quantity: 4 });
    expect(noted.items[0]).toMatchObject({ quantity: 4, note: '饭后', days: 10 });
    expect(fx.ok(doctor, 'prescriptions.updateItem', { itemId: line.id, route: 'po' }).items[0]!.quantity).toBe(4);
    expectRefused(fx, doctor, 'prescriptions.updateItem', { itemId: line.id, quantity: 56 }, 'INSUFFICIENT_STOCK');
    expectRefused(fx, doctor2, 'prescriptions.updateItem', { itemId: line.id, days: 3 }, 'FORBIDDEN');
    const removed = fx.ok(doctor, 'prescriptions.removeItem', { itemId: line.id });
    expect(removed).toMatchObject({ items: [], totalFen: 0 });
    expect(count(fx, 'SELECT count(*) n FROM prescription_items WHERE id = ? AND removed = 1', line.id)).toBe(1);
    expectRefused(fx, doctor, 'prescriptions.removeItem', { itemId: line.id }, 'NOT_FOUND');
    expectRefused(fx, doctor, 'prescriptions.updateItem', { itemId: line.id, days: 3 }, 'NOT_FOUND');
  });
  it('refuse a line or a total beyond what counts as money (INVALID_MONEY)', () => {
    const { rx } = draft();
    const dear = withMasterWriter(fx.station, (w) => {
      const drugId = w.insert(drugs, {
        code: 'D900', name: '特殊药品', nameEn: '', spec: '1支', form: 'injection', unit: '支', doseUnit: '支', dosesPerUnit: 1,
        priceFen: 1_000_000_000, insuranceClass: 'none', pinyinInitials: 'tsyp',
      });
      const batchId = w.insert(stockBatches, { drugId, batchNo: 'X-1', expiryDate: '2028-01-01', costFen: 0 });
      w.insert(stockMovements, { drugId, batchId, kind: 'receive', quantity: 500, byAccount: fx.ids.accounts.pharmacist, createdAt: fx.clock.t });
      return drugId;
    });
    const line = { prescriptionId: rx.id, drugId: dear, dose: 1, frequency: 'prn' as const, route: 'im' as const };
    expectRefused(fx, doctor, 'prescriptions.addItem', { ...line, quantity: 101 }, 'INVALID_MONEY', { field: 'quantity' });
    fx.ok(doctor, 'prescriptions.addItem', { ...line, quantity: 60 });
    expectRefused(fx, doctor, 'prescriptions.addItem', { ...line, quantity: 60 }, 'INVALID_MONEY', { field: 'items' });
  });
});

describe('issue and cancel', () => {
  it('issue a draft with lines, by its doctor, once; then no more edits', () => {
    const { rx } = draft();
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: rx.id }, 'VALIDATION', { field: 'items', reason: 'empty' });
    const line = fx.ok(doctor, 'prescriptions.addItem', amox(rx.id)).items[0]!;
    expectRefused(fx, doctor2, 'prescriptions.issue', { prescriptionId: rx.id }, 'FORBIDDEN', { reason: 'not_prescriber' });
    fx.advance(5000);
    const issued = fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
    expect(issued).toMatchObject({ status: 'issued', issuedAt: fx.clock.t });
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: rx.id }, 'ILLEGAL_TRANSITION', { from: 'issued', to: 'issued' });
    expectRefused(fx, doctor, 'prescriptions.addItem', amox(rx.id), 'PRESCRIPTION_NOT_DRAFT', { status: 'issued' });
    expectRefused(fx, doctor, 'prescriptions.updateItem', { itemId: line.id, days: 3 }, 'PRESCRIPTION_NOT_DRAFT');
    expectRefused(fx, doctor, 'prescriptions.removeItem', { itemId: line.id }, 'PRESCRIPTION_NOT_DRAFT');
  });

  it('checks stock again when issuing, and only while the visit is in consultation', () => {
    const { visitId, rx } = draft();
    fx.ok(doctor, 'prescriptions.addItem', amox(rx.id, { quantity: 50 }));
    // Meanwhile the pharmacy finds 10 boxes broken.
    const pharmacist = fx.login('pharmacist');
    fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxLate, quantity: -10, reason: '破损' });
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: rx.id }, 'INSUFFICIENT_STOCK', { needed: 50, available: 45 });
    fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxLate, quantity: -40, reason: '盘点' });
    fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxEarly, quantity: -5, reason: '盘点' });
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: rx.id }, 'OUT_OF_STOCK');
    setStatus(fx, 'visits', visitId, 'awaiting_payment');
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: rx.id }, 'VISIT_NOT_IN_CONSULTATION');
  });

  it('cancel a draft or an issued prescription (its doctor), never a paid or cancelled one', () => {
    const a = draft().rx;
    expectRefused(fx, doctor2, 'prescriptions.cancel', { prescriptionId: a.id, reason: '开错药' }, 'FORBIDDEN');
    expect(fx.ok(doctor, 'prescriptions.cancel', { prescriptionId: a.id, reason: '开错药' })).toMatchObject({ status: 'cancelled', cancelledAt: fx.clock.t });
    expectRefused(fx, doctor, 'prescriptions.cancel', { prescriptionId: a.id, reason: '开错药' }, 'ILLEGAL_TRANSITION', { from: 'cancelled', to: 'cancelled' });
    const b = draft().rx;
    fx.ok(doctor, 'prescriptions.addItem', amox(b.id));
    fx.ok(doctor, 'prescriptions.issue', { prescriptionId: b.id });
    expect(fx.ok(doctor, 'prescriptions.cancel', { prescriptionId: b.id, reason: '开错药' }).status).toBe('cancelled');
    const c = draft().rx;
    fx.ok(doctor, 'prescriptions.addItem', amox(c.id));
    fx.ok(doctor, 'prescriptions.issue', { prescriptionId: c.id });
    setStatus(fx, 'prescriptions', c.id, 'paid'); // billing took the money
    expectRefused(fx, doctor, 'prescriptions.cancel', { prescriptionId: c.id, reason: '开错药' }, 'ILLEGAL_TRANSITION', { entity: 'prescription', from: 'paid', to: 'cancelled' });
    expectRefused(fx, doctor, 'prescriptions.cancel', { prescriptionId: UNKNOWN, reason: '开错药' }, 'NOT_FOUND');
  });
});

describe('reading prescriptions and the formulary', () => {
  it('get (doctor, pharmacist; audited) and a visit\'s list; not for the cashier', () => {
    const { visitId, rx } = draft();
    fx.ok(doctor, 'prescriptions.addItem', amox(rx.id));
    const pharmacist = fx.login('pharmacist');
    expect(fx.ok(pharmacist, 'prescriptions.get', { prescriptionId: rx.id }).items).toHaveLength(1);
    expect(auditCount(fx, 'read', 'prescription', rx.id)).toBe(1);
    expectRefused(fx, fx.login('cashier'), 'prescriptions.get', { prescriptionId: rx.id }, 'FORBIDDEN');
    const second = fx.ok(doctor, 'prescriptions.create', { visitId });
    expect(fx.ok(doctor2, 'prescriptions.forVisit', { visitId }).items.map((p) => p.id)).toEqual([rx.id, second.id]);
    expect(auditCount(fx, 'read', 'visit_prescriptions', visitId)).toBe(1);
    expectRefused(fx, doctor, 'prescriptions.get', { prescriptionId: UNKNOWN }, 'NOT_FOUND');
  });

  it('search the formulary by name, pinyin initials, code and English name, with stock available', () => {
    const expired = expiredOnlyDrug();
    const search = (q: string) => fx.ok(doctor, 'prescriptions.searchFormulary', { q }).items;
    expect(search('阿莫').map((d) => [d.code, d.available, d.prescribable])).toEqual([['D001', 55, true]]);
    expect(search('amxl').map((d) => d.code)).toEqual(['D001']);
    expect(search('d002').map((d) => d.code)).toEqual(['D002']);
    expect(search('loratadine')).toEqual([expect.objectContaining({ id: expired, available: 0, prescribable: false })]);
    expect(search('头孢')).toEqual([expect.objectContaining({ code: 'D003', available: 0, prescribable: false })]);
    expect(search('胶囊').map((d) => d.code)).toEqual(['D001', 'D002', 'D003']);
    expect(search('%')).toEqual([]);
    expect(fx.ok(doctor, 'prescriptions.searchFormulary', {}).items).toHaveLength(4);
    withMasterWriter(fx.station, (w) => w.update(drugs, fx.ids.drugs.ibuprofen, { active: false }));
    expect(search('布洛芬')).toEqual([]);
    expect(fx.ok(fx.login('pharmacist'), 'prescriptions.searchFormulary', { q: 'D00' }).items.map((d) => d.code)).toEqual(['D001', 'D003', 'D009']);
    expectRefused(fx, fx.login('cashier'), 'prescriptions.searchFormulary', { q: 'a' }, 'FORBIDDEN');
  });

  it('finds a drug by any part of its pinyin initials or name, and lists the drugs prescribed here most first', () => {
    const name = '苯磺酸氨氯地平片';
    const id = withMasterWriter(fx.station, (w) => w.insert(drugs, {
      code: 'D077', name, nameEn: 'Amlodipine besylate tablets', spec: '5mg×28片', form: 'tablet', unit: '盒', doseUnit: '片',
      dosesPerUnit: 28, priceFen: 2880, insuranceClass: 'A', lowStockThreshold: 5, pinyinInitials: pinyinKeys(name).initials, active: true,
    }));
    const search = (q: string) => fx.ok(doctor, 'prescriptions.searchFormulary', { q }).items.map((d) => d.id);
    for (const q of ['ald', 'ALDP', 'bhs', '氨氯', '地平']) expect(search(q), q).toEqual([id]);
    // The capsules in code order while none is prescribed; then the one prescribed here first.
    expect(fx.ok(doctor, 'prescriptions.searchFormulary', { q: '胶囊' }).items.map((d) => d.code)).toEqual(['D001', 'D002', 'D003']);
    const ibuprofen = { drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid' as const, route: 'po' as const, days: 3, quantity: 2 };
    fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: draft().rx.id, ...ibuprofen });
    forgetUseCounts(fx.station.raw);
    expect(fx.ok(doctor, 'prescriptions.searchFormulary', { q: '胶囊' }).items.map((d) => d.code)).toEqual(['D002', 'D001', 'D003']);
    // The exact code still comes first.
    expect(fx.ok(doctor, 'prescriptions.searchFormulary', { q: 'd001' }).items.map((d) => d.code)).toEqual(['D001']);
  });
});
