/**
 * Review tasks end to end, on PGlite and on PostgreSQL: two real stations sync with a real hub
 * over socket.io; what they could not prevent offline shows in `reviews.list` with both sides,
 * is acted on at a desk (merge, move leftovers, reschedule), and the task resolves once the hub
 * sees the change; the replicas end identical.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Input, Output, ProcedureName } from '../../api/contract';
import { rosterSessions } from '../../../db/schema';
import { eachHubStore } from '../stores.testing';
import { replicatedChecksums, type TestHub } from '../../sync/testing';
import { dispatch, dispatchSync } from '../../station/dispatch';
import { withMasterWriter } from '../../station/master';
import type { Station } from '../../station/station';
import { logInAs, TOMORROW } from '../../station/testing';
import { residentId } from '../../station/services/desk.testing';
import { twoDesksOnHub } from '../../sync/clinic-offline.testing';

const STORES = eachHubStore();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

type Caller = { token: string };
function login(s: Station, username: string): Caller {
  return logInAs(s, username);
}
function ok<N extends ProcedureName>(s: Station, caller: Caller, name: N, input: Input<N>): Output<N> {
  const r = dispatchSync(s, caller, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The hub, desk A (the fixture, which also holds the hub's store, as the hub's admin station does) and desk B. */
async function setup(hubOf: () => Promise<TestHub>) {
  const { th, fx, b, sync } = await twoDesksOnHub(hubOf, cleanups);
  const a = fx.station;
  const reviews = async (caller: Caller, input: Input<'reviews.list'> = {}) => {
    const r = await dispatch(a, caller, 'reviews.list', input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  return { th, fx, a, b, sync, reviews, admin: login(a, 'admin'), recA: login(a, 'reception'), recB: login(b, 'reception') };
}

describe.each(STORES)('review tasks over sync (hub store on %s)', (_name, hubOf) => {
  it('a resident registered offline at two desks: a task with both sides, merged at one desk, resolved; leftovers moved; replicas identical', async () => {
    const { fx, a, b, sync, reviews, admin, recA, recB } = await setup(hubOf);
    const ID = residentId('1975-02-03', 'F');
    const pA = ok(a, recA, 'patients.register', { name: '王芳', idNumber: ID, phone: '13900001111' }).patient.id;
    const pB = ok(b, recB, 'patients.register', { name: '王芳', idNumber: ID, phone: '13900002222' }).patient.id;
    ok(b, recB, 'appointments.book', { patientId: pB, sessionId: fx.ids.sessions.tomorrow });
    await sync(a);
    await sync(b);
    await sync(a);

    const list = await reviews(admin);
    expect(list.openCount).toBe(1);
    const [task] = list.items;
    if (task?.kind !== 'duplicate_patient') throw new Error(`expected a duplicate task, got ${JSON.stringify(task)}`);
    expect(task.idNumber).toBe(ID);
    expect(task.patients.map((p) => [p.id, p.registeredOn, p.phone, p.rows.appointments])).toEqual([[pA, 'A1', '13900001111', 0], [pB, 'B1', '13900002222', 1]]);
    // Reception sees it too; reviews.get answers the same task.
    expect((await reviews(recA)).openCount).toBe(1);
    const got = await dispatch(a, recA, 'reviews.get', { key: task.key });
    expect(got.ok && got.value.kind).toBe('duplicate_patient');

    // Desk B merges its record into A's; meanwhile desk A, offline, books B's record for today.
    ok(b, recB, 'patients.merge', { keepId: pA, mergeId: pB, reason: '同一人重复建档' });
    const late = ok(a, recA, 'frontdesk.walkIn', { patientId: pB, doctorId: fx.ids.staff.doctor }).visit.id;
    await sync(b);
    expect((await reviews(admin)).items.filter((t) => t.kind === 'duplicate_patient')).toEqual([]);

    await sync(a);
    const leftover = (await reviews(admin)).items;
    expect(leftover).toHaveLength(1);
    const [lt] = leftover;
    if (lt?.kind !== 'merged_patient_rows') throw new Error(`expected leftovers, got ${JSON.stringify(lt)}`);
    expect([lt.patient?.id, lt.patient?.mergedInto, lt.patient?.rows.visits, lt.into?.id, lt.into?.rows.appointments]).toEqual([pB, pA, 1, pA, 1]);

    // Any desk that holds the rows moves them.
    const moved = ok(a, recA, 'patients.mergeLeftovers', { patientId: pB });
    expect(moved.moved.visits).toBe(1);
    await sync(a);
    await sync(b);
    expect((await reviews(admin)).items).toEqual([]);
    const all = await reviews(admin, { includeResolved: true });
    expect(all.items.map((t) => [t.kind, t.resolvedAt !== null])).toEqual([['duplicate_patient', true], ['merged_patient_rows', true]]);
    expect(b.raw.prepare('SELECT patient_id FROM visits WHERE id = ?').pluck().get(late)).toBe(pA);
    expect(replicatedChecksums(b)).toEqual(replicatedChecksums(a));
  });

  it('the last seat booked at two desks: the session and every booking, sessions with room; a move resolves it', async () => {
    const { fx, a, b, sync, reviews, recA, recB } = await setup(hubOf);
    const { tomorrow } = fx.ids.sessions;
    const spare = withMasterWriter(a, (w) => w.insert(rosterSessions, {
      date: TOMORROW, period: 'afternoon', doctorId: fx.ids.staff.doctor, departmentId: fx.ids.departments.internal, capacity: 5,
    }));
    const p1 = ok(a, recA, 'patients.register', { name: '赵一' }).patient.id;
    const p2 = ok(a, recA, 'patients.register', { name: '钱二' }).patient.id;
    await sync(a);
    await sync(b);
    ok(a, recA, 'appointments.book', { patientId: p1, sessionId: tomorrow }); // capacity 2
    const second = ok(a, recA, 'appointments.book', { patientId: p2, sessionId: tomorrow, source: 'counter' }).id;
    const third = ok(b, recB, 'appointments.book', { patientId: p1, sessionId: tomorrow }).id;
    await sync(a);
    await sync(b);
    await sync(a);

    const [task] = (await reviews(recA)).items;
    if (task?.kind !== 'session_overbooked') throw new Error(`expected overbooked, got ${JSON.stringify(task)}`);
    expect(task.session).toMatchObject({ id: tomorrow, date: TOMORROW, period: 'morning', capacity: 2, held: 3, departmentName: '内科', stopped: false });
    expect(task.bookings.map((x) => [x.kind, x.bookedOn, x.status])).toEqual([['appointment', 'A1', 'pending'], ['appointment', 'A1', 'pending'], ['appointment', 'B1', 'pending']]);
    expect(task.bookings.map((x) => x.id)).toContain(third);
    expect(task.bookings[1]).toMatchObject({ id: second, patientName: '钱二', source: 'counter' });
    expect(task.alternatives).toEqual([{ id: spare, date: TOMORROW, period: 'afternoon', doctorName: expect.any(String), seatsLeft: 5 }]);

    ok(a, recA, 'appointments.reschedule', { id: second, sessionId: spare, reason: '原时段超约' });
    await sync(a);
    expect((await reviews(recA)).items).toEqual([]);
    await sync(b);
    expect(replicatedChecksums(b)).toEqual(replicatedChecksums(a));
  });

  it('roles, an unknown key, and a station without the hub', async () => {
    const { fx, a, admin } = await setup(hubOf);
    for (const user of ['doctor', 'cashier', 'pharmacist'] as const) {
      expect(await dispatch(a, fx.login(user), 'reviews.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await dispatch(a, admin, 'reviews.get', { key: 'duplicate_patient:nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'key' } } });
    expect(await dispatch(a, admin, 'reviews.list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'limit' } } });
    a.hub = null;
    expect(await dispatch(a, admin, 'reviews.list', {})).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
  });
});
