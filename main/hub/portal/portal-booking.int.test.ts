/**
 * Booking from a phone at a real hub over real HTTPS: the catalog and a doctor's 14 days with
 * seats left, booking (source online, written at the hub and in its log), my bookings with a
 * stopped session's notice, cancel and reschedule up to the cut-off, every bad booking refused
 * with nothing written, and 50 patients booking the last 5 seats at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterSessions } from '../../../db/schema';
import { addDays } from '../../domain/dates';
import { withMasterWriter } from '../../station/master';
import { TODAY, TOMORROW } from '../../station/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { adminChecksums, patientsWithSessions, registered, setSettings, startPortalHub } from './portal.testing';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPortalHub>>;
let extra: { stopped: string; past: string; beyond: string; five: string; later: string };

beforeAll(async () => {
  t = await startPortalHub(template());
  const { doctor } = t.ids.staff;
  const { internal } = t.ids.departments;
  extra = withMasterWriter(t.clinic.admin.station, (w) => {
    const session = (date: string, capacity: number, stopped = false) => w.insert(rosterSessions, {
      date, period: 'afternoon', doctorId: doctor, departmentId: internal, roomId: t.ids.rooms.room1, capacity, stopped, stopReason: stopped ? '医生外出学习' : null,
    });
    return {
      stopped: session(addDays(TODAY, 3), 10, true), past: session(addDays(TODAY, -1), 10), beyond: session(addDays(TODAY, 14), 10),
      five: session(addDays(TODAY, 5), 5), later: session(addDays(TODAY, 6), 10),
    };
  });
  await setSettings(t, { portalBookingNotice: '请提前15分钟到达', portalCancelCutoffMinutes: 120, portalBookingsPerDay: 1 });
});
afterAll(() => t.close());

describe('booking from the patient app', () => {
  it("lists departments, doctors with title and fee, the notice, and a doctor's next 14 days with seats left", async () => {
    const { phone } = await registered(t, 100);
    const catalog = await phone.ok('portal.catalog', {});
    expect(catalog).toMatchObject({ notice: '请提前15分钟到达', cancelCutoffMinutes: 120, bookingsPerDay: 1, today: TODAY });
    const internal = catalog.departments.find((d) => d.id === t.ids.departments.internal)!;
    expect(internal.doctors).toEqual([expect.objectContaining({ id: t.ids.staff.doctor, name: '李明', title: '主治医师', feeFen: 1500 })]);
    const { sessions } = await phone.ok('portal.sessions', { doctorId: t.ids.staff.doctor });
    const ids = sessions.map((s) => s.sessionId);
    expect(ids).toContain(t.ids.sessions.tomorrow);
    expect(ids).not.toContain(extra.past);
    expect(ids).not.toContain(extra.beyond);
    expect(sessions.find((s) => s.sessionId === t.ids.sessions.tomorrow)).toMatchObject({ date: TOMORROW, seatsLeft: 2, stopped: false });
    expect(sessions.find((s) => s.sessionId === extra.stopped)).toMatchObject({ stopped: true, stopReason: '医生外出学习', seatsLeft: 0 });
  });

  it('books a seat online at the hub, shows it in my bookings, and shows a stop notice once the session is stopped', async () => {
    const { phone, memberId } = await registered(t, 101);
    const booked = await phone.ok('portal.book', { memberId, sessionId: extra.later });
    expect(booked).toMatchObject({ memberId, status: 'pending', sessionId: extra.later, doctorName: '李明', feeFen: 1500, stopped: false });
    await t.clinic.hub.settled();
    expect((await t.store.row('appointments', booked.id))?.values).toMatchObject({ source: 'online', status: 'pending', patient_id: memberId });
    withMasterWriter(t.clinic.admin.station, (w) => w.update(rosterSessions, extra.later, { stopped: true, stopReason: '停电' }));
    const { items } = await phone.ok('portal.bookings', {});
    expect(items).toEqual([expect.objectContaining({ id: booked.id, status: 'pending', stopped: true, stopReason: '停电' })]);
    withMasterWriter(t.clinic.admin.station, (w) => w.update(rosterSessions, extra.later, { stopped: false, stopReason: null }));
  });

  it('refuses full, stopped, past and far sessions, a double booking and a second booking that day, writing nothing', async () => {
    const { phone, memberId } = await registered(t, 102);
    const { phone: other, memberId: otherId } = await registered(t, 103);
    await phone.ok('portal.book', { memberId, sessionId: t.ids.sessions.tomorrow });
    await other.ok('portal.book', { memberId: otherId, sessionId: t.ids.sessions.tomorrow });
    const { phone: third, memberId: thirdId } = await registered(t, 104);
    const before = adminChecksums(t);
    const refused = async (p: typeof phone, member: string, sessionId: string) => (await p.call('portal.book', { memberId: member, sessionId }));
    expect(await refused(third, thirdId, t.ids.sessions.tomorrow)).toMatchObject({ ok: false, error: { code: 'SESSION_FULL' } });
    expect(await refused(third, thirdId, extra.stopped)).toMatchObject({ ok: false, error: { code: 'SESSION_STOPPED', details: { stopReason: '医生外出学习' } } });
    expect(await refused(third, thirdId, extra.past)).toMatchObject({ ok: false, error: { code: 'SESSION_PAST' } });
    expect(await refused(third, thirdId, extra.beyond)).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'beyond_window' } } });
    expect(await refused(phone, memberId, t.ids.sessions.tomorrow)).toMatchObject({ ok: false, error: { code: 'DUPLICATE_BOOKING' } });
    await third.ok('portal.book', { memberId: thirdId, sessionId: t.ids.sessions.todayAfternoon });
    const afterOne = adminChecksums(t);
    expect(await refused(third, thirdId, t.ids.sessions.todayPaeds)).toMatchObject({ ok: false, error: { code: 'BOOKING_LIMIT', details: { limit: 1 } } });
    expect(adminChecksums(t)).toEqual(afterOne);
    expect(afterOne['appointments']).not.toBe(before['appointments']);
  });

  it('cancels and reschedules until the cut-off before the session, and refuses after it', async () => {
    const { phone, memberId } = await registered(t, 105);
    // 09:00 now: the afternoon session starts 13:30, the cut-off is 2 hours before.
    const first = await phone.ok('portal.book', { memberId, sessionId: t.ids.sessions.todayAfternoon });
    const moved = await phone.ok('portal.reschedule', { appointmentId: first.id, sessionId: extra.later });
    expect(moved.cancelled).toMatchObject({ id: first.id, status: 'cancelled' });
    expect(moved.booked).toMatchObject({ sessionId: extra.later, status: 'pending' });
    expect(await phone.ok('portal.cancel', { appointmentId: moved.booked.id })).toMatchObject({ status: 'cancelled' });
    // The paediatrics session runs all day from 08:00: past its cut-off already.
    const { phone: p2, memberId: m2 } = await registered(t, 106);
    const late = await p2.ok('portal.book', { memberId: m2, sessionId: t.ids.sessions.todayPaeds });
    const before = adminChecksums(t);
    expect(await p2.call('portal.cancel', { appointmentId: late.id })).toMatchObject({ ok: false, error: { code: 'BOOKING_CUTOFF', details: { cutoffMinutes: 120 } } });
    expect(await p2.call('portal.reschedule', { appointmentId: late.id, sessionId: extra.later })).toMatchObject({ ok: false, error: { code: 'BOOKING_CUTOFF' } });
    expect(await phone.call('portal.cancel', { appointmentId: first.id })).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(adminChecksums(t)).toEqual(before);
  });

  it('50 patients booking the last 5 seats at once: exactly 5 get one', async () => {
    const patients = await patientsWithSessions(t, 50, 500);
    const answers = await Promise.all(patients.map(({ phone, memberId }) => phone.call('portal.book', { memberId, sessionId: extra.five })));
    const ok = answers.filter((a) => a.ok);
    expect(ok).toHaveLength(5);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(Array(45).fill('SESSION_FULL'));
    const held = t.clinic.admin.station.raw.prepare("SELECT count(*) AS n FROM appointments WHERE session_id = ? AND status = 'pending'").get(extra.five) as { n: number };
    expect(held.n).toBe(5);
    await t.clinic.hub.settled();
    expect([...(await t.store.rowsWhere('appointments', 'session_id', extra.five)).values()]).toHaveLength(5);
  });
});
