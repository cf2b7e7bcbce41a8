import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../testing';
import { count, expectRefused } from './desk.testing';
import { addPrescription, newPatient, openDesk, paidWalkIn, walkIn, type Desk } from './frontdesk.testing';
import { maskName } from './queue';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

/** Five visits with the internal-medicine doctor, a minute apart; E has not paid its fee. */
function fiveVisits() {
  const at = () => { fx.advance(60_000); };
  const a = paidWalkIn(fx, desk, newPatient(fx, desk, { name: '王小明' })).visit; at();
  const earlier = paidWalkIn(fx, desk, newPatient(fx, desk, { name: '李娜' }), { doctorId: fx.ids.staff.doctor2 }).visit; at();
  const b = paidWalkIn(fx, desk, earlier.patientId, { visitType: 'follow_up' }).visit; at();
  const c = paidWalkIn(fx, desk, newPatient(fx, desk, { name: '赵老伯' }), { priority: true, priorityReason: 'elderly' }).visit; at();
  const d = paidWalkIn(fx, desk, newPatient(fx, desk, { name: '陈静' }), { sessionId: fx.ids.sessions.todayAfternoon }).visit; at();
  const e = walkIn(fx, desk, newPatient(fx, desk, { name: '孙悦' })).visit; at();
  return { a, b, c, d, e, earlier };
}

const ids = (vs: { id: string }[]) => vs.map((v) => v.id);

describe('queue.mine', () => {
  it('shows first visits and follow-ups apart, priority first, then queue order, only with the fee settled', () => {
    const { a, b, c, d, earlier } = fiveVisits();
    const q = fx.ok(desk.doctor, 'queue.mine', {});
    expect(q.date).toBe('2026-11-23');
    expect(ids(q.firstVisits)).toEqual([c.id, a.id, d.id]);
    expect(ids(q.followUps)).toEqual([b.id]);
    expect(q.followUps[0]).toMatchObject({ followUpOf: earlier.id });
    expect(q.inConsultation).toEqual([]);
    // The other doctor sees only their own.
    expect(ids(fx.ok(desk.doctor2, 'queue.mine', {}).firstVisits)).toEqual([earlier.id]);
  });

  it('shows a visit once its fee is paid', () => {
    const { e } = fiveVisits();
    const bill = fx.ok(desk.reception, 'billing.visit', { visitId: e.id }).bills[0]!;
    fx.ok(desk.reception, 'billing.pay', { billId: bill.id, method: 'card', amountFen: 1500, idempotencyKey: 'e-fee' });
    expect(ids(fx.ok(desk.doctor, 'queue.mine', {}).firstVisits).at(-1)).toBe(e.id);
  });

  it('is for doctors', () => {
    for (const who of [desk.reception, desk.cashier, desk.admin]) expectRefused(fx, who, 'queue.mine', {}, 'FORBIDDEN');
  });
});

describe('call, recall, skip, start, finish', () => {
  it('calls the head of the queue without changing the status, by type when asked', () => {
    const { a, b, c, d } = fiveVisits();
    const called = fx.ok(desk.doctor, 'queue.call', {});
    expect(called).toMatchObject({ id: c.id, status: 'waiting', calledAt: fx.clock.t, callCount: 1 });
    // Called but not in the room yet: still heads the list, but "next" moves on to whoever is not called yet.
    expect(ids(fx.ok(desk.doctor, 'queue.mine', {}).firstVisits)[0]).toBe(c.id);
    expect(fx.ok(desk.doctor, 'queue.call', {})).toMatchObject({ id: a.id, callCount: 1 });
    expect(fx.ok(desk.doctor, 'queue.call', { visitType: 'follow_up' })).toMatchObject({ id: b.id, callCount: 1 });
    expect(fx.ok(desk.doctor, 'queue.call', { visitId: d.id })).toMatchObject({ id: d.id, callCount: 1 });
    expectRefused(fx, desk.doctor, 'queue.call', {}, 'QUEUE_EMPTY');
    fx.advance(5000);
    expect(fx.ok(desk.doctor, 'queue.recall', { visitId: a.id })).toMatchObject({ callCount: 2, calledAt: fx.clock.t });
    expect(fx.ok(desk.doctor, 'queue.call', { visitId: a.id })).toMatchObject({ callCount: 3 });
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE procedure LIKE 'queue.%' AND action = 'update'")).toBe(6);
  });

  it('skips a called patient to the end of the queue, still waiting, off the board', () => {
    const { a, c, d } = fiveVisits();
    fx.ok(desk.doctor, 'queue.call', { visitId: c.id });
    fx.ok(desk.doctor, 'queue.call', { visitId: a.id });
    const skipped = fx.ok(desk.doctor, 'queue.skip', { visitId: a.id });
    expect(skipped).toMatchObject({ status: 'waiting', calledAt: null, callCount: 1 });
    expect(skipped.queueOrder).toBeGreaterThan(d.queueOrder);
    // Priority still comes first; among the others the skipped one is now last.
    expect(ids(fx.ok(desk.doctor, 'queue.mine', {}).firstVisits)).toEqual([c.id, d.id, a.id]);
    // A later walk-in queues after the skipped one only if it checks in later.
    fx.advance(60_000);
    const late = paidWalkIn(fx, desk, newPatient(fx, desk)).visit;
    expect(ids(fx.ok(desk.doctor, 'queue.mine', {}).firstVisits)).toEqual([c.id, d.id, a.id, late.id]);
    // Skipped means not called any more: "next" reaches it again in its new place.
    expect(fx.ok(desk.doctor, 'queue.call', { visitType: 'first' }).id).toBe(d.id);
    expect(fx.ok(desk.doctor, 'queue.call', { visitType: 'first' }).id).toBe(a.id);
  });

  it('refuses recall and skip of a patient never called', () => {
    const { a } = fiveVisits();
    expectRefused(fx, desk.doctor, 'queue.recall', { visitId: a.id }, 'CONFLICT', { reason: 'not_called' });
    expectRefused(fx, desk.doctor, 'queue.skip', { visitId: a.id }, 'CONFLICT', { reason: 'not_called' });
  });

  it('starts and finishes; a visit that owes nothing is discharged at once, one with charges awaits payment', () => {
    const { a, d } = fiveVisits();
    const started = fx.ok(desk.doctor, 'queue.start', { visitId: a.id });
    expect(started).toMatchObject({ status: 'in_consultation', consultStartedAt: fx.clock.t });
    expect(ids(fx.ok(desk.doctor, 'queue.mine', {}).inConsultation)).toEqual([a.id]);
    fx.advance(600_000);
    expect(fx.ok(desk.doctor, 'queue.finish', { visitId: a.id })).toMatchObject({ status: 'discharged', consultEndedAt: fx.clock.t, dischargedAt: fx.clock.t });
    fx.ok(desk.doctor, 'queue.start', { visitId: d.id });
    addPrescription(fx, d, [[fx.ids.drugs.amoxicillin, 2, 1850]]);
    expect(fx.ok(desk.doctor, 'queue.finish', { visitId: d.id })).toMatchObject({ status: 'awaiting_payment', dischargedAt: null });
  });

  it('refuses every illegal visit transition, writing nothing', () => {
    const { a, b, d, e } = fiveVisits();
    expectRefused(fx, desk.doctor, 'queue.finish', { visitId: a.id }, 'ILLEGAL_TRANSITION', { entity: 'visit', from: 'waiting', to: 'awaiting_payment' });
    fx.ok(desk.doctor, 'queue.start', { visitId: a.id });
    expectRefused(fx, desk.doctor, 'queue.start', { visitId: a.id }, 'ILLEGAL_TRANSITION', { from: 'in_consultation', to: 'in_consultation' });
    expectRefused(fx, desk.doctor, 'queue.call', { visitId: a.id }, 'CONFLICT', { reason: 'not_waiting', status: 'in_consultation' });
    fx.ok(desk.doctor, 'queue.finish', { visitId: a.id });
    expectRefused(fx, desk.doctor, 'queue.finish', { visitId: a.id }, 'ILLEGAL_TRANSITION', { from: 'discharged', to: 'awaiting_payment' });
    expectRefused(fx, desk.doctor, 'queue.start', { visitId: a.id }, 'ILLEGAL_TRANSITION', { from: 'discharged', to: 'in_consultation' });
    fx.ok(desk.reception, 'frontdesk.cancelVisit', { visitId: b.id, reason: 'left' });
    expectRefused(fx, desk.doctor, 'queue.start', { visitId: b.id }, 'ILLEGAL_TRANSITION', { from: 'cancelled', to: 'in_consultation' });
    expectRefused(fx, desk.doctor, 'queue.start', { visitId: e.id }, 'FEE_UNPAID', { feeStatus: 'unpaid' });
    expectRefused(fx, desk.doctor, 'queue.call', { visitId: e.id }, 'FEE_UNPAID');
    expectRefused(fx, desk.doctor2, 'queue.start', { visitId: d.id }, 'FORBIDDEN', { reason: 'not_your_patient' });
    expectRefused(fx, desk.doctor2, 'queue.call', { visitId: d.id }, 'FORBIDDEN');
  });

  it('says so when nobody is waiting, and keeps yesterday’s visits out of today’s queue', () => {
    expectRefused(fx, desk.doctor, 'queue.call', {}, 'QUEUE_EMPTY');
    const v = paidWalkIn(fx, desk, newPatient(fx, desk)).visit;
    expectRefused(fx, desk.doctor, 'queue.call', { visitType: 'follow_up' }, 'QUEUE_EMPTY', { visitType: 'follow_up' });
    fx.advance(86_400_000);
    const doctor = fx.login('doctor');
    expect(fx.ok(doctor, 'queue.mine', {}).firstVisits).toEqual([]);
    expectRefused(fx, doctor, 'queue.start', { visitId: v.id }, 'INVALID_DATE', { reason: 'not_today', date: '2026-11-23' });
  });
});

describe('queue.board', () => {
  it('shows, per doctor of today, the numbers being called with rooms, who is in, and who is next — names masked', () => {
    const { a, b, c, d } = fiveVisits();
    fx.ok(desk.doctor, 'queue.call', {});
    fx.advance(1000);
    fx.ok(desk.doctor, 'queue.call', { visitId: b.id });
    fx.ok(desk.doctor, 'queue.start', { visitId: d.id });
    const board = fx.ok(desk.pharmacist, 'queue.board', {});
    expect(board.doctors.map((x) => x.doctorName)).toEqual(['赵丽', '李明']);
    const mine = board.doctors.find((x) => x.doctorId === fx.ids.staff.doctor)!;
    expect(mine).toMatchObject({ departmentName: '内科', rooms: ['诊室1'], waitingCount: 3 });
    expect(mine.calling.map((x) => [x.queueNo, x.roomName, x.maskedName])).toEqual([[b.queueNo, '诊室1', '李*'], [c.queueNo, '诊室1', '赵*伯']]);
    expect(mine.inConsultation.map((x) => x.queueNo)).toEqual([d.queueNo]);
    expect(mine.next.map((x) => x.queueNo)).toEqual([a.queueNo]);
    expect(fx.ok(desk.doctor, 'queue.board', { doctorId: fx.ids.staff.doctor2 }).doctors.map((x) => x.doctorId)).toEqual([fx.ids.staff.doctor2]);
  });

  it('masks names for the public screen', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('李明')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张')).toBe('张');
  });

  it('needs a log-in', () => {
    expect(fx.call({ token: null }, 'queue.board', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
