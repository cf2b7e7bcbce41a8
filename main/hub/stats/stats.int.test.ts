/**
 * Every statistic against figures worked out by hand from the dataset of ./testing.ts, on PGlite
 * and on PostgreSQL. The reasoning is in the comments: v1…v16 are the visits, p1…p8 the
 * patients, pay1…pay12 the payments, r1/r2 the refunds (see the tables in testing.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, ageBand, ageOn } from '../../domain/age';
import { eachHubStore } from '../stores.testing';
import type { TestHub } from '../../sync/testing';
import { averageWait, drugUsage, noShowRate, topDiagnoses } from './clinical';
import { dashboard } from './dashboard';
import { ensureStatsIndexes } from './indexes';
import { incomeByDay, incomeByDepartment, incomeByDoctor, incomeByMethod } from './money';
import { clinicTimeZone, type StatsDb } from './range';
import { D0, D1, D2, D3, D4, DEP, DOC, DRUG, seedStatsDataset } from './testing';
import {
  AGE_BAND_TOP_YEARS, completedYearsSql, patientsByAgeBand, patientsBySex, registrationsPerDay, visitsByDepartment, visitsByDoctor,
} from './visits';

const MIN = 60_000;
const money = (paidFen: number, refundedFen: number, payments: number, refunds: number) =>
  ({ paidFen, refundedFen, netFen: paidFen - refundedFen, payments, refunds });

describe.each(eachHubStore())('statistics on %s', (_engine, open) => {
  let hub: TestHub;
  let db: StatsDb;
  const all = { from: D1, to: D3 };
  beforeAll(async () => {
    hub = await open();
    db = hub.store;
    await seedStatsDataset(db);
    await ensureStatsIndexes(db);
  });
  afterAll(async () => { await hub.close(); });

  it('registrations per day: every day listed, cancelled apart, local dates', async () => {
    // D1: v1 first, v2 follow-up, v3 first, v5 first (checked in 07:30 local = 19 Nov UTC) → 4 (3 + 1); v4 cancelled.
    // D2: v6 fu, v7 first, v8 first, v9 first, v10 fu → 5 (3 + 2). D3: v11 fu, v12 fu, v13 first, v15 fu → 4 (1 + 3); v14 cancelled.
    expect(await registrationsPerDay(db, all)).toEqual([
      { date: D1, registrations: 4, firstVisits: 3, followUps: 1, cancelled: 1 },
      { date: D2, registrations: 5, firstVisits: 3, followUps: 2, cancelled: 0 },
      { date: D3, registrations: 4, firstVisits: 1, followUps: 3, cancelled: 1 },
    ]);
    // D0 holds only v16 (first); D4 has nothing but is still a row.
    expect(await registrationsPerDay(db, { from: D0, to: D0 })).toEqual([{ date: D0, registrations: 1, firstVisits: 1, followUps: 0, cancelled: 0 }]);
    expect(await registrationsPerDay(db, { from: D4, to: D4 })).toEqual([{ date: D4, registrations: 0, firstVisits: 0, followUps: 0, cancelled: 0 }]);
  });

  it('visits per department and per doctor (cancelled left out)', async () => {
    // 内科: v1 v2 v5 v6 v9 v10 v11 v13 = 8 (first v1 v5 v9 v13); 外科: v3 v7 v8 v12 v15 = 5 (first v3 v7 v8).
    expect(await visitsByDepartment(db, all)).toEqual([
      { departmentId: DEP.im, departmentName: '内科', departmentNameEn: 'Internal medicine', visits: 8, firstVisits: 4, followUps: 4 },
      { departmentId: DEP.surgery, departmentName: '外科', departmentNameEn: 'Surgery', visits: 5, firstVisits: 3, followUps: 2 },
    ]);
    // 张 (C): v3 v7 v8 v12 v15 = 5; 李 (B): v5 v9 v10 v13 = 4 (v4 cancelled); 王 (A): v1 v2 v6 v11 = 4 (v14 cancelled).
    // A tie of 4: by name in code-point order, 李 (U+674E) before 王 (U+738B).
    expect(await visitsByDoctor(db, all)).toEqual([
      { doctorId: DOC.c, doctorName: '张医生', departmentName: '外科', visits: 5, firstVisits: 3, followUps: 2 },
      { doctorId: DOC.b, doctorName: '李医生', departmentName: '内科', visits: 4, firstVisits: 3, followUps: 1 },
      { doctorId: DOC.a, doctorName: '王医生', departmentName: '内科', visits: 4, firstVisits: 1, followUps: 3 },
    ]);
    // D1 alone: 内科 v1 v2 v5 = 3, 外科 v3 = 1.
    expect((await visitsByDepartment(db, { from: D1, to: D1 })).map((r) => [r.departmentName, r.visits])).toEqual([['内科', 3], ['外科', 1]]);
  });

  it('income per day: payments less refunds on the local day they happened', async () => {
    // D1: pay1 1500 + pay2 8000 + pay3 2000 + pay4 2500 + pay5 1500 (07:29 local, UTC 19 Nov) = 15500, 5 payments.
    // D2: pay6 1500 + pay7 12000 + pay8 1500 (07:49 local) = 15000; r1 4000 → net 11000.
    // D3: pay9 1500 + pay10 3000 = 4500; r2 1500 (of a D1 payment) → net 3000. pay11 (00:10 local D4, UTC 22 Nov) is not D3.
    expect(await incomeByDay(db, all)).toEqual([
      { date: D1, ...money(15500, 0, 5, 0) },
      { date: D2, ...money(15000, 4000, 3, 1) },
      { date: D3, ...money(4500, 1500, 2, 1) },
    ]);
    expect(await incomeByDay(db, { from: D4, to: D4 })).toEqual([{ date: D4, ...money(9900, 0, 1, 0) }]);
    expect(await incomeByDay(db, { from: D0, to: D0 })).toEqual([{ date: D0, ...money(1000, 0, 1, 0) }]);
  });

  it('income per method, department and doctor', async () => {
    // cash: pay1 pay5 pay6 pay9 = 6000, r2 1500; card: pay4 pay8 = 4000; qr: pay2 pay7 pay10 = 23000, r1 4000; insurance: pay3 2000.
    expect(await incomeByMethod(db, all)).toEqual([
      { method: 'cash', ...money(6000, 1500, 4, 1) },
      { method: 'card', ...money(4000, 0, 2, 0) },
      { method: 'qr', ...money(23000, 4000, 3, 1) },
      { method: 'insurance', ...money(2000, 0, 1, 0) },
    ]);
    // 内科 (visits v1 v5 v6 v9 v11): pay1 pay2 pay3 pay5 pay6 pay8 pay9 = 1500+8000+2000+1500+1500+1500+1500 = 17500, r2 1500.
    // 外科 (v3 v7 v15): pay4 pay7 pay10 = 2500+12000+3000 = 17500, r1 4000. Net: 16000, 13500.
    expect(await incomeByDepartment(db, all)).toEqual([
      { departmentId: DEP.im, departmentName: '内科', ...money(17500, 1500, 7, 1) },
      { departmentId: DEP.surgery, departmentName: '外科', ...money(17500, 4000, 3, 1) },
    ]);
    // A (v1 v6 v11): pay1 pay2 pay3 pay6 pay9 = 14500, r2 1500 → 13000; B (v5 v9): pay5 pay8 = 3000;
    // C (v3 v7 v15): 17500, r1 4000 → 13500. Most net first.
    expect(await incomeByDoctor(db, all)).toEqual([
      { doctorId: DOC.c, doctorName: '张医生', ...money(17500, 4000, 3, 1) },
      { doctorId: DOC.a, doctorName: '王医生', ...money(14500, 1500, 5, 1) },
      { doctorId: DOC.b, doctorName: '李医生', ...money(3000, 0, 2, 0) },
    ]);
  });

  it('income per department and doctor over a long range (joined, not looked up) gives the same sums', async () => {
    // 2026-08-15 … D4 (101 days) adds pay12 (D0, v16: doctor A, 内科) 1000 and pay11 (D4, bill 8 → v15: C, 外科) 9900.
    const long = { from: '2026-08-15', to: D4 };
    expect(await incomeByDepartment(db, long)).toEqual([
      { departmentId: DEP.surgery, departmentName: '外科', ...money(27400, 4000, 4, 1) },
      { departmentId: DEP.im, departmentName: '内科', ...money(18500, 1500, 8, 1) },
    ]);
    expect(await incomeByDoctor(db, long)).toEqual([
      { doctorId: DOC.c, doctorName: '张医生', ...money(27400, 4000, 4, 1) },
      { doctorId: DOC.a, doctorName: '王医生', ...money(15500, 1500, 6, 1) },
      { doctorId: DOC.b, doctorName: '李医生', ...money(3000, 0, 2, 0) },
    ]);
  });

  it('patients by sex and by age band on their first visit of the range', async () => {
    // All eight patients have a visit that counts (p4 via v13, p5 via v7). M: p1 p4 p7 p8; F: p2 p3 p6; U: p5.
    expect(await patientsBySex(db, all)).toEqual([{ sex: 'M', patients: 4 }, { sex: 'F', patients: 3 }, { sex: 'U', patients: 1 }]);
    // D1 only: p1 p2 p3 p7 (p4's v4 is cancelled) → M 2, F 2.
    expect(await patientsBySex(db, { from: D1, to: D1 })).toEqual([{ sex: 'M', patients: 2 }, { sex: 'F', patients: 2 }, { sex: 'U', patients: 0 }]);
    // D1–D3, age on the first visit: p2 6 (0-6); p7 17 on D1, birthday on D2 (7-17); p5 26 (18-44); p1 46 (45-59);
    // p3 76 and p8 60 on D2, his birthday (60-79); p6 86 (80+); p4 no birth date (unknown).
    expect(await patientsByAgeBand(db, all)).toEqual([
      { band: '0-6', patients: 1 }, { band: '7-17', patients: 1 }, { band: '18-44', patients: 1 }, { band: '45-59', patients: 1 },
      { band: '60-79', patients: 2 }, { band: '80+', patients: 1 }, { band: 'unknown', patients: 1 },
    ]);
    // D2–D3: p7 is first seen on D2, his 18th birthday → 18-44 with p5; the rest as above.
    expect(await patientsByAgeBand(db, { from: D2, to: D3 })).toEqual([
      { band: '0-6', patients: 1 }, { band: '7-17', patients: 0 }, { band: '18-44', patients: 2 }, { band: '45-59', patients: 1 },
      { band: '60-79', patients: 2 }, { band: '80+', patients: 1 }, { band: 'unknown', patients: 1 },
    ]);
  });

  it('no-show rate per session day and in total', async () => {
    // s1 (D1): completed, no_show, cancelled → 2 appointments, 1 + 1 → 1/2. s2 (D2): 2 completed → 0.
    // s3 (D3): no_show, confirmed (outcome unknown), completed → 3, 1 + 1 → 1/2. Total 7, 4 came, 2 no-shows → 2/6.
    expect(await noShowRate(db, all)).toEqual({
      rows: [
        { date: D1, appointments: 2, completed: 1, noShows: 1, noShowRate: 0.5 },
        { date: D2, appointments: 2, completed: 2, noShows: 0, noShowRate: 0 },
        { date: D3, appointments: 3, completed: 1, noShows: 1, noShowRate: 0.5 },
      ],
      total: { appointments: 7, completed: 4, noShows: 2, noShowRate: 2 / 6 },
    });
    expect((await noShowRate(db, { from: D4, to: D4 })).total).toEqual({ appointments: 0, completed: 0, noShows: 0, noShowRate: null });
  });

  it('average wait from check-in to consultation', async () => {
    // D1: v1 20, v2 30, v3 10, v5 15 min → 75/4 = 18.75 min, longest 30. D2: v6 5, v7 40, v8 30, v9 20, v10 10 → 105/5 = 21, longest 40.
    // D3: v11 25, v15 15 → 20, longest 25 (v12, v13 not called in; v14 cancelled). Total 220 min / 11 = 20 min.
    expect(await averageWait(db, all)).toEqual({
      rows: [
        { date: D1, consultations: 4, averageWaitMs: 18.75 * MIN, longestWaitMs: 30 * MIN },
        { date: D2, consultations: 5, averageWaitMs: 21 * MIN, longestWaitMs: 40 * MIN },
        { date: D3, consultations: 2, averageWaitMs: 20 * MIN, longestWaitMs: 25 * MIN },
      ],
      total: { consultations: 11, averageWaitMs: 20 * MIN, longestWaitMs: 40 * MIN },
    });
    expect((await averageWait(db, { from: D4, to: D4 })).total).toEqual({ consultations: 0, averageWaitMs: null, longestWaitMs: null });
  });

  it('top diagnoses by visits, removed ones and cancelled visits left out', async () => {
    // I10: v1 (secondary), v6, v8 (secondary), v9 → 4 visits, 2 primary (v16 is D0). J06.9: v1 v2 v7 → 3, all primary
    // (v6's was removed, v4 is cancelled); text 上呼吸道感染 twice, 急性… once. E11.9 (v8) and S61.0 (v3): 1 each, tie by code.
    expect(await topDiagnoses(db, all, 3)).toEqual([
      { icd10: 'I10', text: '高血压', visits: 4, primaryVisits: 2 },
      { icd10: 'J06.9', text: '上呼吸道感染', visits: 3, primaryVisits: 3 },
      { icd10: 'E11.9', text: '2型糖尿病', visits: 1, primaryVisits: 1 },
    ]);
    expect((await topDiagnoses(db, all)).map((r) => r.icd10)).toEqual(['I10', 'J06.9', 'E11.9', 'S61.0']);
  });

  it('drug usage: prescribed for the range\'s visits, dispensed less returned in the range', async () => {
    // Prescribed (issued/paid/dispensed, items not removed, visits not cancelled, D1–D3): amoxicillin rx1 2 (3000) + rx2 1 (1500);
    // ibuprofen rx1 1 (1500); metformin rx3 2 (2400). Left out: rx2's removed metformin, draft rx4, cancelled rx5, rx6 of cancelled v4, rx7 of D0.
    // Dispensed: amoxicillin 2 + 1 − 1 returned = 2 (the receipt of 100 is not usage); ibuprofen 1 (the adjust and the D0
    // dispense are not); metformin 2 (07:30 local on D1, UTC 19 Nov).
    expect(await drugUsage(db, all)).toEqual([
      { drugId: DRUG.amox, code: 'D001', name: '阿莫西林胶囊', unit: '盒', prescribedItems: 2, prescribedQuantity: 3, prescribedAmountFen: 4500, dispensedQuantity: 2 },
      { drugId: DRUG.metf, code: 'D003', name: '二甲双胍片', unit: '盒', prescribedItems: 1, prescribedQuantity: 2, prescribedAmountFen: 2400, dispensedQuantity: 2 },
      { drugId: DRUG.ibu, code: 'D002', name: '布洛芬缓释胶囊', unit: '盒', prescribedItems: 1, prescribedQuantity: 1, prescribedAmountFen: 1500, dispensedQuantity: 1 },
    ]);
    // D0 alone: rx7 ibuprofen 2 prescribed, 2 dispensed at 23:50 local.
    expect(await drugUsage(db, { from: D0, to: D0 }, 1)).toEqual([
      { drugId: DRUG.ibu, code: 'D002', name: '布洛芬缓释胶囊', unit: '盒', prescribedItems: 1, prescribedQuantity: 2, prescribedAmountFen: 3000, dispensedQuantity: 2 },
    ]);
  });

  it('dashboard of one day', async () => {
    // D3: v11 in consultation, v12 and v13 waiting, v14 cancelled, v15 discharged → 4 registrations, 2 waiting.
    // Waits: v11 25, v15 15 → 20 min. Money: cash pay9 1500 − r2 1500 = 0; qr pay10 3000. Appointments: s3's 3, one no-show.
    expect(await dashboard(db, D3)).toEqual({
      date: D3, registrations: 4, waitingNow: 2,
      visitsByStatus: [
        { status: 'waiting', visits: 2 }, { status: 'in_consultation', visits: 1 }, { status: 'awaiting_payment', visits: 0 },
        { status: 'discharged', visits: 1 }, { status: 'cancelled', visits: 1 },
      ],
      consultations: 2, averageWaitMs: 20 * MIN, longestWaitMs: 25 * MIN,
      income: [
        { method: 'cash', ...money(1500, 1500, 1, 1) }, { method: 'card', ...money(0, 0, 0, 0) },
        { method: 'qr', ...money(3000, 0, 1, 0) }, { method: 'insurance', ...money(0, 0, 0, 0) },
      ],
      incomeNetFen: 3000, appointments: 3, noShows: 1,
    });
    // D4: nothing but pay11 (00:10 local).
    const d4 = await dashboard(db, D4);
    expect([d4.registrations, d4.incomeNetFen, d4.averageWaitMs, d4.appointments]).toEqual([0, 9900, null, 0]);
  });

  it('takes "day" in the clinic\'s time zone from settings, Asia/Shanghai when unset or unknown', async () => {
    const setZone = (value: string | null) => (value === null
      ? db.query(`DELETE FROM settings WHERE key = 'timeZone'`)
      : db.query(`UPDATE settings SET value = $1 WHERE key = 'timeZone'`, [value]));
    try {
      // In UTC, D2 is 21 Nov 00:00Z–22 Nov 00:00Z: pay6 (00:00Z, the first instant) 1500 + pay7 (02:50Z) 12000, and r1
      // (07:00Z) 4000; pay8 (20 Nov 23:49Z) moves to D1 and pay9 (22 Nov 00:00Z) to D3. Clinic time gave 15000 / 3.
      await setZone(JSON.stringify('UTC'));
      expect(await clinicTimeZone(db)).toBe('UTC');
      expect((await incomeByDay(db, { from: D2, to: D2 }))[0]).toEqual({ date: D2, ...money(13500, 4000, 2, 1) });
      await setZone(JSON.stringify('Mars/Olympus_Mons'));
      expect(await clinicTimeZone(db)).toBe('Asia/Shanghai');
      await setZone('not json');
      expect(await clinicTimeZone(db)).toBe('Asia/Shanghai');
      await setZone(null);
      expect((await incomeByDay(db, { from: D2, to: D2 }))[0]).toEqual({ date: D2, ...money(15000, 4000, 3, 1) });
    } finally {
      await db.query(`DELETE FROM settings WHERE key = 'timeZone'`);
      await db.query(`INSERT INTO settings (key, value, updated_at) VALUES ('timeZone', $1, 0)`, [JSON.stringify('Asia/Shanghai')]);
    }
  });

  it('counts completed years in SQL as main/domain/age.ts does, and cuts the bands where ageBand does', async () => {
    const pairs = [
      ['2000-02-29', '2001-02-28'], ['2000-02-29', '2004-02-28'], ['2000-02-29', '2004-02-29'], ['2000-02-29', '2100-02-28'],
      ['2008-11-21', '2026-11-20'], ['2008-11-21', '2026-11-21'], ['1966-12-31', '2026-12-30'], ['1966-01-01', '2026-12-31'],
      ['2026-11-22', '2026-11-22'], ['1999-03-01', '2000-02-29'], ['1900-02-28', '2026-02-28'],
    ];
    for (const [birth, on] of pairs) {
      const r = await db.query<{ y: unknown }>(`SELECT ${completedYearsSql('$1::text', '$2::text')} AS y`, [birth, on]);
      expect(Number(r.rows[0]?.y), `${birth} → ${on}`).toBe(ageOn(birth!, on!).years);
    }
    AGE_BAND_TOP_YEARS.forEach((top, i) => {
      expect(ageBand(top)).toBe(AGE_BANDS[i]);
      expect(ageBand(top + 1)).toBe(AGE_BANDS[i + 1]);
    });
  });

  it('refuses bad dates, reversed and too long ranges, bad limits', async () => {
    await expect(registrationsPerDay(db, { from: '2026-02-30', to: D3 })).rejects.toMatchObject({ code: 'INVALID_DATE', details: { field: 'from' } });
    await expect(incomeByDay(db, { from: D1, to: '22-11-2026' })).rejects.toMatchObject({ code: 'INVALID_DATE', details: { field: 'to' } });
    await expect(visitsByDoctor(db, { from: D3, to: D1 })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'to', reason: 'before_from' } });
    // 2025-11-22 … 2026-11-22 is 366 days (allowed); one more day is refused.
    expect(await registrationsPerDay(db, { from: '2025-11-22', to: D3 })).toHaveLength(366);
    await expect(noShowRate(db, { from: '2025-11-21', to: D3 })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'to', reason: 'range_too_long' } });
    await expect(topDiagnoses(db, all, 0)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'limit' } });
    await expect(drugUsage(db, all, 501)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'limit' } });
    await expect(dashboard(db, '2026-13-01')).rejects.toMatchObject({ code: 'INVALID_DATE', details: { field: 'date' } });
  });
});
