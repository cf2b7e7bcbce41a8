/**
 * Both sides of a record written at two desks and of a batch dispensed below zero
 * (main/hub/detect-clinical.ts), read from the hub's typed tables as they are now.
 */
import type { z } from 'zod';
import type { ReviewKind, ReviewTaskViewT } from '../../api/procedures/reviews';
import { num } from '../stats/range';
import type { HubStore, ReviewTask } from '../store';
import { handledView, personOf } from './reviews-money-views';

type Db = Pick<HubStore, 'query'>;
type Raw = Record<string, unknown>;
type View<K extends z.infer<typeof ReviewKind>> = Extract<ReviewTaskViewT, { kind: K }>;
type Common = Pick<ReviewTaskViewT, 'key' | 'createdAt' | 'updatedAt' | 'resolvedAt'>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function twoDesksView(db: Db, task: ReviewTask, common: Common): Promise<View<'record_two_desks'>> {
  const recordId = str(task.details['recordId']);
  const r = (await db.query<Raw>(`
    SELECT r.id, r.visit_id, r.patient_id, p.name, p.record_no, st.name AS doctor, r.status,
      r.complaint, r.present_illness, r.past_history, r.findings, r.plan
    FROM medical_records r LEFT JOIN patients p ON p.id = r.patient_id LEFT JOIN staff st ON st.id = r.doctor_id
    WHERE r.id = $1`, [recordId])).rows[0];
  const sides = (Array.isArray(task.details['sides']) ? (task.details['sides'] as Raw[]) : []).map((s) => ({
    device: str(s['device']), lastAt: num(s['lastAt']), complaint: str(s['complaint']), presentIllness: str(s['present_illness']),
    pastHistory: str(s['past_history']), findings: str(s['findings']), plan: str(s['plan']),
  }));
  const record = r ? {
    id: str(r['id']), visitId: str(r['visit_id']), patientId: str(r['patient_id']), patientName: str(r['name']), recordNo: str(r['record_no']),
    doctorName: str(r['doctor']), status: str(r['status']), complaint: str(r['complaint']), presentIllness: str(r['present_illness']),
    pastHistory: str(r['past_history']), findings: str(r['findings']), plan: str(r['plan']),
  } : null;
  return { ...common, kind: 'record_two_desks', record, sides, handled: await handledView(db, task) };
}

export async function belowZeroView(db: Db, task: ReviewTask, common: Common): Promise<View<'stock_below_zero'>> {
  const batchId = str(task.details['batchId']);
  const b = (await db.query<Raw>(`
    SELECT sb.id, sb.drug_id, d.name, d.spec, d.unit, sb.batch_no, sb.expiry_date,
      (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.batch_id = sb.id) AS on_hand
    FROM stock_batches sb LEFT JOIN drugs d ON d.id = sb.drug_id WHERE sb.id = $1`, [batchId])).rows[0];
  const movements = (await db.query<Raw>(`
    SELECT m.id, m.kind, m.quantity, m.reason, m.created_at, rx.rx_no, p.name AS patient, ${personOf('m.by_account')} AS by_name,
      (SELECT c.device FROM hub_changes c WHERE c.table_name = 'stock_movements' AND c.row_id = m.id AND c.op = 'insert' ORDER BY c.seq LIMIT 1) AS device
    FROM stock_movements m
      LEFT JOIN prescription_items pi ON pi.id = m.ref_id LEFT JOIN prescriptions rx ON rx.id = pi.prescription_id LEFT JOIN patients p ON p.id = rx.patient_id
    WHERE m.batch_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT 30`, [batchId])).rows.map((m) => ({
    id: str(m['id']), kind: str(m['kind']), quantity: num(m['quantity']), reason: strOrNull(m['reason']), rxNo: strOrNull(m['rx_no']),
    patientName: strOrNull(m['patient']), byName: str(m['by_name']), device: strOrNull(m['device']), createdAt: num(m['created_at']),
  }));
  const batch = b ? {
    id: str(b['id']), drugId: str(b['drug_id']), drugName: str(b['name']), spec: str(b['spec']), unit: str(b['unit']),
    batchNo: str(b['batch_no']), expiryDate: str(b['expiry_date']), onHand: num(b['on_hand']),
  } : null;
  return { ...common, kind: 'stock_below_zero', batch, movements };
}
