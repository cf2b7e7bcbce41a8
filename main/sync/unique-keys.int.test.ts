/**
 * Rows unique on a natural key, written at two desks while apart (issue: replicas that never
 * silently diverge). Before keyed ids, the same doctor saving one visit's record at two desks left
 * each desk with only its own record and the hub with both, and nobody told. Now the record's id is
 * keyed by its visit, so both desks write one row and the merge joins their columns; the hub opens a
 * review task naming both desks so the doctor can check the merged text. The same for a payment sent
 * with one idempotency key from two desks: one ledger row everywhere. On both hub engines.
 */
import { describe, expect, it } from 'vitest';
import { eachHubStore } from '../hub/stores.testing';
import { keyedId } from '../station/keyed-id';
import { dispatch } from '../station/dispatch';
import { syncConflicts } from './apply';
import { DeskAt, syncInOrder, twoDesksOnHub } from './clinic-offline.testing';
import { cleanupsAfterEach } from './hooks.testing';
import { pendingCount } from './local';
import { replicatedChecksums, type TestHub } from './testing';

const STORES = eachHubStore();
const cleanups = cleanupsAfterEach();

/** The hub, the fixture's desk A and an empty desk B, synced, each with people to call procedures as. */
async function deskPair(hubOf: () => Promise<TestHub>) {
  const { th, fx, b: other } = await twoDesksOnHub(hubOf, cleanups);
  const stations = [fx.station, other];
  const [a, b] = stations.map((s) => new DeskAt(s)) as [DeskAt, DeskAt];
  return { th, fx, stations, a, b };
}

describe.each(STORES)('unique keys written at two desks while apart (hub on %s)', (_engine, hubOf) => {
  it('one visit\'s record saved at two desks: one row everywhere, both desks\' fields kept, a review task at the hub', async () => {
    const { th, fx, stations, a, b } = await deskPair(hubOf);

    const patientId = a.ok('reception', 'patients.register', { name: '唐小明', phone: '13800138111' }).patient.id;
    const { visit } = a.ok('reception', 'frontdesk.walkIn', { patientId, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: 'reg-1' } });
    a.ok('doctor2', 'queue.start', { visitId: visit.id });
    await syncInOrder(th.hub, stations);

    // Apart: the doctor writes the complaint at A, then moves rooms and writes the findings at B.
    fx.advance(60_000);
    a.ok('doctor2', 'consultation.saveRecord', { visitId: visit.id, complaint: '头痛两天' });
    fx.advance(1_000);
    b.ok('doctor2', 'consultation.saveRecord', { visitId: visit.id, findings: '血压 150/95' });
    const recordId = keyedId('medical_records', visit.id);
    for (const s of stations) expect(s.raw.prepare('SELECT id FROM medical_records WHERE visit_id = ?').pluck().all(visit.id)).toEqual([recordId]);

    await syncInOrder(th.hub, [...stations, ...stations]);
    await th.hub.settled();

    for (const s of stations) {
      expect(pendingCount(s)).toBe(0);
      expect(syncConflicts(s)).toEqual([]);
      const rows = s.raw.prepare('SELECT id, complaint, findings FROM medical_records WHERE visit_id = ?').all(visit.id);
      expect(rows).toEqual([{ id: recordId, complaint: '头痛两天', findings: '血压 150/95' }]);
    }
    expect(replicatedChecksums(b.station)).toEqual(replicatedChecksums(a.station));
    const hubRows = await th.store.query<{ id: string }>('SELECT id FROM medical_records WHERE visit_id = $1', [visit.id]);
    expect(hubRows.rows.map((r) => String(r.id))).toEqual([recordId]);

    // The hub tells the doctor: each desk's own version beside the merged record.
    const key = `record_two_desks:${recordId}`;
    expect(await th.store.getTask(key)).toMatchObject({ kind: 'record_two_desks', resolvedAt: null, details: { recordId, visitId: visit.id, devices: ['A1', 'B1'] } });
    const view = await dispatch(fx.station, a.as('admin'), 'reviews.get', { key });
    expect(view.ok && view.value).toMatchObject({
      kind: 'record_two_desks', record: { id: recordId, complaint: '头痛两天', findings: '血压 150/95' },
      sides: [{ device: 'A1', complaint: '头痛两天', findings: '' }, { device: 'B1', complaint: '', findings: '血压 150/95' }],
    });
    const checked = await dispatch(fx.station, a.as('admin'), 'reviews.resolve', { key, note: '医生已核对' });
    expect(checked).toMatchObject({ ok: true, value: { resolvedAt: expect.any(Number), handled: { note: '医生已核对' } } });
  });

  it('a payment sent with one idempotency key from two desks is one ledger row everywhere', async () => {
    const { th, fx, stations, a, b } = await deskPair(hubOf);
    const patientId = a.ok('reception', 'patients.register', { name: '许多多', phone: '13800138222' }).patient.id;
    const { visit } = a.ok('reception', 'frontdesk.walkIn', { patientId, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: 'reg-2' } });
    a.ok('doctor2', 'queue.start', { visitId: visit.id });
    const rx = a.ok('doctor2', 'prescriptions.create', { visitId: visit.id });
    a.ok('doctor2', 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'tid', route: 'po', days: 3 });
    a.ok('doctor2', 'prescriptions.issue', { prescriptionId: rx.id });
    a.ok('doctor2', 'queue.finish', { visitId: visit.id });
    await syncInOrder(th.hub, stations);
    const bill = a.ok('cashier', 'billing.build', { visitId: visit.id }).bill!;
    await syncInOrder(th.hub, stations);

    // A terminal that timed out at A; the cashier walks to B and the page there sends the same key.
    fx.advance(1_000);
    a.ok('cashier', 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.dueFen, idempotencyKey: 'pay-once' });
    fx.advance(1_000);
    b.ok('cashier', 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.dueFen, idempotencyKey: 'pay-once' });
    await syncInOrder(th.hub, [...stations, ...stations]);
    await th.hub.settled();
    for (const s of stations) {
      expect(s.raw.prepare('SELECT id FROM payments WHERE bill_id = ?').pluck().all(bill.id)).toEqual([keyedId('payments', 'pay-once')]);
      expect(syncConflicts(s)).toEqual([]);
    }
    expect(replicatedChecksums(b.station)).toEqual(replicatedChecksums(a.station));
  });
});
