import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { hashPassword } from '../password';
import { createFixture, TEST_PASSWORD, TEST_SCRYPT, type Fixture } from '../testing';
import { auditCount, count, expectRefused, makeVisit } from './consultation-testkit';

let fx: Fixture;
let doctor: { token: string };
let doctor2: { token: string };

beforeEach(() => {
  fx = createFixture();
  doctor = fx.login('doctor');
  doctor2 = fx.login('doctor2');
});
afterEach(() => fx.close());

function writeAndDiagnose(visitId: string) {
  fx.ok(doctor, 'consultation.saveRecord', { visitId, complaint: '咳嗽3天', findings: '咽红' });
  return fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
}

describe('the record of a visit', () => {
  it('is written by the visit\'s doctor as a draft, field by field, and read back (audited)', () => {
    const { visitId, patientId } = makeVisit(fx);
    const empty = fx.ok(doctor, 'consultation.getRecord', { visitId });
    expect(empty.record).toBeNull();
    expect(empty.editable).toBe(true);
    expect(empty.patient.id).toBe(patientId);
    expect(auditCount(fx, 'read', 'visit', visitId)).toBe(1);

    const r1 = fx.ok(doctor, 'consultation.saveRecord', { visitId, complaint: '发热2天', plan: '多饮水' });
    expect(r1).toMatchObject({ status: 'draft', complaint: '发热2天', plan: '多饮水', findings: '', signedAt: null, diagnoses: [], amendments: [] });
    const r2 = fx.ok(doctor, 'consultation.saveRecord', { visitId, findings: 'T 38.5℃' });
    expect(r2).toMatchObject({ complaint: '发热2天', findings: 'T 38.5℃', plan: '多饮水' });
    expect(count(fx, 'SELECT count(*) n FROM medical_records WHERE visit_id = ?', visitId)).toBe(1);
    expect(auditCount(fx, 'create', 'medical_record', r1.id)).toBe(1);
    expect(auditCount(fx, 'update', 'medical_record', r1.id)).toBe(2);

    const read = fx.ok(doctor, 'consultation.getRecord', { visitId });
    expect(read.record?.findings).toBe('T 38.5℃');
    expect(read.visit).toMatchObject({ id: visitId, doctorName: '李明', departmentName: '内科', status: 'in_consultation' });
    expect(auditCount(fx, 'read', 'medical_record', r1.id)).toBe(1);
    // Another doctor may read it (a colleague covering) but not edit it.
    expect(fx.ok(doctor2, 'consultation.getRecord', { visitId }).editable).toBe(false);
  });

  it('may be completed after the patient left the room, but not before the consultation started', () => {
    const done = makeVisit(fx, { status: 'awaiting_payment' });
    expect(fx.ok(doctor, 'consultation.saveRecord', { visitId: done.visitId, complaint: '复诊' }).complaint).toBe('复诊');
    for (const status of ['waiting', 'cancelled'] as const) {
      const { visitId } = makeVisit(fx, { status });
      expectRefused(fx, doctor, 'consultation.saveRecord', { visitId, complaint: 'x' }, 'VISIT_NOT_IN_CONSULTATION', { status });
      expectRefused(fx, doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' }, 'VISIT_NOT_IN_CONSULTATION');
    }
  });

  it('is refused to another doctor, to other roles and for an unknown visit, leaving the database unchanged', () => {
    const { visitId } = makeVisit(fx);
    fx.ok(doctor, 'consultation.saveRecord', { visitId, complaint: '头痛' });
    expectRefused(fx, doctor2, 'consultation.saveRecord', { visitId, complaint: '改' }, 'FORBIDDEN', { reason: 'not_visit_doctor' });
    expectRefused(fx, doctor2, 'consultation.addDiagnosis', { visitId, icd10: 'R51' }, 'FORBIDDEN');
    for (const who of ['cashier', 'pharmacist', 'reception', 'admin'] as const) {
      const caller = fx.login(who);
      expectRefused(fx, caller, 'consultation.getRecord', { visitId }, 'FORBIDDEN');
      expectRefused(fx, caller, 'consultation.saveRecord', { visitId, complaint: 'x' }, 'FORBIDDEN');
    }
    expectRefused(fx, doctor, 'consultation.saveRecord', { visitId: '0190f0f0-0000-7000-8000-000000000000', complaint: 'x' }, 'NOT_FOUND', { field: 'visitId' });
    expectRefused(fx, doctor, 'consultation.saveRecord', { visitId, complaint: 'x'.repeat(4001) }, 'VALIDATION');
  });
  it('needs an account linked to a staff member to write (FORBIDDEN no_staff)', async () => {
    const { visitId } = makeVisit(fx);
    withMasterWriter(fx.station, (w) => w.insert(accounts, { username: 'locum', passwordHash: hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles: ['doctor'] }));
    const login = await fx.callAsync({ token: null }, 'accounts.login', { username: 'locum', password: TEST_PASSWORD });
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    const locum = { token: login.value.token };
    expect(fx.ok(locum, 'consultation.getRecord', { visitId }).editable).toBe(false);
    expectRefused(fx, locum, 'consultation.saveRecord', { visitId, complaint: 'x' }, 'FORBIDDEN', { reason: 'no_staff' });
  });
});

describe('diagnoses', () => {
  it('take a known ICD-10 code in any spelling, the table\'s name unless worded, the first one primary', () => {
    const { visitId } = makeVisit(fx);
    const a = fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'j069' });
    expect(a.diagnoses).toEqual([expect.objectContaining({ icd10: 'J06.9', text: '急性上呼吸道感染', isPrimary: true, seq: 1 })]);
    const b = fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'I10', text: '高血压病2级' });
    expect(b.diagnoses.map((d) => [d.icd10, d.text, d.isPrimary])).toEqual([['J06.9', '急性上呼吸道感染', true], ['I10', '高血压病2级', false]]);
    const c = fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'E11.9', isPrimary: true });
    expect(c.diagnoses.filter((d) => d.isPrimary).map((d) => d.icd10)).toEqual(['E11.9']);
  });

  it('refuses an unknown code and the same code twice', () => {
    const { visitId } = makeVisit(fx);
    fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
    expectRefused(fx, doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.7' }, 'VALIDATION', { field: 'icd10', reason: 'unknown_code' });
    expectRefused(fx, doctor, 'consultation.addDiagnosis', { visitId, icd10: '感冒' }, 'VALIDATION', { field: 'icd10' });
    expectRefused(fx, doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J069' }, 'CONFLICT', { field: 'icd10', reason: 'duplicate' });
  });

  it('are removed while draft (rows kept, flagged); removing the primary makes the next primary; primary can be moved', () => {
    const { visitId } = makeVisit(fx);
    fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
    fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'R50.9' });
    const three = fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'R05' });
    const [uri, fever, cough] = three.diagnoses;
    const afterRemove = fx.ok(doctor, 'consultation.removeDiagnosis', { diagnosisId: uri!.id });
    expect(afterRemove.diagnoses.map((d) => [d.icd10, d.isPrimary])).toEqual([['R50.9', true], ['R05', false]]);
    expect(count(fx, 'SELECT count(*) n FROM diagnoses WHERE id = ? AND removed = 1', uri!.id)).toBe(1);
    const moved = fx.ok(doctor, 'consultation.setPrimaryDiagnosis', { diagnosisId: cough!.id });
    expect(moved.diagnoses.map((d) => [d.icd10, d.isPrimary])).toEqual([['R50.9', false], ['R05', true]]);
    expectRefused(fx, doctor, 'consultation.removeDiagnosis', { diagnosisId: uri!.id }, 'NOT_FOUND');
    expectRefused(fx, doctor2, 'consultation.removeDiagnosis', { diagnosisId: fever!.id }, 'FORBIDDEN');
    // A removed code may be added again.
    expect(fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' }).diagnoses).toHaveLength(3);
  });
});

describe('signing', () => {
  it('needs a chief complaint and a diagnosis', () => {
    const { visitId } = makeVisit(fx);
    expectRefused(fx, doctor, 'consultation.sign', { visitId }, 'VALIDATION', { field: 'complaint', reason: 'required_to_sign' });
    fx.ok(doctor, 'consultation.saveRecord', { visitId, complaint: '咳嗽' });
    expectRefused(fx, doctor, 'consultation.sign', { visitId }, 'VALIDATION', { field: 'diagnoses', reason: 'required_to_sign' });
  });

  it('locks the record: every later edit is RECORD_SIGNED and changes nothing', () => {
    const { visitId } = makeVisit(fx);
    const dx = writeAndDiagnose(visitId).diagnoses[0]!;
    expectRefused(fx, doctor2, 'consultation.sign', { visitId }, 'FORBIDDEN');
    fx.advance(60_000);
    const signed = fx.ok(doctor, 'consultation.sign', { visitId });
    expect(signed).toMatchObject({ status: 'signed', signedAt: fx.clock.t, signedBy: fx.ids.staff.doctor });
    expect(auditCount(fx, 'sign', 'medical_record', signed.id)).toBe(1);
    expectRefused(fx, doctor, 'consultation.saveRecord', { visitId, complaint: '改' }, 'RECORD_SIGNED', { recordId: signed.id });
    expectRefused(fx, doctor, 'consultation.addDiagnosis', { visitId, icd10: 'R05' }, 'RECORD_SIGNED');
    expectRefused(fx, doctor, 'consultation.removeDiagnosis', { diagnosisId: dx.id }, 'RECORD_SIGNED');
    expectRefused(fx, doctor, 'consultation.setPrimaryDiagnosis', { diagnosisId: dx.id }, 'RECORD_SIGNED');
    expectRefused(fx, doctor, 'consultation.sign', { visitId }, 'RECORD_SIGNED');
    expect(fx.ok(doctor, 'consultation.getRecord', { visitId }).editable).toBe(false);
  });
});

describe('amendments', () => {
  it('are only for signed records', () => {
    const { visitId } = makeVisit(fx);
    expectRefused(fx, doctor, 'consultation.amend', { visitId, field: 'plan', newText: 'x', reason: '补充' }, 'RECORD_NOT_SIGNED');
    writeAndDiagnose(visitId);
    expectRefused(fx, doctor, 'consultation.amend', { visitId, field: 'plan', newText: 'x', reason: '补充' }, 'RECORD_NOT_SIGNED');
  });

  it('are insert-only rows; the record shows the amended text, keeps the signed text, and lists them', () => {
    const { visitId, patientId } = makeVisit(fx);
    writeAndDiagnose(visitId);
    const signed = fx.ok(doctor, 'consultation.sign', { visitId });
    fx.advance(1000);
    const a1 = fx.ok(doctor, 'consultation.amend', { visitId, field: 'complaint', newText: '咳嗽5天', reason: '病程记录有误' });
    fx.advance(1000);
    const a2 = fx.ok(doctor, 'consultation.amend', { visitId, field: 'complaint', newText: '咳嗽5天，伴发热', reason: '补充' });
    expect(a1.complaint).toBe('咳嗽5天');
    expect(a2.complaint).toBe('咳嗽5天，伴发热');
    expect(a2.findings).toBe('咽红');
    expect(a2.status).toBe('signed');
    expect(a2.amendments.map((a) => [a.field, a.previousText, a.newText, a.reason, a.authorName])).toEqual([
      ['complaint', '咳嗽3天', '咳嗽5天', '病程记录有误', '李明'],
      ['complaint', '咳嗽5天', '咳嗽5天，伴发热', '补充', '李明'],
    ]);
    expect(a2.amendments[0]!.createdAt).toBeLessThan(a2.amendments[1]!.createdAt);
    // The signed text stays in the record row; the amendments are their own rows.
    expect(count(fx, "SELECT count(*) n FROM medical_records WHERE id = ? AND complaint = '咳嗽3天'", signed.id)).toBe(1);
    expect(count(fx, 'SELECT count(*) n FROM record_amendments WHERE record_id = ?', signed.id)).toBe(2);
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'record_amendments' AND op = 'update'")).toBe(0);
    expect(auditCount(fx, 'amend', 'medical_record', signed.id)).toBe(2);
    const chart = fx.ok(doctor, 'consultation.history', { patientId });
    expect(chart.visits[0]!.record?.complaint).toBe('咳嗽5天，伴发热');
    expect(chart.visits[0]!.record?.amendments).toHaveLength(2);
  });

  it('are refused to another doctor and when nothing changes', () => {
    const { visitId } = makeVisit(fx);
    writeAndDiagnose(visitId);
    fx.ok(doctor, 'consultation.sign', { visitId });
    expectRefused(fx, doctor2, 'consultation.amend', { visitId, field: 'plan', newText: '观察', reason: '补充' }, 'FORBIDDEN');
    expectRefused(fx, doctor, 'consultation.amend', { visitId, field: 'findings', newText: '咽红', reason: '无' }, 'VALIDATION', { field: 'newText', reason: 'unchanged' });
    expectRefused(fx, doctor, 'consultation.amend', { visitId, field: 'plan', newText: '观察', reason: ' ' }, 'VALIDATION');
  });
});

describe('ICD-10 search through the API', () => {
  it('answers any logged-in role by code, Chinese, pinyin initials and English', () => {
    const cashier = fx.login('cashier');
    expect(fx.ok(cashier, 'consultation.searchIcd10', { q: 'J06' }).items.map((i) => i.code)).toEqual(['J06.0', 'J06.9']);
    expect(fx.ok(doctor, 'consultation.searchIcd10', { q: '上呼吸道' }).items.map((i) => i.code)).toContain('J06.9');
    expect(fx.ok(doctor, 'consultation.searchIcd10', { q: 'jxshxdgr' }).items).toEqual([
      { code: 'J06.9', name: '急性上呼吸道感染', nameEn: 'Acute upper respiratory infection, unspecified', chapter: 'X' },
    ]);
    expect(fx.ok(doctor, 'consultation.searchIcd10', { q: 'asthma', limit: 3 }).items).toHaveLength(3);
    expect(fx.call({ token: null }, 'consultation.searchIcd10', { q: 'J06' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expectRefused(fx, doctor, 'consultation.searchIcd10', { q: '' }, 'VALIDATION');
  });
});
