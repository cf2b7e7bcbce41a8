/**
 * THE merge rule of replicated rows, used by the station (apply) and the hub (materialised rows).
 * Pure: a row's state is a fold of its changes, and the fold gives the same state for any order
 * of the same set of changes, and for any number of repeats of one (commutative, idempotent).
 *
 * - Mutable columns: last writer wins per column, by (HLC, change id).
 * - Lifecycle status columns: the state further along the machine's rank wins, never backwards
 *   (ties, e.g. equal states, by (HLC, change id)).
 * - Columns that tell of one state of a status (when and why it was cancelled) show only while
 *   the row is in that state (`rowValues`): a cancel overruled by a payment leaves no cancel time.
 * - Ledger tables: insert-only. An update is ignored; of two inserts of one id, the earliest
 *   (HLC, change id) is the row, whatever order they arrive in — the later one is a no-op.
 */
import {
  admissionStatusLifecycle, appointmentLifecycle, billLifecycle, examOrderLifecycle, feeStatusLifecycle, prescriptionLifecycle,
  recordStatusLifecycle, visitLifecycle, type Lifecycle,
} from '../domain/lifecycle';

export type ColumnValue = string | number | null;

/** What merge needs of a change (a change-log row). */
export interface MergeInput {
  id: string;
  hlc: string;
  table: string;
  rowId: string;
  op: 'insert' | 'update';
  columns: Readonly<Record<string, ColumnValue>>;
}

export interface RowState {
  /** Column name → merged value. */
  values: Record<string, ColumnValue>;
  /** Column name → version (see `versionOf`) of the change whose value won. */
  versions: Record<string, string>;
  /** Version of the winning insert; null while only updates of the row are known. */
  inserted: string | null;
}

/** Insert-only tables (DESIGN.md "Offline-first data and sync"). */
export const LEDGER_TABLES: ReadonlySet<string> = new Set([
  'payments', 'refunds', 'stock_movements', 'record_amendments', 'audit_log', 'change_log', 'day_closes', 'bill_items',
]);

/** "table.column" → the machine whose rank merges that status column. */
export const STATUS_COLUMNS: ReadonlyMap<string, Lifecycle<string>> = new Map<string, Lifecycle<string>>([
  ['appointments.status', appointmentLifecycle],
  ['visits.status', visitLifecycle],
  ['visits.fee_status', feeStatusLifecycle],
  ['prescriptions.status', prescriptionLifecycle],
  ['bills.status', billLifecycle],
  ['exam_orders.status', examOrderLifecycle],
  ['admissions.status', admissionStatusLifecycle],
  ['medical_records.status', recordStatusLifecycle],
]);

/**
 * Columns that only describe one state of a row's status. Two desks offline may cancel and pay
 * the same prescription: the status rule keeps "paid", and the cancel's time must not stay on a
 * paid prescription. The merged state keeps them as any column (the fold stays free of order);
 * `rowValues` leaves them out while the status is another.
 */
export const STATUS_DETAILS: ReadonlyMap<string, readonly { status: string; value: string; columns: readonly string[] }[]> = new Map([
  ['appointments', [{ status: 'status', value: 'cancelled', columns: ['cancelled_at', 'cancel_reason'] }]],
  ['visits', [{ status: 'status', value: 'cancelled', columns: ['cancelled_at', 'cancel_reason'] }]],
  ['prescriptions', [{ status: 'status', value: 'cancelled', columns: ['cancelled_at'] }]],
]);

/** The values a row is written with (station tables, the hub's typed tables): the merged state's, status details of a state the row is not in left null. */
export function rowValues(table: string, state: RowState): Record<string, ColumnValue> {
  let out = state.values;
  for (const d of STATUS_DETAILS.get(table) ?? []) {
    if (state.values[d.status] === d.value) continue;
    for (const c of d.columns) {
      if ((out[c] ?? null) === null) continue;
      if (out === state.values) out = { ...state.values };
      out[c] = null;
    }
  }
  return out;
}

/**
 * A change's version: "<hlc> <change id>". Device codes are [A-Z0-9] (above the space), so
 * plain string order of versions is (HLC, change id) order.
 */
export function versionOf(c: Pick<MergeInput, 'hlc' | 'id'>): string {
  return `${c.hlc} ${c.id}`;
}

export function isLedgerTable(table: string): boolean {
  return LEDGER_TABLES.has(table);
}

function rank(machine: Lifecycle<string>, value: ColumnValue): number {
  return typeof value === 'string' && Object.hasOwn(machine.rankOf, value) ? machine.rankOf[value]! : -1;
}

/** Does (value, version) beat the current one for this column? */
function wins(table: string, column: string, value: ColumnValue, version: string, curValue: ColumnValue, curVersion: string): boolean {
  const machine = STATUS_COLUMNS.get(`${table}.${column}`);
  if (machine) {
    const a = rank(machine, value);
    const b = rank(machine, curValue);
    if (a !== b) return a > b;
  }
  return version > curVersion;
}

export const EMPTY_ROW: RowState = Object.freeze({ values: {}, versions: {}, inserted: null }) as RowState;

/** The row after one more change. Never mutates `state`; returns it unchanged when the change loses everywhere. */
export function mergeChange(state: RowState | undefined, change: MergeInput): RowState {
  const cur = state ?? EMPTY_ROW;
  const version = versionOf(change);
  if (isLedgerTable(change.table)) {
    if (change.op !== 'insert') return cur;
    if (cur.inserted !== null && cur.inserted <= version) return cur;
    const versions: Record<string, string> = {};
    for (const k of Object.keys(change.columns)) versions[k] = version;
    return { values: { ...change.columns }, versions, inserted: version };
  }
  let values: Record<string, ColumnValue> | undefined;
  let versions: Record<string, string> | undefined;
  for (const [col, value] of Object.entries(change.columns)) {
    const curVersion = cur.versions[col];
    if (curVersion !== undefined && !wins(change.table, col, value, version, cur.values[col] ?? null, curVersion)) continue;
    values ??= { ...cur.values };
    versions ??= { ...cur.versions };
    values[col] = value;
    versions[col] = version;
  }
  const inserted = change.op === 'insert' && (cur.inserted === null || version < cur.inserted) ? version : cur.inserted;
  if (!values && inserted === cur.inserted) return cur;
  return { values: values ?? cur.values, versions: versions ?? cur.versions, inserted };
}

/** Folds changes of ONE row (any order) into its state. */
export function mergeRow(changes: Iterable<MergeInput>, start?: RowState): RowState {
  let state = start ?? EMPTY_ROW;
  for (const c of changes) state = mergeChange(state, c);
  return state;
}

/** Folds changes of any rows into states keyed "table\u0001rowId". */
export function mergeAll(changes: Iterable<MergeInput>): Map<string, RowState> {
  const out = new Map<string, RowState>();
  for (const c of changes) {
    const key = rowKey(c.table, c.rowId);
    out.set(key, mergeChange(out.get(key), c));
  }
  return out;
}

export function rowKey(table: string, rowId: string): string {
  return `${table}\u0001${rowId}`;
}

/** Columns whose merged value differs from `current` (a row as stored), for a minimal UPDATE. */
export function changedColumns(state: RowState, current: Readonly<Record<string, unknown>>): Record<string, ColumnValue> {
  const out: Record<string, ColumnValue> = {};
  for (const [col, value] of Object.entries(state.values)) {
    if (!Object.is(current[col] ?? null, value)) out[col] = value;
  }
  return out;
}
