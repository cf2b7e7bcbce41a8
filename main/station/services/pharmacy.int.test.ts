import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, drugs, stockBatches, stockMovements } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { hashPassword } from '../password';
import { createFixture, TEST_PASSWORD, TEST_SCRYPT, type Fixture } from '../testing';
import { auditCount, count, expectRefused, makeVisit, setStatus } from './consultation-testkit';

let fx: Fixture;
let doctor: { token: string };
let pharmacist: { token: string };
const UNKNOWN = '0190f0f0-0000-7000-8000-000000000000';

beforeEach(() => {
  fx = createFixture();
  doctor = fx.login('doctor');
  pharmacist = fx.login('pharmacist');
});
afterEach(() => fx.close());

type Line = { drug: 'amoxicillin' | 'ibuprofen'; quantity: number };

/** An issued prescription, paid (as billing would mark it). */
function paidRx(lines: Line[], opts: { pay?: boolean } = {}) {
  const { visitId, patientId } = makeVisit(fx);
  const rx = fx.ok(doctor, 'prescriptions.create', { visitId });
  for (const l of lines) {
    fx.ok(doctor, 'prescriptions.addItem', {
      prescriptionId: rx.id, drugId: fx.ids.drugs[l.drug], dose: 1, frequency: 'prn', route: 'po', quantity: l.quantity,
    });
  }
  // Two lines of one drug are a duplicate stop: the doctor overrides it (rx-safety.int.test.ts tests the stop).
  const duplicate = new Set(lines.map((l) => l.drug)).size < lines.length;
  fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id, ...(duplicate ? { override: { reason: '分两次取药' } } : {}) });
  if (opts.pay !== false) setStatus(fx, 'prescriptions', rx.id, 'paid');
  return { ...fx.ok(doctor, 'prescriptions.get', { prescriptionId: rx.id }), patientId };
}

function onHand(batchId: string): number {
  return count(fx, 'SELECT coalesce(sum(quantity), 0) n FROM stock_movements WHERE batch_id = ?', batchId);
}

function addBatch(drugId: string, batchNo: string, expiryDate: string, quantity: number): string {
  return withMasterWriter(fx.station, (w) => {
    const batchId = w.insert(stockBatches, { drugId, batchNo, expiryDate, costFen: 800 });
    w.insert(stockMovements, { drugId, batchId, kind: 'receive', quantity, byAccount: fx.ids.accounts.pharmacist, createdAt: fx.clock.t });
    return batchId;
  });
}

describe('dispensing', () => {
  it('lists paid prescriptions, oldest first', () => {
    const a = paidRx([{ drug: 'ibuprofen', quantity: 1 }]);
    fx.advance(1000);
    paidRx([{ drug: 'ibuprofen', quantity: 1 }], { pay: false });
    const b = paidRx([{ drug: 'amoxicillin', quantity: 1 }]);
    const q = fx.ok(pharmacist, 'pharmacy.queue', {});
    expect(q.total).toBe(2);
    expect(q.items.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(q.items[0]!.items[0]).toMatchObject({ drugName: '布洛芬缓释胶囊', quantity: 1 });
    expect(fx.ok(pharmacist, 'pharmacy.queue', { limit: 1, offset: 1 }).items.map((p) => p.id)).toEqual([b.id]);
    expectRefused(fx, doctor, 'pharmacy.queue', {}, 'FORBIDDEN');
  });

  it('takes stock earliest expiry first across batches (FEFO), as negative dispense movements on each line', () => {
    const rx = paidRx([{ drug: 'amoxicillin', quantity: 7 }]);
    const out = fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    expect(out.prescription).toMatchObject({ status: 'dispensed', dispensedAt: fx.clock.t, dispensedBy: fx.ids.staff.pharmacist });
    expect(out.movements.map((m) => [m.batchNo, m.kind, m.quantity, m.refId])).toEqual([
      ['AMX-1', 'dispense', -5, rx.items[0]!.id], // expires 2027-03-31: emptied first
      ['AMX-2', 'dispense', -2, rx.items[0]!.id], // expires 2028-06-30
    ]);
    expect(onHand(fx.ids.batches.amoxEarly)).toBe(0);
    expect(onHand(fx.ids.batches.amoxLate)).toBe(48);
    expect(auditCount(fx, 'update', 'prescription', rx.id)).toBeGreaterThanOrEqual(1);
    expect(fx.ok(pharmacist, 'pharmacy.queue', {}).total).toBe(0);
  });

  it('skips expired batches, however early they expire', () => {
    const expired = addBatch(fx.ids.drugs.ibuprofen, 'IBU-0', '2026-11-22', 30);
    const rx = paidRx([{ drug: 'ibuprofen', quantity: 4 }]);
    const out = fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    expect(out.movements.map((m) => [m.batchNo, m.quantity])).toEqual([['IBU-1', -4]]);
    expect(onHand(expired)).toBe(30);
  });

  it('takes several lines of the same drug from the running balance', () => {
    const rx = paidRx([{ drug: 'amoxicillin', quantity: 3 }, { drug: 'amoxicillin', quantity: 4 }]);
    const out = fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    expect(out.movements.map((m) => [m.batchNo, m.quantity, m.refId])).toEqual([
      ['AMX-1', -3, rx.items[0]!.id], ['AMX-1', -2, rx.items[1]!.id], ['AMX-2', -2, rx.items[1]!.id],
    ]);
  });

  it('never goes below zero: a shortfall refuses the whole prescription and writes nothing', () => {
    const rx = paidRx([{ drug: 'ibuprofen', quantity: 10 }, { drug: 'amoxicillin', quantity: 50 }]);
    // Between payment and dispensing, 10 boxes of amoxicillin turn out broken: 45 left for 50.
    fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxLate, quantity: -10, reason: '破损' });
    expectRefused(fx, pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id }, 'INSUFFICIENT_STOCK', {
      needed: 50, available: 45, drugId: fx.ids.drugs.amoxicillin, itemId: rx.items[1]!.id,
    });
    expect(onHand(fx.ids.batches.ibuprofen)).toBe(100);
    expect(count(fx, "SELECT count(*) n FROM stock_movements WHERE kind = 'dispense'")).toBe(0);
    expect(count(fx, 'SELECT min(b) n FROM (SELECT sum(quantity) b FROM stock_movements GROUP BY batch_id)')).toBeGreaterThanOrEqual(0);
  });

  it('is refused before payment (NOT_PAID), twice, after cancelling, and to other roles', () => {
    const issued = paidRx([{ drug: 'ibuprofen', quantity: 1 }], { pay: false });
    expectRefused(fx, pharmacist, 'pharmacy.dispense', { prescriptionId: issued.id }, 'NOT_PAID', { status: 'issued' });
    const rx = paidRx([{ drug: 'ibuprofen', quantity: 1 }]);
    expectRefused(fx, doctor, 'pharmacy.dispense', { prescriptionId: rx.id }, 'FORBIDDEN');
    expectRefused(fx, fx.login('cashier'), 'pharmacy.dispense', { prescriptionId: rx.id }, 'FORBIDDEN');
    fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    expectRefused(fx, pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id }, 'ILLEGAL_TRANSITION', { from: 'dispensed', to: 'dispensed' });
    fx.ok(doctor, 'prescriptions.cancel', { prescriptionId: issued.id, reason: '开错药' });
    expectRefused(fx, pharmacist, 'pharmacy.dispense', { prescriptionId: issued.id }, 'ILLEGAL_TRANSITION', { from: 'cancelled' });
    expectRefused(fx, pharmacist, 'pharmacy.dispense', { prescriptionId: UNKNOWN }, 'NOT_FOUND');
  });
  it('is signed by a staff member: an account without one is refused (FORBIDDEN no_staff)', async () => {
    const rx = paidRx([{ drug: 'ibuprofen', quantity: 1 }]);
    withMasterWriter(fx.station, (w) => w.insert(accounts, { username: 'temp', passwordHash: hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles: ['pharmacist'] }));
    const login = await fx.callAsync({ token: null }, 'accounts.login', { username: 'temp', password: TEST_PASSWORD });
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    expectRefused(fx, { token: login.value.token }, 'pharmacy.dispense', { prescriptionId: rx.id }, 'FORBIDDEN', { reason: 'no_staff' });
  });
});

describe('receiving and adjusting stock', () => {
  it('receives a new batch, and more of the same batch into it', () => {
    const b = fx.ok(pharmacist, 'pharmacy.receive', { drugId: fx.ids.drugs.noStock, batchNo: 'CFC-1', expiryDate: '2027-09-30', costFen: 2100, quantity: 20 });
    expect(b).toMatchObject({ drugId: fx.ids.drugs.noStock, batchNo: 'CFC-1', expiryDate: '2027-09-30', costFen: 2100, onHand: 20, expired: false });
    const again = fx.ok(pharmacist, 'pharmacy.receive', { drugId: fx.ids.drugs.noStock, batchNo: 'CFC-1', expiryDate: '2027-09-30', costFen: 2100, quantity: 5 });
    expect(again).toMatchObject({ batchId: b.batchId, onHand: 25 });
    expect(count(fx, "SELECT count(*) n FROM stock_movements WHERE batch_id = ? AND kind = 'receive'", b.batchId)).toBe(2);
    expect(count(fx, 'SELECT count(*) n FROM audit_log WHERE entity = ?', 'stock_movement')).toBe(2);
    // Now it can be prescribed.
    expect(fx.ok(doctor, 'prescriptions.searchFormulary', { q: 'D003' }).items[0]).toMatchObject({ available: 25, prescribable: true });
  });

  it('refuses an expired or impossible date, another expiry for a known batch, inactive drugs and other roles', () => {
    const base = { drugId: fx.ids.drugs.amoxicillin, batchNo: 'AMX-3', costFen: 1000, quantity: 10 };
    expectRefused(fx, pharmacist, 'pharmacy.receive', { ...base, expiryDate: '2026-11-22' }, 'VALIDATION', { field: 'expiryDate', reason: 'already_expired' });
    expectRefused(fx, pharmacist, 'pharmacy.receive', { ...base, expiryDate: '2027-02-30' }, 'INVALID_DATE', { field: 'expiryDate' });
    expectRefused(fx, pharmacist, 'pharmacy.receive', { ...base, batchNo: 'AMX-1', expiryDate: '2029-01-01' }, 'CONFLICT', { reason: 'batch_expiry_differs' });
    expectRefused(fx, pharmacist, 'pharmacy.receive', { ...base, expiryDate: '2028-01-01', quantity: 0 }, 'VALIDATION');
    expectRefused(fx, pharmacist, 'pharmacy.receive', { ...base, drugId: UNKNOWN, expiryDate: '2028-01-01' }, 'NOT_FOUND');
    expectRefused(fx, doctor, 'pharmacy.receive', { ...base, expiryDate: '2028-01-01' }, 'FORBIDDEN');
    withMasterWriter(fx.station, (w) => w.update(drugs, fx.ids.drugs.amoxicillin, { active: false }));
    expectRefused(fx, pharmacist, 'pharmacy.receive', { ...base, expiryDate: '2028-01-01' }, 'DRUG_INACTIVE');
  });

  it('adjusts a batch by a signed quantity with a reason, never below zero', () => {
    const down = fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxEarly, quantity: -5, reason: '过期销毁' });
    expect(down.onHand).toBe(0);
    expectRefused(fx, pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxEarly, quantity: -1, reason: '盘亏' }, 'INSUFFICIENT_STOCK', { available: 0 });
    expect(fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxEarly, quantity: 2, reason: '盘盈' }).onHand).toBe(2);
    expectRefused(fx, pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxEarly, quantity: 0, reason: '无' }, 'VALIDATION', { field: 'quantity' });
    expectRefused(fx, pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxEarly, quantity: 1, reason: '' }, 'VALIDATION');
    expectRefused(fx, pharmacist, 'pharmacy.adjust', { batchId: UNKNOWN, quantity: 1, reason: 'x' }, 'NOT_FOUND');
    expectRefused(fx, fx.login('admin'), 'pharmacy.adjust', { batchId: fx.ids.batches.amoxEarly, quantity: 1, reason: 'x' }, 'FORBIDDEN');
    const card = fx.ok(pharmacist, 'pharmacy.movements', { batchId: fx.ids.batches.amoxEarly });
    expect(card.items.map((m) => [m.kind, m.quantity, m.reason])).toEqual([['adjust', 2, '盘盈'], ['adjust', -5, '过期销毁'], ['receive', 5, null]]);
  });
});

describe('returns', () => {
  it('put a dispensed line back into the batches it came from, last taken first, up to what was dispensed', () => {
    const rx = paidRx([{ drug: 'amoxicillin', quantity: 7 }]);
    fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    const itemId = rx.items[0]!.id;
    const r1 = fx.ok(pharmacist, 'pharmacy.returnItem', { itemId, quantity: 3, reason: '患者退药' });
    expect(r1.movements.map((m) => [m.batchNo, m.kind, m.quantity, m.refId])).toEqual([['AMX-2', 'return', 2, itemId], ['AMX-1', 'return', 1, itemId]]);
    expect(onHand(fx.ids.batches.amoxLate)).toBe(50);
    expect(onHand(fx.ids.batches.amoxEarly)).toBe(1);
    expectRefused(fx, pharmacist, 'pharmacy.returnItem', { itemId, quantity: 5, reason: '退药' }, 'VALIDATION', { field: 'quantity', reason: 'exceeds_dispensed', max: 4 });
    expect(fx.ok(pharmacist, 'pharmacy.returnItem', { itemId, quantity: 4, reason: '退药' }).movements.map((m) => m.quantity)).toEqual([4]);
    expect(onHand(fx.ids.batches.amoxEarly)).toBe(5);
    expectRefused(fx, pharmacist, 'pharmacy.returnItem', { itemId, quantity: 1, reason: '退药' }, 'VALIDATION', { max: 0 });
  });

  it('refuses lines not dispensed, unknown lines and other roles', () => {
    const rx = paidRx([{ drug: 'ibuprofen', quantity: 2 }]);
    expectRefused(fx, pharmacist, 'pharmacy.returnItem', { itemId: rx.items[0]!.id, quantity: 1, reason: '退药' }, 'CONFLICT', { reason: 'not_dispensed', status: 'paid' });
    expectRefused(fx, pharmacist, 'pharmacy.returnItem', { itemId: UNKNOWN, quantity: 1, reason: '退药' }, 'NOT_FOUND');
    fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    expectRefused(fx, doctor, 'pharmacy.returnItem', { itemId: rx.items[0]!.id, quantity: 1, reason: '退药' }, 'FORBIDDEN');
  });
});

describe('stock lists', () => {
  it('stock of a drug: batches earliest expiry first with what each holds; available excludes expired', () => {
    addBatch(fx.ids.drugs.amoxicillin, 'AMX-0', '2026-10-31', 7);
    const s = fx.ok(fx.login('admin'), 'pharmacy.stock', { drugId: fx.ids.drugs.amoxicillin });
    expect(s.drug).toMatchObject({ code: 'D001', name: '阿莫西林胶囊' });
    expect(s.batches.map((b) => [b.batchNo, b.onHand, b.expired])).toEqual([['AMX-0', 7, true], ['AMX-1', 5, false], ['AMX-2', 50, false]]);
    expect(s.available).toBe(55);
    expectRefused(fx, doctor, 'pharmacy.stock', { drugId: fx.ids.drugs.amoxicillin }, 'FORBIDDEN');
  });

  it('low stock: active drugs with unexpired stock at or below their threshold, emptiest first', () => {
    const low = () => fx.ok(pharmacist, 'pharmacy.lowStock', {});
    expect(low().items.map((d) => [d.code, d.available, d.threshold])).toEqual([['D003', 0, 10]]);
    fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxLate, quantity: -45, reason: '盘点' }); // 5 + 5 = 10 left
    expect(low().items.map((d) => [d.code, d.available])).toEqual([['D003', 0], ['D001', 10]]);
    withMasterWriter(fx.station, (w) => w.update(drugs, fx.ids.drugs.noStock, { active: false }));
    expect(low()).toEqual({ total: 1, items: [expect.objectContaining({ code: 'D001' })] });
    expect(fx.ok(fx.login('admin'), 'pharmacy.lowStock', { limit: 1 }).total).toBe(1);
    expectRefused(fx, fx.login('cashier'), 'pharmacy.lowStock', {}, 'FORBIDDEN');
  });

  it('expiring: batches holding stock within the clinic\'s warning days, expired ones included, soonest first', () => {
    const soon = addBatch(fx.ids.drugs.ibuprofen, 'IBU-S', '2026-12-31', 6);
    const gone = addBatch(fx.ids.drugs.ibuprofen, 'IBU-X', '2026-11-01', 3);
    addBatch(fx.ids.drugs.ibuprofen, 'IBU-E', '2026-12-01', 0); // empty: not listed
    const list = fx.ok(pharmacist, 'pharmacy.expiring', {});
    expect(list.withinDays).toBe(90);
    expect(list.items.map((b) => [b.batchId, b.batchNo, b.onHand, b.expired, b.daysLeft, b.drug.code])).toEqual([
      [gone, 'IBU-X', 3, true, -22, 'D002'],
      [soon, 'IBU-S', 6, false, 38, 'D002'],
    ]);
    // The clinic widens the window: AMX-1 (2027-03-31) comes in; emptied batches drop out.
    withMasterWriter(fx.station, (w) => w.setSetting('expiryWarningDays', 200));
    fx.ok(pharmacist, 'pharmacy.adjust', { batchId: gone, quantity: -3, reason: '销毁' });
    const wider = fx.ok(pharmacist, 'pharmacy.expiring', {});
    expect(wider.withinDays).toBe(200);
    expect(wider.items.map((b) => b.batchNo)).toEqual(['IBU-S', 'AMX-1']);
    expect(fx.ok(pharmacist, 'pharmacy.expiring', { limit: 1, offset: 1 })).toMatchObject({ total: 2, items: [{ batchNo: 'AMX-1' }] });
  });

  it('stock on hand is never stored: it is the sum of the movements', () => {
    const rx = paidRx([{ drug: 'amoxicillin', quantity: 6 }]);
    fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    fx.ok(pharmacist, 'pharmacy.returnItem', { itemId: rx.items[0]!.id, quantity: 1, reason: '退药' });
    fx.ok(pharmacist, 'pharmacy.adjust', { batchId: fx.ids.batches.amoxLate, quantity: -2, reason: '破损' });
    const sum = count(fx, 'SELECT sum(quantity) n FROM stock_movements WHERE drug_id = ?', fx.ids.drugs.amoxicillin);
    expect(sum).toBe(55 - 6 + 1 - 2);
    expect(fx.ok(pharmacist, 'pharmacy.stock', { drugId: fx.ids.drugs.amoxicillin }).available).toBe(sum);
    const cols = fx.station.raw.prepare("SELECT name FROM pragma_table_info('stock_batches')").all() as { name: string }[];
    expect(cols.map((c) => c.name)).not.toContain('on_hand');
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'stock_movements' AND op = 'update'")).toBe(0);
  });
});
