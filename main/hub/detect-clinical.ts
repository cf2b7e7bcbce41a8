/**
 * What detection finds in clinical and stock rows (main/hub/detect.ts runs it after each batch):
 * - record_two_desks: a visit's medical record (one row, keyed by the visit: main/station/keyed-id.ts)
 *   inserted at two desks while apart. The merge joined both desks' edits field by field; the task
 *   keeps each desk's own version so the doctor can check the merged text. Marked handled by a person.
 * - stock_below_zero: the movements of a batch sum below zero (two desks each dispensed the last box
 *   offline). Resolves itself once an adjustment or a receipt brings the batch back to zero or more.
 * Read from the hub's change log and typed tables with SQL that runs on PGlite and PostgreSQL.
 */
import { mergeRow, type ColumnValue } from '../sync/merge';
import type { SequencedChangeT } from '../sync/protocol';
import { num } from './stats/range';
import { setTask } from './detect-task';
import type { DetectionStore } from './store';

export const TWO_DESKS = 'record_two_desks:';
export const BELOW_ZERO = 'stock_below_zero:';

/** The text fields a doctor writes, as the change log names them. */
export const RECORD_TEXT = ['complaint', 'present_illness', 'past_history', 'findings', 'plan'] as const;

type Raw = Record<string, unknown>;

function columnsOf(v: unknown): Record<string, ColumnValue> {
  return (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, ColumnValue>;
}

async function checkRecord(store: DetectionStore, recordId: string, now: number): Promise<void> {
  const changes = (await store.query<Raw>(
    `SELECT id, hlc, device, op, columns, received_at FROM hub_changes WHERE table_name = 'medical_records' AND row_id = $1 ORDER BY seq`, [recordId])).rows;
  const inserters = [...new Set(changes.filter((c) => c['op'] === 'insert').map((c) => String(c['device'])))].sort();
  if (inserters.length < 2) return;
  const key = `${TWO_DESKS}${recordId}`;
  const existing = await store.getTask(key);
  const sides = inserters.map((device) => {
    const own = changes.filter((c) => String(c['device']) === device);
    const state = mergeRow(own.map((c) => ({
      id: String(c['id']), hlc: String(c['hlc']), table: 'medical_records', rowId: recordId, op: c['op'] === 'insert' ? 'insert' as const : 'update' as const,
      columns: columnsOf(c['columns']),
    })));
    const text = Object.fromEntries(RECORD_TEXT.map((k) => [k, String(state.values[k] ?? '')]));
    return { device, lastAt: Math.max(...own.map((c) => num(c['received_at']))), ...text };
  });
  const first = changes.find((c) => c['op'] === 'insert');
  const cols = first ? columnsOf(first['columns']) : {};
  const details = { recordId, visitId: cols['visit_id'] ?? null, patientId: cols['patient_id'] ?? null, devices: inserters, sides };
  // Marked checked by a person: stays resolved unless a desk writes the record again.
  const handled = existing?.details['handled'];
  if (existing && existing.resolvedAt !== null && typeof handled === 'object' && handled !== null) {
    const seen = (handled as { sides?: unknown }).sides;
    if (JSON.stringify(seen) === JSON.stringify(sides)) return;
  }
  await setTask(store, key, 'record_two_desks', details, now);
}

async function checkBatch(store: DetectionStore, batchId: string, now: number): Promise<void> {
  const row = (await store.query<Raw>(
    'SELECT sb.drug_id, (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.batch_id = sb.id) AS on_hand FROM stock_batches sb WHERE sb.id = $1',
    [batchId])).rows[0];
  if (!row) return; // the batch's own row has not reached the hub yet: its movements re-check
  const onHand = num(row['on_hand']);
  await setTask(store, `${BELOW_ZERO}${batchId}`, 'stock_below_zero', onHand < 0 ? { batchId, drugId: String(row['drug_id']), onHand } : null, now);
}

/** Re-checks the records two desks may both have inserted and the batches whose stock moved. */
export async function detectClinical(store: DetectionStore, fresh: readonly SequencedChangeT[], now: number): Promise<void> {
  const records = new Set<string>();
  const batches = new Set<string>();
  for (const c of fresh) {
    if (c.table === 'medical_records' && c.op === 'insert') records.add(c.rowId);
    else if (c.table === 'stock_movements' && c.op === 'insert' && typeof c.columns['batch_id'] === 'string') batches.add(c.columns['batch_id']);
  }
  for (const r of records) await checkRecord(store, r, now);
  for (const b of batches) await checkBatch(store, b, now);
}
