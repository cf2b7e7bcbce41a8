/**
 * A pulled row whose parent has not arrived (issue 13, the last divergence): before, the desk's
 * apply failed SQLite's foreign-key check at commit and its whole pull stalled for ever, with
 * nobody told. Now the orphan is held aside, everything else applies and the cursor moves on; the
 * desk shows a notice; when the parent arrives the orphan lands and the replicas end identical.
 * The orphans reach the hub's log the way old ones did (appended before the hub checked parents:
 * `hub.publish`, which takes no push policy), over a real hub (PGlite), real socket.io, real SQLite.
 */
import { describe, expect, it } from 'vitest';
import type { StationEvents } from '../api/contract';
import { patients, visits } from '../../db/schema';
import { createFixture, TODAY } from '../station/testing';
import { applyRemoteChanges } from './apply';
import { DeskAt, twoDesksOnHub } from './clinic-offline.testing';
import { heldRows } from './held-rows';
import { cleanupsAfterEach, hubTemplate } from './hooks.testing';
import { getCursor, pendingChanges, pendingCount } from './local';
import type { ChangeT, SequencedChangeT } from './protocol';
import { emptyStation, replicatedChecksums, startTestHub, writeAs } from './testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

describe('a pulled row whose parent has not arrived', () => {
  it('is held while everything else applies and the cursor moves on; it lands when the parent comes, and the desks end identical', async () => {
    const { th, fx, b, sync } = await twoDesksOnHub(() => startTestHub(template()), cleanups);
    const a = new DeskAt(fx.station);
    // At desk A, offline: a patient and her visit (with its registration bill and payment), and another patient.
    const patientId = a.ok('reception', 'patients.register', { name: '孤儿', phone: '13800138321' }).patient.id;
    const { visit } = a.ok('reception', 'frontdesk.walkIn', { patientId, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: 'orphan-1' } });
    const otherId = a.ok('reception', 'patients.register', { name: '旁人', phone: '13800138322' }).patient.id;
    // The hub's log gets every change but the patient's own row first, as an old hub took them.
    const mine = pendingChanges(fx.station, 1000);
    const isParent = (c: ChangeT) => c.table === 'patients' && c.rowId === patientId;
    expect(mine.filter(isParent).length).toBeGreaterThan(0);
    await th.hub.publish(mine.filter((c) => !isParent(c)));

    const notices: StationEvents['notice'][] = [];
    const off = b.on('notice', (n) => notices.push(n));
    cleanups.push(off);
    await sync(b);
    // Everything else applied, the cursor at the log's end, the visit and what hangs on it held, nothing failed.
    expect(getCursor(b)).toBe(await th.store.lastSeq());
    expect(b.raw.prepare('SELECT name FROM patients WHERE id = ?').pluck().get(otherId)).toBe('旁人');
    expect(b.raw.prepare('SELECT count(*) FROM visits WHERE id = ?').pluck().get(visit.id)).toBe(0);
    expect(b.raw.pragma('foreign_key_check')).toEqual([]);
    const held = heldRows(b);
    expect(held).toContainEqual({ table: 'visits', rowId: visit.id, column: 'patient_id', parentTable: 'patients', parentId: patientId, since: fx.clock.t });
    expect(held.map((h) => h.table)).toContain('bills');
    expect(notices.filter((n) => n.kind === 'sync_held').map((n) => n.id)).toContain(`sync_held:visits:${visit.id}`);

    // A later batch without the parent: still held, nothing lost, nothing noticed twice.
    const later = a.ok('reception', 'patients.register', { name: '又一位', phone: '13800138323' }).patient.id;
    await th.hub.publish(pendingChanges(fx.station, 1000).filter((c) => c.table === 'patients' && c.rowId === later));
    const noticed = notices.length;
    await sync(b);
    expect(b.raw.prepare('SELECT count(*) FROM patients WHERE id = ?').pluck().get(later)).toBe(1);
    expect(heldRows(b)).toEqual(held);
    expect(notices.length).toBe(noticed);

    // The parent arrives (desk A syncs at last): the held rows land, and both desks are the same.
    await sync(fx.station);
    await sync(b);
    expect(pendingCount(fx.station)).toBe(0);
    expect(heldRows(b)).toEqual([]);
    expect(b.raw.prepare('SELECT patient_id FROM visits WHERE id = ?').pluck().get(visit.id)).toBe(patientId);
    expect(replicatedChecksums(b)).toEqual(replicatedChecksums(fx.station));
  });
});

describe('apply holds orphans and puts rows back as they were (one SQLite replica)', () => {
  it('an update pointing a row at a missing parent leaves the row as it was, held; the rest of the batch commits', () => {
    const fx = createFixture({ device: 'Z1' });
    cleanups.push(fx.close);
    const { patientId, visitId } = writeAs(fx.station, (w) => {
      const patientId = w.insert(patients, { recordNo: 'Z1-0000001', name: '甲', sex: 'F', pinyinFull: 'j', pinyinInitials: 'j' });
      const visitId = w.insert(visits, {
        patientId, visitDate: TODAY, doctorId: fx.ids.staff.doctor, departmentId: fx.ids.departments.internal, queueNo: 'Z1-001', queueOrder: 1,
        visitType: 'first', status: 'waiting', feeFen: 0, feeStatus: 'unpaid', checkedInAt: fx.clock.t,
      });
      return { patientId, visitId };
    });
    let seq = 0;
    const fromHub = (changes: ChangeT[]): SequencedChangeT[] => changes.map((c) => ({ ...c, seq: (seq += 1) }));
    const c = emptyStation('C1', fx.clock);
    cleanups.push(c.close);
    expect(applyRemoteChanges(c.station, fromHub(pendingChanges(fx.station, 10_000)), { cursor: seq }).held).toEqual([]);
    expect(c.station.raw.prepare('SELECT patient_id FROM visits WHERE id = ?').pluck().get(visitId)).toBe(patientId);

    // The visit moved to a patient nobody has (foreign keys off at the writer: an old desk's bug), and another patient in the same batch.
    fx.station.raw.pragma('foreign_keys = OFF');
    const before = pendingChanges(fx.station, 10_000).length;
    const otherId = writeAs(fx.station, (w) => {
      w.update(visits, visitId, { patientId: 'nobody' });
      return w.insert(patients, { recordNo: 'Z1-0000002', name: '乙', sex: 'M', pinyinFull: 'y', pinyinInitials: 'y' });
    });
    const batch = pendingChanges(fx.station, 10_000).slice(before);
    const result = applyRemoteChanges(c.station, fromHub(batch), { cursor: seq });
    expect(result.held).toEqual([{ table: 'visits', rowId: visitId, column: 'patient_id', parentTable: 'patients', parentId: 'nobody', since: fx.clock.t }]);
    expect(c.station.raw.prepare('SELECT patient_id FROM visits WHERE id = ?').pluck().get(visitId)).toBe(patientId);
    expect(c.station.raw.prepare('SELECT name FROM patients WHERE id = ?').pluck().get(otherId)).toBe('乙');
    expect(getCursor(c.station)).toBe(seq);
    expect(c.station.raw.pragma('foreign_key_check')).toEqual([]);
    expect(heldRows(c.station)).toEqual(result.held);
  });
});
