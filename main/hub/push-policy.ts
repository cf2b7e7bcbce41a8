/**
 * What the hub takes from a desk's push, change by change (DESIGN.md "Security"): pure, so every
 * rule has its own unit test; main/hub/server.ts runs it on each push before appending anything.
 *
 * A change is refused when
 * - its table does not replicate, or it names a column that table does not have (both from
 *   db/schema, through REPLICATED_TABLES), or its columns give the row another key than its row id;
 * - its HLC was not made by the pushing device, or runs further ahead of the hub's clock than
 *   MAX_FUTURE_MS (it would win every later edit of its columns for as long as it is ahead);
 * - it rewrites an insert-only ledger (LEDGER_TABLES of main/sync/merge.ts): any update, or an
 *   insert of a row id the hub already has (a forged audit row with a tiny HLC would otherwise
 *   replace the real one everywhere: the earliest insert wins). That holds for ledger rows keyed
 *   by a natural key too (main/station/keyed-id.ts: a payment sent with one idempotency key from
 *   two desks): the first to reach the hub is the row, the other desk's insert is refused and set
 *   aside there, and that desk's row converges on the hub's. Only the day-close stamp of a
 *   payment or refund may be updated (LEDGER_STAMPS): the merge ignores it, so it rewrites nothing;
 * - a row's `device` column (audit_log, payments, refunds, refund_items, day_closes, day_close_entries) names another device, or a
 *   device-prefixed number (main/domain/numbers.ts) carries another device's code;
 * - a visit's queue number is neither a queue number (main/domain/queue-numbers.ts: per doctor
 *   and day, '007') nor one of the pushing desk's own older per-desk numbers ('A1-007'), or a desk
 *   changes the queue number of a visit that exists: only the hub renumbers (a clash of two desks
 *   apart, main/hub/queue-clashes.ts), so a desk cannot take another patient's turn;
 * - it writes master data (MASTER_TABLES), unless the hub was told to take it from stations;
 * - it names a parent row (a foreign key) that neither the hub's log nor this push inserts, or
 *   whose insert this push had refused (main/hub/push-parents.ts): an orphan would stop every
 *   other desk's apply at its foreign-key check.
 *
 * Each change is judged on its own: a later change of the same row is taken or refused on its
 * merits. A refused insert never reaches the hub, so updates of that row that are taken wait
 * there for an insert that does not come (the merge keeps a row without insert out of every
 * table): nothing of the refused row shows anywhere but on the desk that made it.
 */
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { ClockError, hlcParse } from '../domain/hlc';
import { deviceOfNumber } from '../domain/numbers';
import { parseQueueNo } from '../domain/queue-numbers';
import { isLedgerTable, rowKey } from '../sync/merge';
import { findOrphans } from './push-parents';
import type { ChangeT, RefusedChangeT, SyncErrorCode } from '../sync/protocol';
import { MASTER_TABLES, REPLICATED_TABLES } from '../station/tables';

/** How far ahead of the hub's clock a change's HLC may run (desks follow the hub's clock: main/sync/clock.ts). */
export const MAX_FUTURE_MS = 5 * 60_000;

/** Columns of an insert-only ledger row that may still be updated: they change no amount and the merge ignores them. */
export const LEDGER_STAMPS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['payments', new Set(['day_close_id'])],
  ['refunds', new Set(['day_close_id'])],
]);

/** Device-prefixed numbers a desk hands out from its own sequences: table → column. */
export const NUMBER_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ['patients', ['record_no']],
  ['payments', ['receipt_no']],
  ['refunds', ['refund_no']],
  ['prescriptions', ['rx_no']],
  ['day_closes', ['close_no']],
]);

interface TableShape {
  columns: ReadonlySet<string>;
  /** The primary key's column: a row's id. */
  key: string;
}

/** Every replicated table's columns, from db/schema (the one list). */
export const REPLICATED_SHAPES: ReadonlyMap<string, TableShape> = new Map(REPLICATED_TABLES.map((t) => {
  const cols = Object.values(getTableColumns(t) as Record<string, Column>);
  return [getTableName(t), { columns: new Set(cols.map((c) => c.name)), key: cols.find((c) => c.primary)?.name ?? 'id' }];
}));

/** Tables whose rows say which device wrote them (a `device` column). */
export const DEVICE_COLUMN_TABLES: ReadonlySet<string> = new Set(
  [...REPLICATED_SHAPES].filter(([, s]) => s.columns.has('device')).map(([name]) => name),
);

export interface PushContext {
  /** The device that pushes (its hello's). */
  device: string;
  /** The hub's clock now. */
  now: number;
  /** Tests whose fixture station seeds the clinic: master data taken from stations. */
  masterDataFromStations: boolean;
  /**
   * Ledger rows the hub already has, by rowKey(table, rowId), with the ids of their changes
   * (asked of the store for this batch's ledger inserts: `ledgerInsertKeys`).
   */
  ledgerRows: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The parents this batch names that the hub's log inserts, by rowKey (asked of the store for
   * `parentKeys` of main/hub/push-parents.ts): a change naming any other is an orphan.
   */
  parentRows: ReadonlySet<string>;
}

export interface PushVerdict {
  /** The changes to append, in the order they came. */
  taken: ChangeT[];
  /** The changes refused, with why (the answer's `refused`), in the order they came. */
  refused: (RefusedChangeT & { change: ChangeT })[];
}

type Refusal = { code: SyncErrorCode; reason: string } | null;

const no = (code: SyncErrorCode, reason: string): Refusal => ({ code, reason });

/** The keys of this batch's ledger inserts: what the hub must look up before judging it. */
export function ledgerInsertKeys(changes: readonly ChangeT[]): { table: string; rowId: string }[] {
  const seen = new Map<string, { table: string; rowId: string }>();
  for (const c of changes) if (c.op === 'insert' && isLedgerTable(c.table)) seen.set(rowKey(c.table, c.rowId), { table: c.table, rowId: c.rowId });
  return [...seen.values()];
}

function checkShape(c: ChangeT): Refusal {
  const shape = REPLICATED_SHAPES.get(c.table);
  if (!shape) return no('UNKNOWN_TABLE', `${c.table} is not a table that replicates`);
  const unknown = Object.keys(c.columns).find((k) => !shape.columns.has(k));
  if (unknown !== undefined) return no('UNKNOWN_COLUMN', `${c.table} has no column ${unknown}`);
  const key = c.columns[shape.key];
  if (key !== undefined && key !== c.rowId) return no('BAD_ROW_ID', `the change of ${c.table} row ${c.rowId} gives the row the key ${String(key)}`);
  return null;
}

function checkClock(c: ChangeT, ctx: PushContext): Refusal {
  let hlc;
  try {
    hlc = hlcParse(c.hlc);
  } catch (err) {
    if (err instanceof ClockError) return no('FOREIGN_HLC', err.message);
    throw err;
  }
  if (hlc.device !== ctx.device) return no('FOREIGN_HLC', `the change's clock stamp ${c.hlc} was made by device ${hlc.device}, not ${ctx.device}`);
  const ahead = hlc.ms - ctx.now;
  if (ahead > MAX_FUTURE_MS) {
    return no('FUTURE_HLC', `the change's clock stamp is ${Math.round(ahead / 1000)} s ahead of the hub's clock (at most ${MAX_FUTURE_MS / 1000} s)`);
  }
  return null;
}

function checkLedger(c: ChangeT, ctx: PushContext, inBatch: Map<string, string>): Refusal {
  if (!isLedgerTable(c.table)) return null;
  if (c.op === 'update') {
    const stamps = LEDGER_STAMPS.get(c.table);
    const other = Object.keys(c.columns).find((k) => !stamps?.has(k));
    if (other === undefined && stamps) return null;
    return no('LEDGER_REWRITE', `${c.table} is insert-only: row ${c.rowId} cannot be updated${other !== undefined ? ` (${other})` : ''}`);
  }
  const key = rowKey(c.table, c.rowId);
  const known = ctx.ledgerRows.get(key);
  const earlier = inBatch.get(key);
  if ((known && [...known].some((id) => id !== c.id)) || (earlier !== undefined && earlier !== c.id)) {
    return no('LEDGER_REWRITE', `${c.table} is insert-only: row ${c.rowId} already exists`);
  }
  inBatch.set(key, c.id);
  return null;
}

function checkOwnership(c: ChangeT, ctx: PushContext): Refusal {
  if (DEVICE_COLUMN_TABLES.has(c.table) && 'device' in c.columns && c.columns['device'] !== ctx.device) {
    return no('FOREIGN_DEVICE', `the ${c.table} row ${c.rowId} names device ${String(c.columns['device'])}, not ${ctx.device}`);
  }
  for (const col of NUMBER_COLUMNS.get(c.table) ?? []) {
    if (!(col in c.columns)) continue;
    const value = c.columns[col];
    const dev = typeof value === 'string' ? deviceOfNumber(value) : null;
    if (dev !== ctx.device) {
      return no('FOREIGN_NUMBER', `${c.table}.${col} ${String(value)} is not a number of device ${ctx.device}'s own sequence`);
    }
  }
  return null;
}

function checkQueueNo(c: ChangeT, ctx: PushContext): Refusal {
  if (c.table !== 'visits' || !('queue_no' in c.columns)) return null;
  const value = c.columns['queue_no'];
  if (c.op === 'update') return no('QUEUE_NUMBER', `visit ${c.rowId}'s queue number is given at check-in and changed only by the hub`);
  const text = typeof value === 'string' ? value : null;
  if (parseQueueNo(text) !== null || (text !== null && deviceOfNumber(text) === ctx.device)) return null;
  return no('QUEUE_NUMBER', `${String(value)} is not a queue number (per doctor and day, e.g. 007)`);
}

/** The verdict on one change (null: taken); `inBatch` keeps this batch's ledger inserts so far. */
export function checkChange(c: ChangeT, ctx: PushContext, inBatch: Map<string, string> = new Map()): Refusal {
  if (!ctx.masterDataFromStations && MASTER_TABLES.has(c.table)) {
    return no('READ_ONLY_TABLE', `${c.table} is master data, written only at the hub`);
  }
  return checkShape(c) ?? checkClock(c, ctx) ?? checkOwnership(c, ctx) ?? checkQueueNo(c, ctx) ?? checkLedger(c, ctx, inBatch);
}

/**
 * Splits a push into the changes to append and the ones refused: each change on its own, then
 * the ones left whose parents neither the hub nor this push has (main/hub/push-parents.ts).
 */
export function judgePush(changes: readonly ChangeT[], ctx: PushContext): PushVerdict {
  const inBatch = new Map<string, string>();
  const verdicts = changes.map((c) => checkChange(c, ctx, inBatch));
  const orphans = findOrphans(changes, verdicts.map((v) => v === null), verdicts.map((v) => v?.code ?? null), ctx.parentRows);
  for (const o of orphans) verdicts[o.index] = no(o.code, o.reason);
  const verdict: PushVerdict = { taken: [], refused: [] };
  changes.forEach((c, i) => {
    const r = verdicts[i];
    if (r) verdict.refused.push({ id: c.id, code: r.code, reason: r.reason, change: c });
    else verdict.taken.push(c);
  });
  return verdict;
}

/** The rows of the refused changes: what the hub looks up to see whether it holds them already (`takeKnown`). */
export function refusedRowKeys(verdict: PushVerdict): { table: string; rowId: string }[] {
  return verdict.refused.map(({ change }) => ({ table: change.table, rowId: change.rowId }));
}

/**
 * A refused change the hub's log already holds under its id is taken instead: resending is safe
 * (appending it adds nothing and answers its seq), and a desk meeting a hub rebuilt from its own
 * replica (or restored) resends everything it made, master data of a demo or a first clinic
 * included, which would otherwise be refused change after change and never leave the desk.
 * `logged`: the log's change ids by rowKey, for the refused changes' rows.
 */
export function takeKnown(changes: readonly ChangeT[], verdict: PushVerdict, logged: ReadonlyMap<string, ReadonlySet<string>>): PushVerdict {
  const known = new Set(verdict.refused.filter(({ change: c }) => logged.get(rowKey(c.table, c.rowId))?.has(c.id)).map((r) => r.id));
  if (known.size === 0) return verdict;
  const taken = new Set([...verdict.taken.map((c) => c.id), ...known]);
  return { taken: changes.filter((c) => taken.has(c.id)), refused: verdict.refused.filter((r) => !known.has(r.id)) };
}
