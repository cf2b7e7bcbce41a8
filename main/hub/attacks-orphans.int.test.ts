/**
 * Orphans on the push path (issue 13, the last divergence): a desk pushes a row whose parent never
 * reached the hub. Before, the hub appended it and every other desk's apply failed its foreign-key
 * check at commit, for ever, with nobody told. Now the hub refuses it (MISSING_PARENT), audits it,
 * makes it a review task, and the other desk keeps syncing. Real hub (PGlite, its admin station
 * auditing), real socket.io over loopback, real SQLite desks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { patients, visits } from '../../db/schema';
import { hlcToString } from '../domain/hlc';
import { uuidv7 } from '../domain/uuid';
import { TODAY } from '../station/testing';
import { pendingCount, setAsideChanges } from '../sync/local';
import { storedCredential } from '../sync/pair';
import { PROTOCOL_VERSION, PushAnswer, schemaVersion, type ChangeT, type PushAnswerT } from '../sync/protocol';
import { rawSocket, until, writeAs } from '../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from './admin.testing';
import { PgliteStore } from './pglite-store';

let t: TestClinicHub;
let a: TestWorkstation;
let b: TestWorkstation;
let raw: Socket;
let n = 0;

beforeAll(async () => {
  t = await startTestClinicHub(await PgliteStore.template());
  a = await pairedWorkstation(t, 'A1');
  b = await pairedWorkstation(t, 'B1');
  // Desk A's credential on a socket of its own: what a tampered desk can send.
  raw = rawSocket(t.clinic.hub);
  await new Promise<void>((r) => raw.once('connect', () => r()));
  const hello = await raw.emitWithAck('hello', { protocol: PROTOCOL_VERSION, device: 'A1', credential: storedCredential(a.station), schemaVersion: schemaVersion() }) as { ok: boolean };
  expect(hello.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  raw.disconnect();
  await b.close();
  await a.close();
  await t.close();
});

const hlc = () => hlcToString({ ms: t.clock.t, counter: (n += 1), device: 'A1' });

function patientChange(over: Partial<ChangeT['columns']> = {}): ChangeT {
  const k = (n += 1);
  return {
    id: uuidv7(), hlc: hlc(), device: 'A1', table: 'patients', rowId: uuidv7(), op: 'insert', seq: null,
    columns: { record_no: `A1-${String(800_000 + k).padStart(7, '0')}`, name: `患者${k}`, sex: 'M', pinyin_full: 'hz', pinyin_initials: 'hz', insurance_type: 'self_pay', created_at: t.clock.t, updated_at: t.clock.t, ...over },
  };
}

function visitChange(patientId: string): ChangeT {
  const k = (n += 1);
  return {
    id: uuidv7(), hlc: hlc(), device: 'A1', table: 'visits', rowId: uuidv7(), op: 'insert', seq: null,
    columns: {
      patient_id: patientId, visit_date: TODAY, doctor_id: t.ids.staff.doctor, department_id: t.ids.departments.internal, queue_no: `A1-${String(k % 1000).padStart(3, '0')}`,
      queue_order: k, visit_type: 'first', status: 'waiting', fee_fen: 1500, fee_status: 'unpaid', checked_in_at: t.clock.t, created_at: t.clock.t, updated_at: t.clock.t,
    },
  };
}

async function push(changes: ChangeT[]): Promise<Extract<PushAnswerT, { ok: true }>> {
  const answer = PushAnswer.parse(await raw.emitWithAck('push', { changes }));
  if (!answer.ok) throw new Error(`push refused whole: ${answer.error.code} ${answer.error.message}`);
  return answer;
}

const logged = async (c: ChangeT) => (await t.store.changeIdsOf([{ table: c.table, rowId: c.rowId }])).get(`${c.table}\u0001${c.rowId}`)?.has(c.id) ?? false;

const refusalAudit = (changeId: string) => t.clinic.admin.station.raw
  .prepare("SELECT device, entity, procedure, detail FROM audit_log WHERE action = 'refuse' AND entity_id LIKE ?")
  .get(`%${changeId}%`) as { device: string; entity: string; procedure: string; detail: string } | undefined;

/** Desk B registers a patient and both desks sync: B's row reaches the hub and desk A, and B is told of no error. */
async function deskBKeepsSyncing(): Promise<void> {
  const pid = writeAs(b.station, (w) => w.insert(patients, { recordNo: `B1-${String(700_000 + (n += 1)).padStart(7, '0')}`, name: '乙台', sex: 'F', pinyinFull: 'yt', pinyinInitials: 'yt' }));
  await until(() => pendingCount(b.station) === 0, 30_000);
  await b.client.syncNow();
  await a.client.syncNow();
  expect(a.station.raw.prepare('SELECT name FROM patients WHERE id = ?').pluck().get(pid)).toBe('乙台');
  expect(b.client.state.error).toBeNull();
  expect(a.client.state.error).toBeNull();
}

describe('a pushed row whose parent never reached the hub', () => {
  it('a forged visit of a patient the hub has never seen: refused, audited, a review task; the rest of the push taken; the other desk keeps syncing', async () => {
    const good = patientChange();
    const orphan = visitChange(uuidv7());
    const answer = await push([good, orphan]);
    expect(answer.acks.map((x) => x.id)).toEqual([good.id]);
    expect(answer.refused).toEqual([{ id: orphan.id, code: 'MISSING_PARENT', reason: `visits.patient_id names patients row ${String(orphan.columns['patient_id'])}, which the hub does not have` }]);
    expect(await logged(orphan)).toBe(false);
    await until(() => refusalAudit(orphan.id) !== undefined);
    expect(refusalAudit(orphan.id)).toMatchObject({ device: 'A1', entity: 'push', procedure: 'MISSING_PARENT', detail: expect.stringContaining('which the hub does not have') as string });
    expect(await t.store.getTask(`refused_change:${orphan.id}`)).toMatchObject({ kind: 'refused_change', details: { code: 'MISSING_PARENT', table: 'visits', rowId: orphan.rowId } });

    await b.client.syncNow();
    expect(b.station.raw.prepare('SELECT name FROM patients WHERE id = ?').pluck().get(good.rowId)).toBe(good.columns['name']);
    expect(b.station.raw.prepare('SELECT count(*) FROM visits WHERE id = ?').pluck().get(orphan.rowId)).toBe(0);
    await deskBKeepsSyncing();
  });

  it('a parent refused in the same push takes its child with it, the reason naming the parent', async () => {
    const parent = patientChange({ record_no: 'B1-0000009' }); // another desk's number: FOREIGN_NUMBER
    const child = visitChange(parent.rowId);
    const answer = await push([parent, child]);
    expect(answer.acks).toEqual([]);
    expect(answer.refused).toEqual([
      { id: parent.id, code: 'FOREIGN_NUMBER', reason: expect.any(String) as string },
      { id: child.id, code: 'MISSING_PARENT', reason: `visits.patient_id names patients row ${parent.rowId}, whose insert this push had refused (FOREIGN_NUMBER)` },
    ]);
    await until(() => refusalAudit(child.id) !== undefined);
    await deskBKeepsSyncing();
  });

  it('a child before its parent in one push is taken: the parent is simply later in the batch, and the other desk applies both', async () => {
    const parent = patientChange();
    const child = visitChange(parent.rowId);
    const answer = await push([child, parent]);
    expect(answer.refused).toEqual([]);
    expect(answer.acks.map((x) => x.id)).toEqual([child.id, parent.id]);
    await b.client.syncNow();
    expect(b.station.raw.prepare('SELECT patient_id FROM visits WHERE id = ?').pluck().get(child.rowId)).toBe(parent.rowId);
    expect(b.client.state.error).toBeNull();
  });

  it("a desk's own visit of a patient the hub refused is set aside there with its reason; the other desk keeps syncing", async () => {
    // A patient written with another desk's record number (the hub refuses it), then a visit of it: both set aside at A.
    const { patientId, visitId } = writeAs(a.station, (w) => {
      const patientId = w.insert(patients, { recordNo: 'B1-0000077', name: '拒收', sex: 'M', pinyinFull: 'js', pinyinInitials: 'js' });
      const visitId = w.insert(visits, {
        patientId, visitDate: TODAY, doctorId: t.ids.staff.doctor, departmentId: t.ids.departments.internal, queueNo: 'A1-077',
        queueOrder: 77, visitType: 'first', status: 'waiting', feeFen: 1500, feeStatus: 'unpaid', checkedInAt: t.clock.t,
      });
      return { patientId, visitId };
    });
    await until(() => pendingCount(a.station) === 0, 30_000);
    const aside = setAsideChanges(a.station, 50).latest;
    expect(aside.find((x) => x.rowId === patientId)).toMatchObject({ table: 'patients', code: 'FOREIGN_NUMBER' });
    expect(aside.find((x) => x.rowId === visitId)).toMatchObject({ table: 'visits', code: 'MISSING_PARENT', reason: expect.stringContaining(patientId) as string });
    expect(await t.store.row('visits', visitId)).toBeUndefined();
    await deskBKeepsSyncing();
  });
});
