/**
 * A desk re-paired under its old device code (its PC replaced: the admin revokes A1, the new PC
 * pairs as A1 and bootstraps) starts with empty local sequences while its old rows come back from
 * the hub. Its next record, queue and receipt numbers skip the ones the replica already holds
 * (main/station/free-number.ts) instead of handing them out again. Real hub (PGlite), real
 * socket.io over loopback, real SQLite desks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingCount } from '../sync/local';
import { until } from '../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from './admin.testing';
import { PgliteStore } from './pglite-store';

let t: TestClinicHub;

beforeAll(async () => {
  t = await startTestClinicHub(await PgliteStore.template());
}, 300_000);

afterAll(async () => {
  await t.close();
});

async function visitAt(desk: TestWorkstation, name: string, phone: string, key: string) {
  const reception = await desk.login('reception');
  const reg = await desk.call(reception, 'patients.register', { name, phone });
  if (!reg.ok) throw new Error(JSON.stringify(reg.error));
  const walk = await desk.call(reception, 'frontdesk.walkIn', { patientId: reg.value.patient.id, doctorId: t.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: key } });
  if (!walk.ok) throw new Error(JSON.stringify(walk.error));
  const numbers = desk.station.raw.prepare(`SELECT p.record_no AS record, v.queue_no AS queue, pay.receipt_no AS receipt FROM visits v
    JOIN patients p ON p.id = v.patient_id JOIN bills b ON b.visit_id = v.id JOIN payments pay ON pay.bill_id = b.id WHERE v.id = ?`).get(walk.value.visit.id);
  return numbers as { record: string; queue: string; receipt: string };
}

describe('a desk re-paired under its old device code', () => {
  it('hands out record, queue and receipt numbers after the ones it handed out before, not the same again', async () => {
    const old = await pairedWorkstation(t, 'A1');
    const first = await visitAt(old, '旧机一', '13800138401', 'old-1');
    const second = await visitAt(old, '旧机二', '13800138402', 'old-2');
    await until(() => pendingCount(old.station) === 0, 60_000);
    await old.close();

    // The PC is replaced: the admin revokes A1 and the new PC pairs under the same code, bootstrapping from the hub.
    expect(await t.clinic.hub.revoke('A1')).toBe(true);
    const fresh = await pairedWorkstation(t, 'A1');
    expect(fresh.station.raw.prepare("SELECT count(*) FROM patients WHERE record_no LIKE 'A1-%'").pluck().get()).toBe(2);
    const third = await visitAt(fresh, '新机', '13800138403', 'new-1');
    for (const key of ['record', 'queue', 'receipt'] as const) {
      expect([first[key], second[key]]).not.toContain(third[key]);
    }
    expect(third.record).toBe(second.record.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, '0')));
    // The hub takes it: nothing set aside, nothing refused, and it holds three distinct record numbers of A1.
    await until(() => pendingCount(fresh.station) === 0, 60_000);
    expect(fresh.client.state.error).toBeNull();
    const records = await t.store.query<{ record_no: string }>("SELECT record_no FROM patients WHERE record_no LIKE 'A1-%' ORDER BY record_no");
    expect(records.rows.map((r) => r.record_no)).toEqual([first.record, second.record, third.record]);
    await fresh.close();
  });
});
