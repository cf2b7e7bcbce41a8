/**
 * The patient's admissions at a real hub over real HTTPS on loopback: stays in a bed the doctors
 * wrote at the hub's station (ward, bed, admitted and discharged, status, the visit's bills), newest
 * first, for the account's own members only; every read audited with the patient account as actor;
 * bad input refused with VALIDATION and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubTemplate } from '../../sync/hooks.testing';
import { adminChecksums, mobile, registered, startPortalHub, type PatientPhone } from './portal.testing';
import { admittedVisit, deskCall } from './records.testing';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPortalHub>>;
let me: { phone: PatientPhone; memberId: string; accountId: string };
let earlier: ReturnType<typeof admittedVisit>;
let current: ReturnType<typeof admittedVisit>;
let admittedAt: number;
let dischargedAt: number;

beforeAll(async () => {
  t = await startPortalHub(template());
  const r = await registered(t, 400);
  me = { ...r, accountId: (await t.portal.accountByPhone(mobile(400)))!.id };
  // Admitted at the clinic's clock, discharged an hour later; admitted again (the other doctor's visit) an hour after that.
  admittedAt = t.clock.t;
  earlier = admittedVisit(t, r.memberId, 'earlier', { bed: 'bed1', doctor: 'doctor' });
  t.clock.t += 3_600_000;
  dischargedAt = t.clock.t;
  deskCall(t, 'doctor', 'consultation.discharge', { admissionId: earlier.admissionId, note: '好转出院' });
  t.clock.t += 3_600_000;
  current = admittedVisit(t, r.memberId, 'current', { bed: 'bed2', doctor: 'doctor2' });
  await t.clinic.admin.flush();
});
afterAll(() => t.close());

function readRows(accountId: string): { entity: string; entity_id: string; patient_id: string; detail: string | null }[] {
  return t.clinic.admin.station.raw.prepare("SELECT entity, entity_id, patient_id, detail FROM audit_log WHERE account_id = ? AND action = 'read' ORDER BY at, id").all(accountId) as
    { entity: string; entity_id: string; patient_id: string; detail: string | null }[];
}

describe("the patient's admissions", () => {
  it('lists the stays newest first with ward, bed, dates, status and the bills, and audits the read', async () => {
    const { items } = await me.phone.ok('portal.admissions', { memberId: me.memberId });
    expect(items.map((a) => a.id)).toEqual([current.admissionId, earlier.admissionId]);
    expect(items[0]).toMatchObject({
      memberId: me.memberId, visitId: current.visitId, wardName: '观察室', bedLabel: '2床', status: 'admitted', dischargedAt: null, dailyRateFen: 5000,
    });
    expect(items[0]!.admittedAt).toBe(admittedAt + 2 * 3_600_000);
    expect(items[1]).toMatchObject({
      visitId: earlier.visitId, wardName: '观察室', bedLabel: '1床', status: 'discharged', admittedAt, dischargedAt, departmentName: '内科', doctorName: '李明',
    });
    // The bills of the visit each stay was admitted from: the registration fee, paid in cash.
    expect(items[1]!.bills).toEqual([expect.objectContaining({ kind: 'registration', status: 'paid', totalFen: 1500 })]);
    expect(items[1]!.bills[0]!.payments.map((p) => p.id)).toEqual([earlier.registrationPaymentId]);
    expect(readRows(me.accountId)).toContainEqual({ entity: 'patient_admissions', entity_id: me.memberId, patient_id: me.memberId, detail: 'patient portal' });
  });

  it('answers an empty list for a member never admitted', async () => {
    const other = await registered(t, 401);
    expect(await other.phone.ok('portal.admissions', { memberId: other.memberId })).toEqual({ items: [] });
  });

  it("refuses bad input with VALIDATION and another account's member like a missing one, writing nothing", async () => {
    const stranger = await registered(t, 402);
    const before = adminChecksums(t, { exceptAudit: true });
    const readsBefore = readRows(me.accountId).length;
    for (const input of [{}, { memberId: 'not-an-id' }, { memberId: me.memberId, extra: 1 }, { memberId: 42 }]) {
      expect(await me.phone.call('portal.admissions', input as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const theirs = await stranger.phone.call('portal.admissions', { memberId: me.memberId });
    expect(theirs).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'memberId' } } });
    for (const secret of ['观察室', current.admissionId, current.visitId]) expect(JSON.stringify(theirs)).not.toContain(secret);
    expect(await stranger.phone.call('portal.admissions', { memberId: '01900000-0000-7000-8000-000000000000' })).toEqual(theirs);
    expect(adminChecksums(t, { exceptAudit: true })).toEqual(before);
    expect(readRows(me.accountId)).toHaveLength(readsBefore);
  });
});
