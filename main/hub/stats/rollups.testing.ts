/**
 * A random clinic as the hub receives it: logged changes (insert / update of rows), appended to a
 * real hub store so they go through its projection, typed tables, triggers and roll-ups. Seeded,
 * so a failure repeats. `month` is 30 days of ordinary work; `lateChanges` is what desks that
 * were offline bring days later: visits, payments and refunds of past days, cancellations, a
 * patient merge, visits moved to another day, department or doctor, corrected patients,
 * removed diagnoses and prescription items, a roster session moved, a bill re-pointed.
 */
import { addDays } from '../../domain/dates';
import type { ChangeT } from '../../sync/protocol';
import type { HubStore } from '../store';

export const TODAY = '2026-11-22';
export const FIRST_DAY = addDays(TODAY, -29);

/** Deterministic numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, string | number | null>;

/** Local wall time 'HH:MM' of a date in Asia/Shanghai (UTC+8), as UTC ms. */
const at = (date: string, minutes: number) => Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000;

export class RandomClinic {
  readonly random: () => number;
  private clock = 0;
  private changes: ChangeT[] = [];
  private readonly ids = new Map<string, number>();
  readonly rows = new Map<string, Map<string, Row>>();

  constructor(seed: number) {
    this.random = seeded(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  private id(table: string): string {
    const n = (this.ids.get(table) ?? 0) + 1;
    this.ids.set(table, n);
    return `${table}-${String(n).padStart(5, '0')}`;
  }

  private write(table: string, rowId: string, op: 'insert' | 'update', columns: Row): void {
    this.clock += 1;
    this.changes.push({
      id: `ch-${String(this.clock).padStart(7, '0')}`, hlc: `${String(1_700_000_000_000 + this.clock).padStart(15, '0')}-0000-A1`,
      device: 'A1', table, rowId, op, columns, seq: null,
    });
    let t = this.rows.get(table);
    if (!t) this.rows.set(table, (t = new Map()));
    t.set(rowId, { ...t.get(rowId), ...columns });
  }

  insert(table: string, columns: Row, rowId = this.id(table)): string {
    this.write(table, rowId, 'insert', { ...columns, id: rowId });
    return rowId;
  }

  update(table: string, rowId: string, columns: Row): void {
    this.write(table, rowId, 'update', columns);
  }

  list(table: string): [string, Row][] {
    return [...(this.rows.get(table) ?? new Map<string, Row>()).entries()];
  }

  /** Appends what was written since the last call (in batches a push could carry) and projects it. */
  async flush(store: HubStore, receivedAt: number): Promise<void> {
    for (let i = 0; i < this.changes.length; i += 500) await store.append(this.changes.slice(i, i + 500), receivedAt);
    this.changes = [];
    await store.caughtUp();
  }

  /** A visit of `date` with its bill, payments, diagnoses, prescription and stock; some cancelled, some unfinished. */
  visit(date: string, payOn = date): string {
    const doctor = this.pick(this.list('staff'));
    const patient = this.pick(this.list('patients'))[0];
    const status = this.pick(['waiting', 'in_consultation', 'awaiting_payment', 'discharged', 'discharged', 'discharged', 'cancelled']);
    const checkIn = at(date, this.int(24 * 60));
    const visit = this.insert('visits', {
      patient_id: patient, visit_date: date, doctor_id: doctor[0],
      department_id: this.chance(0.9) ? doctor[1].department_id! : this.pick(this.list('departments'))[0],
      session_id: null, queue_no: 'A1', queue_order: 1, visit_type: this.pick(['first', 'follow_up']), status, fee_fen: 1500, fee_status: 'paid',
      checked_in_at: checkIn, consult_started_at: status === 'waiting' || status === 'cancelled' ? null : checkIn + this.int(90) * 60_000,
    });
    const bill = this.insert('bills', { visit_id: visit, patient_id: patient, kind: 'clinical', status: 'paid', total_fen: 0, insurance_fen: 0, self_pay_fen: 0 });
    for (let k = 1 + this.int(2); k > 0; k--) {
      const created = at(payOn, this.int(24 * 60));
      // yb_card: a clinic's own method (a payment_method entry of the data dictionary), grouped by its code like the built-in ones.
      const method = this.pick(['cash', 'qr', 'card', 'insurance', 'yb_card']);
      const pay = this.insert('payments', {
        bill_id: bill, receipt_no: 'R', method, amount_fen: 100 * (1 + this.int(200)), idempotency_key: 'k', cashier_id: 'c', device: 'A1', created_at: created,
      });
      if (this.chance(0.1)) this.refund(pay, addDays(payOn, this.int(3)));
    }
    for (let k = this.int(3); k > 0; k--) {
      const code = this.pick(['J06.9', 'I10', 'E11.9', 'K29.7', 'M54.5']);
      this.insert('diagnoses', {
        record_id: 'r', visit_id: visit, icd10: code, text: `${code} ${this.pick(['a', 'b', 'c'])}`, is_primary: this.chance(0.6) ? 1 : 0,
        seq: k, removed: this.chance(0.1) ? 1 : 0,
      });
    }
    if (this.chance(0.6)) {
      const rx = this.insert('prescriptions', {
        rx_no: 'RX', visit_id: visit, patient_id: patient, doctor_id: doctor[0], status: this.pick(['draft', 'issued', 'paid', 'dispensed', 'dispensed', 'cancelled']),
      });
      for (let k = 1 + this.int(2); k > 0; k--) {
        const drug = this.pick(this.list('drugs'))[0];
        const quantity = 1 + this.int(4);
        this.insert('prescription_items', {
          prescription_id: rx, drug_id: drug, seq: k, dose: 1, dose_unit: 'mg', frequency: 'tid', route: 'po', days: 3, quantity,
          unit_price_fen: 500, amount_fen: quantity * 500, removed: this.chance(0.1) ? 1 : 0,
        });
        this.insert('stock_movements', {
          drug_id: drug, batch_id: 'b', kind: this.pick(['dispense', 'dispense', 'return', 'adjust']), quantity: -quantity, by_account: 'c',
          created_at: at(payOn, this.int(24 * 60)),
        });
      }
    }
    return visit;
  }

  refund(paymentId: string, date: string): void {
    const pay = this.rows.get('payments')!.get(paymentId)!;
    this.insert('refunds', {
      bill_id: pay.bill_id!, payment_id: paymentId, refund_no: 'F', method: pay.method!, amount_fen: 100, reason: 'r', idempotency_key: 'f',
      cashier_id: 'c', device: 'A1', created_at: at(date, this.int(24 * 60)),
    });
  }

  /** Master data and 30 days of work: `perDay` visits a day on average. */
  month(perDay: number): void {
    this.insert('settings', { key: 'timeZone', value: JSON.stringify('Asia/Shanghai'), updated_at: 0 }, 'timeZone');
    const deps = [0, 1, 2].map((i) => this.insert('departments', { code: `D${i}`, name: `科室${i}`, name_en: `Dep ${i}`, active: 1 }));
    for (let i = 0; i < 4; i++) this.insert('staff', { name: `医生${i}`, sex: 'M', position: 'doctor', department_id: deps[i % 3]! });
    for (let i = 0; i < 5; i++) this.insert('drugs', { code: `Y${i}`, name: `药${i}`, unit: '盒', active: 1 });
    for (let i = 0; i < 40; i++) {
      const birth = this.pick([null, '2000-02-29', `19${50 + this.int(50)}-0${1 + this.int(9)}-1${this.int(9)}`, `20${10 + this.int(15)}-11-${10 + this.int(12)}`]);
      this.insert('patients', { record_no: `H${i}`, name: `患者${i}`, sex: this.pick(['M', 'F', 'U']), birth_date: birth, pinyin_full: '', pinyin_initials: '' });
    }
    for (let d = 0; d < 30; d++) {
      const date = addDays(FIRST_DAY, d);
      for (const [doctor, row] of this.list('staff')) {
        const session = this.insert('roster_sessions', { date, period: 'morning', doctor_id: doctor, department_id: row.department_id!, capacity: 10, stopped: 0 });
        for (let k = this.int(4); k > 0; k--) {
          this.insert('appointments', {
            patient_id: this.pick(this.list('patients'))[0], session_id: session, source: 'phone',
            status: this.pick(['confirmed', 'completed', 'completed', 'no_show', 'cancelled']),
          });
        }
      }
      for (let k = this.int(2 * perDay); k > 0; k--) this.visit(date);
    }
  }

  /** What desks offline for days bring back, and corrections of past days. */
  lateChanges(): void {
    const pastDay = () => addDays(TODAY, -(2 + this.int(20)));
    for (let k = 0; k < 25; k++) this.visit(pastDay(), pastDay());
    const visits = this.list('visits');
    for (let k = 0; k < 10; k++) this.update('visits', this.pick(visits)[0], { status: 'cancelled', consult_started_at: null });
    for (let k = 0; k < 10; k++) this.refund(this.pick(this.list('payments'))[0], pastDay());
    // A patient merge: every visit (and its bills) of `dup` now names `keep`; `dup` is marked merged.
    const [keep, dup] = [this.pick(this.list('patients'))[0], this.pick(this.list('patients'))[0]];
    if (keep !== dup) {
      for (const [id, v] of visits) if (v.patient_id === dup) this.update('visits', id, { patient_id: keep });
      this.update('patients', dup, { merged_into: keep });
    }
    for (let k = 0; k < 5; k++) {
      const doctor = this.pick(this.list('staff'));
      this.update('visits', this.pick(visits)[0], { doctor_id: doctor[0], department_id: doctor[1].department_id! });
    }
    for (let k = 0; k < 4; k++) this.update('visits', this.pick(visits)[0], { visit_date: pastDay() });
    for (let k = 0; k < 3; k++) {
      this.update('patients', this.pick(this.list('patients'))[0], { sex: this.pick(['M', 'F']), birth_date: `19${60 + this.int(40)}-05-05` });
    }
    for (const [id] of this.list('diagnoses').filter(() => this.chance(0.05))) this.update('diagnoses', id, { removed: 1 });
    for (const [id] of this.list('prescription_items').filter(() => this.chance(0.05))) this.update('prescription_items', id, { removed: 1 });
    for (const [id] of this.list('prescriptions').filter(() => this.chance(0.05))) this.update('prescriptions', id, { status: 'cancelled' });
    for (const [id] of this.list('appointments').filter(() => this.chance(0.05))) this.update('appointments', id, { status: 'no_show' });
    this.update('roster_sessions', this.pick(this.list('roster_sessions'))[0], { date: pastDay() });
    this.update('bills', this.pick(this.list('bills'))[0], { visit_id: this.pick(visits)[0] });
    for (const [id] of this.list('payments').filter(() => this.chance(0.02))) this.update('payments', id, { created_at: at(pastDay(), this.int(24 * 60)) });
  }
}
