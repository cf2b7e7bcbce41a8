import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  diagnoses, examOrders, medicalRecords, prescriptionItems, prescriptions, recordAmendments, visits,
} from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, TEST_START, type Fixture } from '../testing';
import { auditCount, expectRefused, makePatient, makeVisit, setStatus } from './consultation-testkit';

const DAY = 86_400_000;

describe('the chart (consultation.history)', () => {
  let fx: Fixture;
  let doctor: { token: string };
  beforeEach(() => {
    fx = createFixture();
    doctor = fx.login('doctor');
  });
  afterEach(() => fx.close());

  it('lists visits newest first with record, diagnoses, prescriptions (drug names), exams, admissions and the follow-up link', () => {
    const patientId = makePatient(fx, { name: '王五', allergies: '青霉素' });
    const first = makeVisit(fx, { patientId, checkedInAt: TEST_START - 30 * DAY, visitDate: '2026-10-24' });
    // The first visit: written, signed, amended, with a prescription and an exam.
    fx.ok(doctor, 'consultation.saveRecord', { visitId: first.visitId, complaint: '咳嗽1周', plan: '阿莫西林' });
    fx.ok(doctor, 'consultation.addDiagnosis', { visitId: first.visitId, icd10: 'J20.9' });
    fx.ok(doctor, 'consultation.sign', { visitId: first.visitId });
    fx.ok(doctor, 'consultation.amend', { visitId: first.visitId, field: 'plan', newText: '布洛芬', reason: '笔误' });
    const rx = fx.ok(doctor, 'prescriptions.create', { visitId: first.visitId });
    fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 5 });
    fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
    fx.ok(doctor, 'consultation.orderExam', { visitId: first.visitId, examItemId: fx.ids.exams.chestXray });
    setStatus(fx, 'visits', first.visitId, 'discharged');
    // A cancelled visit in between, and today's follow-up with an admission.
    makeVisit(fx, { patientId, status: 'cancelled', checkedInAt: TEST_START - 10 * DAY, visitDate: '2026-11-13' });
    const follow = makeVisit(fx, { patientId, followUpOf: first.visitId });
    fx.ok(doctor, 'consultation.admit', { visitId: follow.visitId, bedId: fx.ids.beds.bed2 });
    // Another patient's visit never shows.
    makeVisit(fx);

    const chart = fx.ok(doctor, 'consultation.history', { patientId });
    expect(chart.patient).toMatchObject({ id: patientId, name: '王五', allergies: '青霉素' });
    expect(chart.total).toBe(3);
    expect(chart.visits.map((v) => [v.visitDate, v.status, v.visitType])).toEqual([
      ['2026-11-23', 'in_consultation', 'follow_up'],
      ['2026-11-13', 'cancelled', 'first'],
      ['2026-10-24', 'discharged', 'first'],
    ]);
    const [today, cancelled, old] = chart.visits;
    expect(today!.followUpOf).toEqual({ visitId: first.visitId, visitDate: '2026-10-24' });
    expect(today!.record).toBeNull();
    expect(today!.admissions.map((a) => [a.bedLabel, a.status])).toEqual([['2床', 'admitted']]);
    expect(cancelled).toMatchObject({ record: null, prescriptions: [], examOrders: [], admissions: [], followUpOf: null });
    expect(old!.record).toMatchObject({ status: 'signed', complaint: '咳嗽1周', plan: '布洛芬' });
    expect(old!.record!.diagnoses.map((d) => [d.icd10, d.text, d.isPrimary])).toEqual([['J20.9', '急性支气管炎', true]]);
    expect(old!.record!.amendments.map((a) => [a.field, a.previousText, a.newText])).toEqual([['plan', '阿莫西林', '布洛芬']]);
    expect(old!.prescriptions).toEqual([expect.objectContaining({
      rxNo: rx.rxNo, status: 'issued',
      items: [expect.objectContaining({ drugName: '布洛芬缓释胶囊', spec: '0.3g×20粒', unit: '盒', dose: 1, frequency: 'bid', days: 5, quantity: 1, amountFen: 2200 })],
    })]);
    expect(old!.examOrders.map((e) => [e.name, e.status])).toEqual([['胸部X线', 'ordered']]);
    expect(old!.doctorName).toBe('李明');
    expect(auditCount(fx, 'read', 'patient_chart', patientId)).toBe(1);

    const page2 = fx.ok(doctor, 'consultation.history', { patientId, limit: 2, offset: 2 });
    expect(page2.total).toBe(3);
    expect(page2.visits.map((v) => v.visitDate)).toEqual(['2026-10-24']);
  });

  it('is for doctors only; an unknown patient is NOT_FOUND', () => {
    const { patientId } = makeVisit(fx);
    for (const who of ['cashier', 'pharmacist', 'reception', 'admin'] as const) {
      expectRefused(fx, fx.login(who), 'consultation.history', { patientId }, 'FORBIDDEN');
    }
    expectRefused(fx, doctor, 'consultation.history', { patientId: '0190f0f0-0000-7000-8000-000000000000' }, 'NOT_FOUND', { field: 'patientId' });
    expectRefused(fx, doctor, 'consultation.history', { patientId, limit: 201 }, 'VALIDATION');
  });
});

describe('a chart of 500 visits', () => {
  let fx: Fixture;
  let patientId: string;
  beforeAll(() => {
    fx = createFixture();
    patientId = makePatient(fx, { name: '赵六' });
    // Written directly: 500 visits, each with a signed record, 2 diagnoses, a prescription of 2 lines and an exam;
    // every 10th record amended.
    withMasterWriter(fx.station, (w) => {
      const { staff, departments, drugs, exams } = fx.ids;
      for (let i = 0; i < 500; i++) {
        const at = TEST_START - (500 - i) * DAY;
        const visitId = w.insert(visits, {
          patientId, visitDate: new Date(at).toISOString().slice(0, 10), doctorId: staff.doctor, departmentId: departments.internal,
          queueNo: `A1-${String(i % 999 + 1).padStart(3, '0')}`, queueOrder: at, visitType: 'first', status: 'discharged', feeFen: 0,
          feeStatus: 'not_required', checkedInAt: at, priority: false, callCount: 0,
        });
        const recordId = w.insert(medicalRecords, {
          visitId, patientId, doctorId: staff.doctor, complaint: `咳嗽${i}天`, presentIllness: '无', pastHistory: '无', findings: '咽红',
          plan: '对症', status: 'signed', signedAt: at, signedBy: staff.doctor,
        });
        w.insert(diagnoses, { recordId, visitId, icd10: 'J06.9', text: '急性上呼吸道感染', isPrimary: true, seq: 1, removed: false });
        w.insert(diagnoses, { recordId, visitId, icd10: 'R05', text: '咳嗽', isPrimary: false, seq: 2, removed: false });
        if (i % 10 === 0) {
          w.insert(recordAmendments, { recordId, field: 'plan', previousText: '对症', newText: '观察', reason: '补充', authorId: staff.doctor, createdAt: at + 1 });
        }
        const rxId = w.insert(prescriptions, {
          rxNo: `P-BENCH-${i}`, visitId, patientId, doctorId: staff.doctor, status: 'dispensed', issuedAt: at,
        });
        w.insert(prescriptionItems, {
          prescriptionId: rxId, drugId: drugs.amoxicillin, seq: 1, dose: 2, doseUnit: '粒', frequency: 'tid', route: 'po', days: 5,
          quantity: 2, unitPriceFen: 1850, amountFen: 3700, removed: false,
        });
        w.insert(prescriptionItems, {
          prescriptionId: rxId, drugId: drugs.ibuprofen, seq: 2, dose: 1, doseUnit: '粒', frequency: 'bid', route: 'po', days: 3,
          quantity: 1, unitPriceFen: 2200, amountFen: 2200, removed: false,
        });
        w.insert(examOrders, {
          visitId, patientId, examItemId: exams.bloodRoutine, orderedBy: staff.doctor, status: 'done', priceFen: 2500, result: 'WBC 7.0',
        });
      }
    });
  });
  afterAll(() => fx.close());

  function timed<T>(fn: () => T): { ms: number; value: T } {
    const t = performance.now();
    const value = fn();
    return { ms: performance.now() - t, value };
  }

  function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
  }

  it('opens (first page) and pages through all 500 — times reported, not asserted', () => {
    const doctor = fx.login('doctor');
    const firstOpen = timed(() => fx.ok(doctor, 'consultation.history', { patientId }));
    expect(firstOpen.value.total).toBe(500);
    expect(firstOpen.value.visits).toHaveLength(50);
    expect(firstOpen.value.visits[0]!.record!.complaint).toBe('咳嗽499天');

    const firstPage: number[] = [];
    const allPages: number[] = [];
    let all: { complaint: string; plan: string; items: number }[] = [];
    for (let run = 0; run < 5; run++) {
      firstPage.push(timed(() => fx.ok(doctor, 'consultation.history', { patientId, limit: 50 })).ms);
      const t = timed(() => [0, 200, 400].flatMap((offset) => fx.ok(doctor, 'consultation.history', { patientId, limit: 200, offset }).visits));
      allPages.push(t.ms);
      all = t.value.map((v) => ({ complaint: v.record!.complaint, plan: v.record!.plan, items: v.prescriptions[0]!.items.length }));
    }
    expect(all).toHaveLength(500);
    expect(new Set(all.map((v) => v.complaint)).size).toBe(500);
    expect(all.filter((v) => v.plan === '观察')).toHaveLength(50);
    expect(all.every((v) => v.items === 2)).toBe(true);

    // Without the output schema check that dispatch runs in tests (a station may turn it off).
    (fx.station as { validateOutput: boolean }).validateOutput = false;
    const unchecked = median(Array.from({ length: 5 }, () => timed(() => fx.ok(doctor, 'consultation.history', { patientId, limit: 50 })).ms));
    (fx.station as { validateOutput: boolean }).validateOutput = true;

    console.log(
      `[bench] chart of 500 visits: first open ${firstOpen.ms.toFixed(1)} ms; first page of 50 median ${median(firstPage).toFixed(1)} ms`
      + ` (${unchecked.toFixed(1)} ms without output validation); all 500 in 3 pages of 200 median ${median(allPages).toFixed(1)} ms`,
    );
  });
});
