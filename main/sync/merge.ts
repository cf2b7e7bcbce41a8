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
 * - Two inserts of one row happen only to rows keyed by a natural key (main/station/keyed-id.ts:
 *   one medical record per visit, written at two desks while apart). An insert's values are the
 *   row's starting values: any update of a column beats any insert's value of it (whatever their
 *   HLCs), and of two inserts the earliest gives the starting values, as it gives `inserted`.
 *   For a row with one insert this is the plain last-writer-wins (its updates all come after it).
 *   A column whose value came from an insert other than the row's earliest keeps that insert's
 *   version marked with INSERT_MARK, so the fold knows it was an insert's.
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
  'refund_items', 'day_close_entries', 'vital_signs',
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

/** Marks the version of a column's value that an insert other than the row's earliest gave. */
export const INSERT_MARK = 'i';

/** One write of a column: its value, its version, and whether an insert made it. */
interface Write { value: ColumnValue; version: string; insert: boolean }

/**
 * Does `next` beat `cur` for this column? A total order, so the fold is free of arrival order:
 * status rank first (status columns), then an update beats an insert, then among updates the
 * later version and among inserts the earlier.
 */
function wins(table: string, column: string, next: Write, cur: Write): boolean {
  const machine = STATUS_COLUMNS.get(`${table}.${column}`);
  if (machine) {
    const a = rank(machine, next.value);
    const b = rank(machine, cur.value);
    if (a !== b) return a > b;
  }
  if (next.insert !== cur.insert) return !next.insert;
  return next.insert ? next.version < cur.version : next.version > cur.version;
}

/** The current write of a column as the state holds it. */
function currentWrite(state: RowState, column: string, stored: string): Write {
  const marked = stored.startsWith(INSERT_MARK);
  return { value: state.values[column] ?? null, version: marked ? stored.slice(INSERT_MARK.length) : stored, insert: marked || stored === state.inserted };
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
  const insert = change.op === 'insert';
  const inserted = insert && (cur.inserted === null || version < cur.inserted) ? version : cur.inserted;
  let values: Record<string, ColumnValue> | undefined;
  let versions: Record<string, string> | undefined;
  for (const [col, value] of Object.entries(change.columns)) {
    const stored = cur.versions[col];
    if (stored !== undefined && !wins(change.table, col, { value, version, insert }, currentWrite(cur, col, stored))) continue;
    values ??= { ...cur.values };
    versions ??= { ...cur.versions };
    values[col] = value;
    versions[col] = insert && version !== inserted ? `${INSERT_MARK}${version}` : version;
  }
  if (inserted !== cur.inserted && cur.inserted !== null) {
    // An earlier insert arrived: columns the former earliest insert still holds keep its mark.
    versions ??= { ...cur.versions };
    for (const [col, v] of Object.entries(versions)) if (v === cur.inserted) versions[col] = `${INSERT_MARK}${v}`;
  }
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
