/**
 * The no-show job on a real hub (PGlite, its admin station, socket.io over loopback) with a paired
 * desk that books through its own procedures: after a session ends, its confirmed bookings become
 * no-shows (or expire, as the setting says), unconfirmed ones expire, checked-in ones stay
 * completed; the change is audited at the hub and reaches the desk. With the hub stopped over a
 * slot, the job runs when it starts again.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spelled } from '../../domain/testing';
import { until } from '../../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from '../admin.testing';
import { PgliteStore } from '../pglite-store';
import { jobRunnerFor } from './clinic-jobs';
import { LAPSE_JOB } from './lapse-appointments';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** 2026-11-23 in Shanghai (UTC+8): the fixture's TODAY. */
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+08:00`);

async function setUp(): Promise<{ t: TestClinicHub; desk: TestWorkstation; reception: { token: string }; admin: { token: string } }> {
  const t = await startTestClinicHub(template);
  cleanups.push(t.close);
  const desk = await pairedWorkstation(t, 'A1');
  cleanups.push(desk.close);
  return { t, desk, reception: await desk.login('reception'), admin: await desk.login('admin') };
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function statusAt(desk: TestWorkstation, id: string): { status: string; cancel_reason: string | null } {
  return desk.station.raw.prepare('SELECT status, cancel_reason FROM appointments WHERE id = ?').get(id) as { status: string; cancel_reason: string | null };
}

describe('the no-show job', () => {
  it('settles the bookings of ended sessions at the hub, audited, and the desk gets them', async () => {
    const { t, desk, reception, admin: firstAdmin } = await setUp();
    let admin = firstAdmin;
    const book = async (n: number, sessionId: string, confirm: boolean) => {
      const p = await ok(desk.call(reception, 'patients.register', { name: `患者${spelled(n)}` }));
      const a = await ok(desk.call(reception, 'appointments.book', { patientId: p.patient.id, sessionId }));
      if (confirm) await ok(desk.call(reception, 'appointments.confirm', { id: a.id }));
      return a.id;
    };
    const s = t.ids.sessions;
    const confirmed = await book(1, s.todayMorning, true);
    const unconfirmed = await book(2, s.todayMorning, false);
    const came = await book(3, s.todayMorning, true);
    const afternoon = await book(4, s.todayAfternoon, true);
    await ok(desk.call(reception, 'frontdesk.checkIn', { appointmentId: came }));
    await desk.client.syncNow();

    t.clock.t = at('11:59');
    admin = await desk.login('admin'); // the clock moved past the idle lock
    const early = await ok(desk.call(admin, 'jobs.runNow', { name: LAPSE_JOB }));
    expect(early).toMatchObject({ lastResult: 'ok', lastDetail: '0 no-show, 0 expired' });

    t.clock.t = at('12:30');
    admin = await desk.login('admin');
    const done = await ok(desk.call(admin, 'jobs.runNow', { name: LAPSE_JOB }));
    expect(done).toMatchObject({ name: LAPSE_JOB, lastResult: 'ok', lastDetail: '1 no-show, 1 expired', running: false });
    await until(() => statusAt(desk, confirmed).status === 'no_show' && statusAt(desk, unconfirmed).status === 'cancelled');
    expect(statusAt(desk, unconfirmed)).toEqual({ status: 'cancelled', cancel_reason: 'expired' });
    expect(statusAt(desk, came).status).toBe('completed');
    expect(statusAt(desk, afternoon).status).toBe('confirmed');
    const audited = t.clinic.admin.station.raw.prepare(`SELECT entity_id AS id, account_id AS account, detail FROM audit_log
      WHERE procedure = ? ORDER BY detail`).all(LAPSE_JOB) as { id: string; account: string; detail: string }[];
    expect(audited.map((a) => [a.id, a.account, a.detail.split(':')[0]])).toEqual([[unconfirmed, 'hub', 'expired'], [confirmed, 'hub', 'no-show']]);

    const list = await ok(desk.call(admin, 'jobs.list', {}));
    expect(list.jobs.find((j) => j.name === LAPSE_JOB)).toMatchObject({ runs: 2, lastFinishedAt: at('12:30'), nextDueAt: at('13:05') });
    const refused = await desk.call(await desk.login('reception'), 'jobs.list', {});
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const unknown = await desk.call(admin, 'jobs.runNow', { name: 'no.such.job' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });

  it('expires confirmed bookings too when the setting says so, and runs at the hub\'s start after a slot it missed while stopped', async () => {
    const { t, desk, reception, admin } = await setUp();
    await ok(desk.call(admin, 'org.updateSettings', { lapsedBookingsBecome: 'expired' }));
    const p = await ok(desk.call(reception, 'patients.register', { name: `患者${spelled(5)}` }));
    const a = await ok(desk.call(reception, 'appointments.book', { patientId: p.patient.id, sessionId: t.ids.sessions.todayAfternoon }));
    await ok(desk.call(reception, 'appointments.confirm', { id: a.id }));
    await desk.client.syncNow();

    // The hub is stopped over the 17:30 session end and the 18:05 slot (its runner looks every 30 s of real time, so not meanwhile).
    t.clock.t = at('19:00');
    await t.restart();
    await jobRunnerFor(t.store)!.idle(); // the start began the missed run
    const atHub = t.clinic.admin.station.raw.prepare('SELECT status, cancel_reason FROM appointments WHERE id = ?');
    expect(atHub.get(a.id)).toEqual({ status: 'cancelled', cancel_reason: 'expired' });
    const other = await pairedWorkstation(t, 'B1'); // a desk that joins now gets it from the hub's log
    cleanups.push(other.close);
    expect(statusAt(other, a.id)).toEqual({ status: 'cancelled', cancel_reason: 'expired' });
    const admin2 = await other.login('admin');
    const list = await ok(other.call(admin2, 'jobs.list', {}));
    expect(list.jobs.find((j) => j.name === LAPSE_JOB)).toMatchObject({ runs: 1, lastStartedAt: at('19:00'), lastDetail: '0 no-show, 1 expired', nextDueAt: at('19:05') });
  });
});
