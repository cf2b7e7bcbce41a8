/**
 * Queue numbers per doctor and day, given at two desks while apart and settled at the hub
 * (main/domain/queue-numbers.ts, main/hub/queue-clashes.ts): a real hub on PGlite with its admin
 * station, two paired desks over real socket.io, real procedures at each desk.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvents } from '../api/contract';
import { parseQueueNo } from '../domain/queue-numbers';
import { TODAY } from '../station/testing';
import type { Station } from '../station/station';
import { connected, replicatedChecksums } from '../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from './admin.testing';
import { PgliteStore } from './pglite-store';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

interface Visit { id: string; queue_no: string; checked_in_at: number; patient: string }

function visitsOf(station: Station, doctorId: string): Visit[] {
  return station.raw.prepare(`SELECT v.id, v.queue_no, v.checked_in_at, p.name AS patient FROM visits v JOIN patients p ON p.id = v.patient_id
    WHERE v.doctor_id = ? AND v.visit_date = ? ORDER BY v.checked_in_at`).all(doctorId, TODAY) as Visit[];
}

function noticesAt(station: Station): StationEvents['notice'][] {
  const seen: StationEvents['notice'][] = [];
  cleanups.push(station.on('notice', (n) => seen.push(n)));
  return seen;
}

async function desk(t: TestClinicHub, device: string) {
  const ws = await pairedWorkstation(t, device);
  cleanups.push(ws.close);
  const reception = await ws.login('reception');
  const doctor = await ws.login('doctor');
  let serial = 0;
  /** A patient registered and checked in here for the internist, fee paid, one minute after the last arrival anywhere. */
  const arrives = async (name: string): Promise<string> => {
    t.clock.t += 60_000;
    const p = await ws.call(reception, 'patients.register', { name });
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    const v = await ws.call(reception, 'frontdesk.walkIn', {
      patientId: p.value.patient.id, sessionId: t.ids.sessions.todayAfternoon, payment: { method: 'cash', idempotencyKey: `${device}-${++serial}` },
    });
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    return v.value.visit.queueNo;
  };
  const line = async (): Promise<string[]> => {
    const r = await ws.call(doctor, 'queue.mine', {});
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.firstVisits.map((v) => `${v.patientName} ${v.queueNo}`);
  };
  return { ws, arrives, line };
}

/** One full sync of a desk that was offline (push and pull), then until the hub has settled and published. */
async function syncOnce(t: TestClinicHub, ws: TestWorkstation): Promise<void> {
  await (await connected(ws.station, t.clinic.hub)).stop();
  await t.clinic.hub.settled();
  await t.clinic.admin.idle();
}

describe('queue numbers given at two desks apart', () => {
  it('end unique, each held by its earliest arrival, renumbered ones told at both desks, identical everywhere, the line in arrival order', async () => {
    const t = await startTestClinicHub(template);
    cleanups.push(t.close);
    const a = await desk(t, 'A1');
    const b = await desk(t, 'B1');
    const doctor = t.ids.staff.doctor;

    // Connected: one number sequence for the doctor whichever desk checks in.
    const exchange = async () => {
      for (const d of [a, b, a]) {
        await d.ws.client.syncNow();
        await t.clinic.hub.settled();
      }
    };
    expect(await a.arrives('赵一')).toBe('001');
    await exchange();
    expect(await b.arrives('钱二')).toBe('002');
    await exchange();

    // Both lose the hub and keep checking patients in, interleaved in time.
    await b.ws.client.stop();
    await a.ws.client.stop();
    const given = [
      ['孙三', await a.arrives('孙三')], ['李四', await b.arrives('李四')], ['周五', await b.arrives('周五')],
      ['吴六', await a.arrives('吴六')], ['郑七', await a.arrives('郑七')],
    ];
    // Each desk counts on from the highest number it holds.
    expect(given.map(([, no]) => no)).toEqual(['003', '003', '004', '004', '005']);
    const noticesA = noticesAt(a.ws.station);
    const noticesB = noticesAt(b.ws.station);

    await syncOnce(t, a.ws);
    await syncOnce(t, b.ws);
    await syncOnce(t, a.ws);
    await syncOnce(t, b.ws);

    const stations = [a.ws.station, b.ws.station, t.clinic.admin.station];
    const final = visitsOf(a.ws.station, doctor);
    expect(final.map((v) => `${v.patient} ${v.queue_no}`)).toEqual([
      // Each clashing number stays with the earlier arrival; the later ones take the next free numbers, in arrival order.
      '赵一 001', '钱二 002', '孙三 003', '李四 006', '周五 004', '吴六 007', '郑七 005',
    ]);
    const numbers = final.map((v) => parseQueueNo(v.queue_no));
    expect(new Set(numbers).size).toBe(final.length);
    expect(numbers.every((n) => n !== null)).toBe(true);
    for (const s of stations) expect(visitsOf(s, doctor)).toEqual(final);
    expect(replicatedChecksums(b.ws.station)).toEqual(replicatedChecksums(a.ws.station));
    expect(replicatedChecksums(t.clinic.admin.station)).toEqual(replicatedChecksums(a.ws.station));

    // The doctor's line is the order of arrival at both desks, whatever the numbers.
    const inLine = ['赵一 001', '钱二 002', '孙三 003', '李四 006', '周五 004', '吴六 007', '郑七 005'];
    expect(await a.line()).toEqual(inLine);
    expect(await b.line()).toEqual(inLine);

    // Both desks are told of both renumberings; the hub audited each.
    for (const notices of [noticesA, noticesB]) {
      const renumbered = notices.filter((n) => n.kind === 'queue_renumbered').map((n) => n.message);
      expect(renumbered).toHaveLength(2);
      expect(renumbered.some((m) => m.includes('李四') && m.includes('006') && m.includes('003'))).toBe(true);
      expect(renumbered.some((m) => m.includes('吴六') && m.includes('007') && m.includes('004'))).toBe(true);
    }
    const audited = t.clinic.admin.station.raw.prepare("SELECT entity_id AS id, detail FROM audit_log WHERE procedure = 'queue.renumber' ORDER BY detail").all() as { id: string; detail: string }[];
    expect(audited.map((r) => r.detail.slice(0, 26))).toEqual(['queue number 003 → 006: an', 'queue number 004 → 007: an']);

    // Back together, the next arrival counts on from the highest number at either desk.
    expect(await b.arrives('王八')).toBe('008');
  });
});
