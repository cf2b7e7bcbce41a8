/**
 * The small hand-made dataset of the statistics tests, written with plain INSERTs into the hub's
 * typed tables. Clinic time zone Asia/Shanghai (UTC+8); three clinic days D1–D3 plus a day
 * before (D0) and after (D4) to prove the range edges. Several times fall before 08:00 local,
 * i.e. on the previous UTC date, yet belong to the local day. Every expected figure is worked
 * out by hand in the test files from the comments here.
 */
import { hubTablesDdl } from '../pg-schema';
import type { StatsDb } from './range';

export const D0 = '2026-11-19';
export const D1 = '2026-11-20';
export const D2 = '2026-11-21';
export const D3 = '2026-11-22';
export const D4 = '2026-11-23';

/** UTC ms of local wall time `hm` ('HH:MM') on `date` in Asia/Shanghai (fixed UTC+8). */
export const at = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);

/** Stable UUID-looking ids by kind and number, so rows are easy to name in tests. */
export const uid = (kind: number, n: number) => `0190a000-0000-7000-8${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
export const DEP = { im: uid(1, 1), surgery: uid(1, 2) };
export const DOC = { a: uid(2, 1), b: uid(2, 2), c: uid(2, 3) };
export const DRUG = { amox: uid(3, 1), ibu: uid(3, 2), metf: uid(3, 3) };
const P = (n: number) => uid(4, n);
const V = (n: number) => uid(5, n);
const B = (n: number) => uid(6, n);
const S = (n: number) => uid(7, n);
const RX = (n: number) => uid(8, n);

type Row = Record<string, string | number | null>;

/** INSERT rows (all with the same columns) into a typed hub table. */
export async function insertRows(db: StatsDb, table: string, rows: Row[]): Promise<void> {
  for (const row of rows) {
    const cols = Object.keys(row);
    await db.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => row[c]));
  }
}

/** The typed tables, made here when the store has not made them yet (idempotent). */
export async function ensureHubTables(db: StatsDb): Promise<void> {
  for (const ddl of hubTablesDdl().split(';\n').map((s) => s.trim()).filter(Boolean)) await db.query(ddl);
}

const stamp = { created_at: 0, updated_at: 0 };

/** Visits: [n, patient, doctor, department, date, type, status, check-in 'HH:MM', consult start 'HH:MM' | null]. */
const VISITS: [number, number, string, string, string, 'first' | 'follow_up', string, string, string | null][] = [
  [1, 1, DOC.a, DEP.im, D1, 'first', 'discharged', '08:00', '08:20'], // wait 20 min
  [2, 2, DOC.a, DEP.im, D1, 'follow_up', 'discharged', '08:10', '08:40'], // 30
  [3, 3, DOC.c, DEP.surgery, D1, 'first', 'discharged', '09:00', '09:10'], // 10
  [4, 4, DOC.b, DEP.im, D1, 'first', 'cancelled', '09:30', null],
  [5, 7, DOC.b, DEP.im, D1, 'first', 'discharged', '07:30', '07:45'], // 15; UTC 19 Nov 23:30
  [6, 1, DOC.a, DEP.im, D2, 'follow_up', 'discharged', '08:00', '08:05'], // 5
  [7, 5, DOC.c, DEP.surgery, D2, 'first', 'discharged', '10:00', '10:40'], // 40
  [8, 6, DOC.c, DEP.surgery, D2, 'first', 'awaiting_payment', '11:00', '11:30'], // 30
  [9, 8, DOC.b, DEP.im, D2, 'first', 'discharged', '07:50', '08:10'], // 20; check-in UTC 20 Nov 23:50
  [10, 7, DOC.b, DEP.im, D2, 'follow_up', 'discharged', '14:00', '14:10'], // 10
  [11, 2, DOC.a, DEP.im, D3, 'follow_up', 'in_consultation', '08:00', '08:25'], // 25
  [12, 3, DOC.c, DEP.surgery, D3, 'follow_up', 'waiting', '08:30', null],
  [13, 4, DOC.b, DEP.im, D3, 'first', 'waiting', '09:00', null],
  [14, 5, DOC.a, DEP.im, D3, 'follow_up', 'cancelled', '07:00', null],
  [15, 8, DOC.c, DEP.surgery, D3, 'follow_up', 'discharged', '07:40', '07:55'], // 15; UTC 21 Nov 23:40
  [16, 1, DOC.a, DEP.im, D0, 'first', 'discharged', '23:30', '23:40'], // outside D1–D3
];

/** Payments: [n, bill, method, fen, date, 'HH:MM'] — bill n belongs to visit BILL_VISIT[n]. */
const BILL_VISIT: Record<number, number> = { 1: 1, 2: 1, 3: 3, 4: 6, 5: 7, 6: 9, 7: 11, 8: 15, 9: 5, 10: 16 };
const PAYMENTS: [number, number, string, number, string, string][] = [
  [1, 1, 'cash', 1500, D1, '08:01'],
  [2, 2, 'qr', 8000, D1, '08:50'],
  [3, 2, 'insurance', 2000, D1, '08:50'],
  [4, 3, 'card', 2500, D1, '08:59'],
  [5, 9, 'cash', 1500, D1, '07:29'], // UTC 19 Nov 23:29: local D1
  [6, 4, 'cash', 1500, D2, '08:00'],
  [7, 5, 'qr', 12000, D2, '10:50'],
  [8, 6, 'card', 1500, D2, '07:49'], // UTC 20 Nov 23:49: local D2
  [9, 7, 'cash', 1500, D3, '08:00'],
  [10, 8, 'qr', 3000, D3, '08:10'],
  [11, 8, 'cash', 9900, D4, '00:10'], // UTC 22 Nov 16:10 (D3 in UTC) but local D4
  [12, 10, 'cash', 1000, D0, '23:50'], // local D0
];
/** Refunds: [n, bill, payment, method, fen, date, 'HH:MM']. */
const REFUNDS: [number, number, number, string, number, string, string][] = [
  [1, 5, 7, 'qr', 4000, D2, '15:00'],
  [2, 1, 1, 'cash', 1500, D3, '09:00'], // refunds a D1 payment; counts on D3
];

/** Writes the whole dataset (and the typed tables if missing). */
export async function seedStatsDataset(db: StatsDb): Promise<void> {
  await ensureHubTables(db);
  await insertRows(db, 'settings', [{ key: 'timeZone', value: JSON.stringify('Asia/Shanghai'), updated_at: 0 }]);
  await insertRows(db, 'departments', [
    { id: DEP.im, code: 'IM', name: '内科', name_en: 'Internal medicine', active: 1, ...stamp },
    { id: DEP.surgery, code: 'SUR', name: '外科', name_en: 'Surgery', active: 1, ...stamp },
  ]);
  await insertRows(db, 'staff', [
    { id: DOC.a, name: '王医生', sex: 'M', position: 'doctor', department_id: DEP.im, ...stamp },
    { id: DOC.b, name: '李医生', sex: 'F', position: 'doctor', department_id: DEP.im, ...stamp },
    { id: DOC.c, name: '张医生', sex: 'M', position: 'doctor', department_id: DEP.surgery, ...stamp },
  ]);
  // Patients: sex, birth date (p4 has none; p7 turns 18 on D2; p8 turns 60 on D2; p5 born 29 Feb).
  const patients: [number, string, string | null][] = [
    [1, 'M', '1980-05-10'], [2, 'F', '2020-03-01'], [3, 'F', '1950-01-15'], [4, 'M', null],
    [5, 'U', '2000-02-29'], [6, 'F', '1940-11-21'], [7, 'M', '2008-11-21'], [8, 'M', '1966-11-21'],
  ];
  await insertRows(db, 'patients', patients.map(([n, sex, birth]) => ({
    id: P(n), record_no: `R${n}`, name: `患者${n}`, sex, birth_date: birth, pinyin_full: '', pinyin_initials: '', ...stamp,
  })));
  await insertRows(db, 'visits', VISITS.map(([n, p, doctor, dep, date, type, status, checkIn, consult]) => ({
    id: V(n), patient_id: P(p), visit_date: date, doctor_id: doctor, department_id: dep, queue_no: `A${n}`, queue_order: n,
    visit_type: type, status, fee_fen: 1500, fee_status: 'paid', checked_in_at: at(date, checkIn),
    consult_started_at: consult === null ? null : at(date, consult), ...stamp,
  })));
  await insertRows(db, 'bills', Object.entries(BILL_VISIT).map(([b, v]) => ({
    id: B(Number(b)), visit_id: V(v), patient_id: P(1), kind: 'clinical', status: 'paid', total_fen: 0, insurance_fen: 0, self_pay_fen: 0, ...stamp,
  })));
  await insertRows(db, 'payments', PAYMENTS.map(([n, b, method, fen, date, hm]) => ({
    id: uid(9, n), bill_id: B(b), receipt_no: `P${n}`, method, amount_fen: fen, idempotency_key: `p${n}`, cashier_id: DOC.a,
    device: 'A1', created_at: at(date, hm),
  })));
  await insertRows(db, 'refunds', REFUNDS.map(([n, b, p, method, fen, date, hm]) => ({
    id: uid(10, n), bill_id: B(b), payment_id: uid(9, p), refund_no: `F${n}`, method, amount_fen: fen, reason: '退费',
    idempotency_key: `r${n}`, cashier_id: DOC.a, device: 'A1', created_at: at(date, hm),
  })));
  // Sessions: s1 D1 (doctor A), s2 D2 (C), s3 D3 (B). Appointments' statuses per session.
  const sessions: [number, string, string, string][] = [[1, D1, DOC.a, DEP.im], [2, D2, DOC.c, DEP.surgery], [3, D3, DOC.b, DEP.im]];
  await insertRows(db, 'roster_sessions', sessions
    .map(([n, date, doctor, dep]) => ({ id: S(n), date, period: 'morning', doctor_id: doctor, department_id: dep, capacity: 10, stopped: 0, ...stamp })));
  const appts: [number, number, number, string][] = [
    [1, 1, 1, 'completed'], [2, 1, 6, 'no_show'], [3, 1, 4, 'cancelled'],
    [4, 2, 5, 'completed'], [5, 2, 6, 'completed'],
    [6, 3, 7, 'no_show'], [7, 3, 4, 'confirmed'], [8, 3, 3, 'completed'],
  ];
  await insertRows(db, 'appointments', appts.map(([n, s, p, status]) => ({
    id: uid(11, n), patient_id: P(p), session_id: S(s), status, source: 'phone', ...stamp,
  })));
  // Diagnoses: [visit, icd10, text, primary, removed].
  const dx: [number, string, string, number, number][] = [
    [1, 'J06.9', '上呼吸道感染', 1, 0], [1, 'I10', '高血压', 0, 0], [2, 'J06.9', '急性上呼吸道感染', 1, 0],
    [3, 'S61.0', '手指开放性伤口', 1, 0], [6, 'I10', '高血压', 1, 0], [6, 'J06.9', '上呼吸道感染', 0, 1],
    [7, 'J06.9', '上呼吸道感染', 1, 0], [8, 'E11.9', '2型糖尿病', 1, 0], [8, 'I10', '高血压', 0, 0], [9, 'I10', '高血压', 1, 0],
    [4, 'J06.9', '上呼吸道感染', 1, 0], [16, 'I10', '高血压', 1, 0],
  ];
  await insertRows(db, 'diagnoses', dx.map(([v, icd10, text, primary, removed], i) => ({
    id: uid(12, i + 1), record_id: uid(13, v), visit_id: V(v), icd10, text, is_primary: primary, seq: i, removed, ...stamp,
  })));
  const drugs: [string, string, string][] = [[DRUG.amox, 'D001', '阿莫西林胶囊'], [DRUG.ibu, 'D002', '布洛芬缓释胶囊'], [DRUG.metf, 'D003', '二甲双胍片']];
  await insertRows(db, 'drugs', drugs
    .map(([id, code, name]) => ({ id, code, name, name_en: '', spec: '', form: '', unit: '盒', dose_unit: 'mg', doses_per_unit: 24, price_fen: 1500, insurance_class: 'A', pinyin_initials: '', active: 1, ...stamp })));
  // Prescriptions: [n, visit, status]; items: [prescription, drug, quantity, amount, removed].
  const rx: [number, number, string][] = [[1, 1, 'dispensed'], [2, 7, 'paid'], [3, 8, 'issued'], [4, 6, 'draft'], [5, 2, 'cancelled'], [6, 4, 'issued'], [7, 16, 'dispensed']];
  await insertRows(db, 'prescriptions', rx.map(([n, v, status]) => ({ id: RX(n), rx_no: `RX${n}`, visit_id: V(v), patient_id: P(1), doctor_id: DOC.a, status, ...stamp })));
  const items: [number, string, number, number, number][] = [
    [1, DRUG.amox, 2, 3000, 0], [1, DRUG.ibu, 1, 1500, 0], [2, DRUG.amox, 1, 1500, 0], [2, DRUG.metf, 3, 3600, 1],
    [3, DRUG.metf, 2, 2400, 0], [4, DRUG.amox, 5, 7500, 0], [5, DRUG.ibu, 4, 6000, 0], [6, DRUG.amox, 7, 10500, 0], [7, DRUG.ibu, 2, 3000, 0],
  ];
  await insertRows(db, 'prescription_items', items.map(([p, drug, quantity, amount, removed], i) => ({
    id: uid(14, i + 1), prescription_id: RX(p), drug_id: drug, seq: i, dose: 1, dose_unit: 'mg', frequency: 'tid', route: 'po', days: 3,
    quantity, unit_price_fen: amount / quantity, amount_fen: amount, removed, ...stamp,
  })));
  // Stock movements: [drug, kind, quantity, date, 'HH:MM'].
  const moves: [string, string, number, string, string][] = [
    [DRUG.amox, 'dispense', -2, D1, '09:00'], [DRUG.ibu, 'dispense', -1, D1, '09:00'], [DRUG.amox, 'dispense', -1, D2, '11:00'],
    [DRUG.amox, 'return', 1, D3, '10:00'], [DRUG.amox, 'receive', 100, D1, '10:00'], [DRUG.ibu, 'adjust', -3, D2, '12:00'],
    [DRUG.ibu, 'dispense', -2, D0, '23:50'], [DRUG.metf, 'dispense', -2, D1, '07:30'],
  ];
  await insertRows(db, 'stock_movements', moves.map(([drug, kind, quantity, date, hm], i) => ({
    id: uid(15, i + 1), drug_id: drug, batch_id: uid(16, 1), kind, quantity, by_account: DOC.a, created_at: at(date, hm),
  })));
}
