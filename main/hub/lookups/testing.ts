/**
 * A small clinic's lookups dataset at the hub, for tests: the fixture station's own clinic
 * (settings, departments, staff, accounts, sessions) copied into the hub's typed tables, so the
 * ids a lookup names are the replica's, then patients, appointments, visits, money and an audit
 * trail of AUDIT_ROWS rows written straight into the hub's store.
 */
import type { Fixture } from '../../station/testing';
import { TODAY, TOMORROW } from '../../station/testing';
import { pinyinKeys } from '../../domain/pinyin';
import { ensureHubTables, insertRows, uid } from '../stats/testing';
import type { StatsDb } from '../stats/range';

export const at = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
export const PAT = { zhang: uid(40, 1), zhangFeng: uid(40, 2), li: uid(40, 3), wang: uid(40, 4) };
export const VIS = { v1: uid(41, 1), v2: uid(41, 2), v3: uid(41, 3), v4: uid(41, 4) };
export const BILL = { b1: uid(42, 1), b2: uid(42, 2) };
export const PAY = { p1: uid(43, 1), p2: uid(43, 2), p3: uid(43, 3), p4: uid(43, 4) };
export const APPT = { a1: uid(44, 1), a2: uid(44, 2), a3: uid(44, 3), a4: uid(44, 4), a5: uid(44, 5) };
export const DAY_CLOSE = uid(45, 1);
export const EARLIER = '2026-11-20';
/** Audit rows written, one a second from TODAY 08:00 local: even ones about 张三 from desk A1 by reception (reads), odd ones from B2 by the doctor (updates). */
export const AUDIT_ROWS = 1205;

const stamp = { created_at: 0, updated_at: 0 };

/** Copies a replicated table of the fixture's replica into the hub's typed table of the same name. */
function copyTable(fx: Fixture, hub: StatsDb, table: string): Promise<void> {
  const rows = fx.station.raw.prepare(`SELECT * FROM ${table}`).all() as Record<string, string | number | null>[];
  return insertRows(hub, table, rows);
}

export async function seedLookups(fx: Fixture, hub: StatsDb): Promise<void> {
  await ensureHubTables(hub);
  for (const t of ['settings', 'departments', 'staff', 'accounts', 'roster_sessions']) await copyTable(fx, hub, t);
  const { departments: dep, staff, accounts, sessions } = fx.ids;
  const patient = (id: string, name: string, phone: string, recordNo: string, mergedInto: string | null = null) => {
    const keys = pinyinKeys(name);
    return {
      id, record_no: recordNo, name, sex: 'F', birth_date: '1980-01-02', phone, phone_rev: [...phone].reverse().join(''), id_number: null,
      pinyin_full: keys.full, pinyin_initials: keys.initials, merged_into: mergedInto, insurance_type: 'self_pay', ...stamp,
    };
  };
  await insertRows(hub, 'patients', [
    patient(PAT.zhang, '张三', '13800001111', 'R0001'), patient(PAT.zhangFeng, '张三丰', '13900002222', 'R0002'),
    { ...patient(PAT.li, '李四', '13700003333', 'R0003'), id_doc_type: 'passport', id_doc_number: 'E12345678' }, patient(PAT.wang, '王五', '13600004444', 'R0004', PAT.li),
  ]);
  const appt = (id: string, patientId: string, sessionId: string, status: string, source: string) =>
    ({ id, patient_id: patientId, session_id: sessionId, status, source, created_at: at(EARLIER, '08:00'), updated_at: 0 });
  await insertRows(hub, 'appointments', [
    appt(APPT.a1, PAT.zhang, sessions.todayMorning, 'confirmed', 'phone'), appt(APPT.a2, PAT.zhangFeng, sessions.todayMorning, 'pending', 'online'),
    appt(APPT.a3, PAT.li, sessions.todayPaeds, 'completed', 'counter'), appt(APPT.a4, PAT.zhang, sessions.tomorrow, 'confirmed', 'online'),
    appt(APPT.a5, PAT.zhangFeng, sessions.todayAfternoon, 'cancelled', 'phone'),
  ]);
  const visit = (id: string, patientId: string, date: string, doctor: string, department: string, status: string, n: number) => ({
    id, patient_id: patientId, visit_date: date, doctor_id: doctor, department_id: department, queue_no: `A${'〇一二三四'[n]}`, queue_order: n,
    visit_type: 'first', status, fee_fen: 1500, fee_status: 'paid', checked_in_at: at(date, '08:30'), ...stamp,
  });
  await insertRows(hub, 'visits', [
    visit(VIS.v1, PAT.zhang, TODAY, staff.doctor, dep.internal, 'discharged', 1), visit(VIS.v2, PAT.zhangFeng, TODAY, staff.doctor2, dep.paeds, 'waiting', 2),
    visit(VIS.v3, PAT.zhang, EARLIER, staff.doctor, dep.internal, 'discharged', 3), visit(VIS.v4, PAT.li, TODAY, staff.doctor, dep.internal, 'cancelled', 4),
  ]);
  await insertRows(hub, 'bills', [
    { id: BILL.b1, visit_id: VIS.v1, patient_id: PAT.zhang, kind: 'clinical', status: 'paid', total_fen: 3000, insurance_fen: 0, self_pay_fen: 3000, created_at: at(TODAY, '08:40'), updated_at: 0 },
    { id: BILL.b2, visit_id: VIS.v2, patient_id: PAT.zhangFeng, kind: 'registration', status: 'open', total_fen: 1500, insurance_fen: 0, self_pay_fen: 1500, created_at: at(TODAY, '08:45'), updated_at: 0 },
  ]);
  const pay = (id: string, bill: string, method: string, fen: number, cashier: string, when: number, dayClose: string | null, n: number) => ({
    id, bill_id: bill, receipt_no: `S${'〇一二三四'[n]}`, method, amount_fen: fen, idempotency_key: id, cashier_id: cashier, device: 'A1', day_close_id: dayClose, created_at: when,
  });
  await insertRows(hub, 'payments', [
    pay(PAY.p1, BILL.b1, 'cash', 1500, accounts.cashier, at(TODAY, '09:00'), DAY_CLOSE, 1),
    pay(PAY.p2, BILL.b1, 'qr', 1500, accounts.frontcash, at(TODAY, '10:00'), null, 2),
    pay(PAY.p3, BILL.b2, 'cash', 500, accounts.cashier, at(TODAY, '23:30'), null, 3), // UTC 15:30: still TODAY locally
    pay(PAY.p4, BILL.b2, 'cash', 1000, accounts.cashier, at(TOMORROW, '00:10'), null, 4), // UTC TODAY 16:10, locally TOMORROW
  ]);
  await insertRows(hub, 'refunds', [{
    id: uid(46, 1), bill_id: BILL.b1, payment_id: PAY.p1, refund_no: 'T1', method: 'cash', amount_fen: 500, reason: '退费', idempotency_key: 'r1',
    cashier_id: accounts.cashier, device: 'A1', day_close_id: null, created_at: at(TODAY, '11:00'),
  }]);
  await insertRows(hub, 'day_closes', [{
    id: DAY_CLOSE, close_no: 'A1-20261123-01', cashier_id: accounts.cashier, device: 'A1', from_at: at(TODAY, '08:00'), to_at: at(TODAY, '12:00'),
    totals: JSON.stringify({ paidFen: 1500, refundedFen: 0, netFen: 1500 }), payment_count: 1, refund_count: 0, created_at: at(TODAY, '12:00'),
  }]);
  await hub.query(`
    INSERT INTO audit_log (id, at, account_id, device, action, entity, entity_id, patient_id, procedure, detail)
    SELECT '0190a000-0000-7000-8047-' || lpad(i::text, 12, '0'), $1::bigint + i * 1000,
      CASE WHEN i % 2 = 0 THEN $2 ELSE $3 END, CASE WHEN i % 2 = 0 THEN 'A1' ELSE 'B2' END,
      CASE WHEN i % 2 = 0 THEN 'read' ELSE 'update' END, 'patient', $4, CASE WHEN i % 2 = 0 THEN $4 ELSE $5 END,
      CASE WHEN i % 2 = 0 THEN 'patients.get' ELSE 'patients.update' END, NULL
    FROM generate_series(1, $6::int) AS i`, [at(TODAY, '08:00'), accounts.reception, accounts.doctor, PAT.zhang, PAT.li, AUDIT_ROWS]);
}
