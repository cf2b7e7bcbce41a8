/**
 * The patient's own records at a real hub over real HTTPS on loopback: visits the desks wrote at
 * the hub's station, each opening to its signed record, issued prescriptions (drafts never, voided
 * ones marked), exams, bills with payments; the desk's PDF as the patient's copy (read back with
 * pdftotext); rating a finished visit once; every read audited with the patient account as actor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatText } from '../../documents/testPdf';
import { drugs } from '../../../db/schema';
import { withMasterWriter } from '../../station/master';
import { hubTemplate } from '../../sync/hooks.testing';
import { adminChecksums, mobile, nameOf, phoneOf, registered, startPortalHub, type PatientPhone } from './portal.testing';
import { seenVisit, type SeenVisit } from './records.testing';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPortalHub>>;
let me: { phone: PatientPhone; memberId: string; accountId: string };
let done: SeenVisit;
let open: SeenVisit;

beforeAll(async () => {
  t = await startPortalHub(template());
  const r = await registered(t, 300);
  me = { ...r, accountId: (await t.portal.accountByPhone(mobile(300)))!.id };
  // The drug's records (issue 16), as the admin keeps them in the catalog.
  withMasterWriter(t.clinic.admin.station, (w) => w.update(drugs, t.ids.drugs.ibuprofen, {
    contraindications: '活动性消化道溃疡者禁用', cautions: '不宜空腹服用', manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字H10900089',
  }));
  done = seenVisit(t, r.memberId, 'done', { finish: true, voided: true });
  // With the other doctor: a patient holds one place per session.
  open = seenVisit(t, r.memberId, 'open', { finish: false, doctor: 'doctor2' });
  await t.clinic.admin.flush();
});
afterAll(() => t.close());

function auditRows(accountId: string): { action: string; entity: string; entity_id: string; patient_id: string; detail: string | null }[] {
  return t.clinic.admin.station.raw.prepare('SELECT action, entity, entity_id, patient_id, detail FROM audit_log WHERE account_id = ? ORDER BY at, id').all(accountId) as
    { action: string; entity: string; entity_id: string; patient_id: string; detail: string | null }[];
}

describe("the patient's records", () => {
  it("lists a member's visits, newest first, and audits the read with the patient account as actor", async () => {
    const { items } = await me.phone.ok('portal.visits', { memberId: me.memberId });
    expect(items.map((v) => v.id)).toEqual([open.visitId, done.visitId]);
    expect(items[1]).toMatchObject({ memberId: me.memberId, status: 'discharged', finished: true, recordSigned: true, rating: null, doctorName: expect.any(String) });
    expect(items[0]).toMatchObject({ status: 'in_consultation', finished: false, recordSigned: false });
    expect(auditRows(me.accountId).filter((r) => r.action === 'read')).toContainEqual({
      action: 'read', entity: 'patient_visits', entity_id: me.memberId, patient_id: me.memberId, detail: 'patient portal',
    });
  });

  it('opens a finished visit: its signed record, how to take each drug, the voided prescription marked, exams, bills and payments', async () => {
    const v = await me.phone.ok('portal.visit', { visitId: done.visitId });
    expect(v.record).toMatchObject({ complaint: '咳嗽三天', findings: '咽部充血', plan: '多饮水', diagnoses: [expect.objectContaining({ code: 'J06.9' })] });
    expect(v.record?.signedAt).toEqual(expect.any(Number));
    const ids = v.prescriptions.map((p) => p.id);
    expect(ids).toEqual([done.rxId, done.voidedRxId]);
    expect(ids).not.toContain(done.draftRxId);
    const drug = t.clinic.admin.station.raw.prepare('SELECT max_dose AS maxDose FROM drugs WHERE id = ?').get(t.ids.drugs.ibuprofen) as { maxDose: number | null };
    expect(v.prescriptions[0]).toMatchObject({
      rxNo: done.rxNo, voided: false,
      items: [{
        drugName: '布洛芬缓释胶囊', dose: 1, doseUnit: '粒', frequency: 'bid', route: 'po', days: 3, instructions: '饭后服用', maxDose: drug.maxDose,
        contraindications: '活动性消化道溃疡者禁用', cautions: '不宜空腹服用', manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字H10900089',
      }],
    });
    expect(v.prescriptions[1]).toMatchObject({ status: 'cancelled', voided: true });
    expect(v.exams).toEqual([expect.objectContaining({ id: done.examOrderId, status: 'paid', result: null })]);
    expect(v.bills.map((b) => b.kind).sort()).toEqual(['clinical', 'registration']);
    expect(v.bills.flatMap((b) => b.payments.map((p) => p.id)).sort()).toEqual([done.registrationPaymentId, done.billPaymentId].sort());
    expect(auditRows(me.accountId)).toContainEqual({ action: 'read', entity: 'visit', entity_id: done.visitId, patient_id: me.memberId, detail: 'patient portal' });
  });

  it('shows no draft record and no draft prescription of a visit still in consultation', async () => {
    const v = await me.phone.ok('portal.visit', { visitId: open.visitId });
    expect(v.record).toBeNull();
    expect(v.prescriptions.map((p) => p.id)).toEqual([open.rxId]);
    expect(JSON.stringify(v)).not.toContain(open.draftRxId);
  });

  it("serves the desk's prescription as the patient's copy: marked, with the patient's name and the drug line, never cached", async () => {
    const file = await me.phone.ok('portal.document', { document: 'prescription', id: done.rxId, lang: 'zh-CN' });
    const text = flatText(Buffer.from(file.pdfBase64, 'base64'));
    expect(text).toContain('患者留存');
    expect(text).toContain(nameOf(300));
    expect(text).toContain('布洛芬缓释胶囊');
    expect(file.filename).toBe(`prescription-${done.rxNo}-patient-copy.pdf`);

    const res = await me.phone.rawBytes(`/files/portal.document?document=prescription&id=${done.rxId}&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="prescription-${done.rxNo}-patient-copy.pdf"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(flatText(res.body)).toContain('Patientcopy');
    // A read, not a print: the desk's next print is still the original.
    const rows = auditRows(me.accountId).filter((r) => r.entity === 'prescription');
    expect(rows.map((r) => [r.action, r.detail])).toEqual([['read', 'patient portal: patient copy'], ['read', 'patient portal: patient copy']]);
  });

  it('serves the signed record and the receipts; an unsigned record and a draft prescription are not found', async () => {
    const record = await me.phone.ok('portal.document', { document: 'medicalRecord', id: done.visitId, lang: 'zh-CN' });
    const text = flatText(Buffer.from(record.pdfBase64, 'base64'));
    expect(text).toContain('患者留存');
    expect(text).toContain('咳嗽三天');
    const receipt = await me.phone.ok('portal.document', { document: 'receipt', id: done.billPaymentId!, lang: 'en' });
    expect(flatText(Buffer.from(receipt.pdfBase64, 'base64'))).toContain('Patientcopy');
    for (const [document, id] of [['medicalRecord', open.visitId], ['prescription', done.draftRxId]] as const) {
      expect(await me.phone.call('portal.document', { document, id, lang: 'zh-CN' })).toEqual({
        ok: false, error: { code: 'NOT_FOUND', message: 'no such document on this account', details: { field: 'id' } },
      });
    }
    const bad = await me.phone.rawBytes(`/files/portal.document?document=dayReport&id=${done.rxId}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const loggedOut = await phoneOf(t).rawBytes(`/files/portal.document?document=prescription&id=${done.rxId}`);
    expect(loggedOut.status).toBe(401);
  });

  it('takes one rating per finished visit and refuses the rest, writing nothing; the doctor shows its average', async () => {
    const before = adminChecksums(t, { exceptAudit: true });
    expect(await me.phone.call('portal.rate', { visitId: open.visitId, stars: 5, comment: '' }))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'visitId', reason: 'visit_not_finished' } } });
    expect(await me.phone.call('portal.rate', { visitId: done.visitId, stars: 6, comment: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await me.phone.call('portal.rate', { visitId: done.visitId, stars: 4, comment: '好'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.portal.ratingsOf([open.visitId, done.visitId])).toEqual(new Map());

    expect(await me.phone.ok('portal.rate', { visitId: done.visitId, stars: 4, comment: '  耐心细致  ' })).toMatchObject({ visitId: done.visitId, stars: 4, comment: '耐心细致' });
    expect(await me.phone.call('portal.rate', { visitId: done.visitId, stars: 1, comment: '改主意' }))
      .toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS', details: { field: 'visitId', reason: 'already_rated' } } });
    expect((await t.portal.ratingsOf([done.visitId])).get(done.visitId)).toMatchObject({ stars: 4, comment: '耐心细致' });
    expect(adminChecksums(t, { exceptAudit: true })).toEqual(before);

    const other = await registered(t, 301);
    const theirs = seenVisit(t, other.memberId, 'other', { finish: true });
    await other.phone.ok('portal.rate', { visitId: theirs.visitId, stars: 5, comment: '' });
    const catalog = await phoneOf(t).ok('portal.catalog', {});
    const doctors = catalog.departments.flatMap((d) => d.doctors);
    expect(doctors.find((d) => d.id === t.ids.staff.doctor)?.rating).toEqual({ average: 4.5, count: 2 });
    expect(doctors.find((d) => d.id === t.ids.staff.doctor2)?.rating).toBeNull();
    const mine = (await me.phone.ok('portal.visits', { memberId: me.memberId })).items.find((v) => v.id === done.visitId);
    expect(mine?.rating).toMatchObject({ stars: 4, comment: '耐心细致' });
  });
});
