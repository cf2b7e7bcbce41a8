/** Audit, change log and the station's own bookkeeping. */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { AUDIT_ACTIONS } from '../../main/domain/enums';
import { id, instant, ref } from './columns';

/** Who read or changed a patient's data, when, from which device. Insert-only, replicated. */
export const auditLog = sqliteTable('audit_log', {
  id: id(),
  at: instant('at').notNull(),
  accountId: ref('account_id').notNull(),
  device: text('device').notNull(),
  action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  patientId: ref('patient_id'),
  procedure: text('procedure').notNull(),
  /** Why, for a refusal (action 'refuse'); null otherwise. */
  detail: text('detail'),
}, (t) => [index('audit_log_patient').on(t.patientId, t.at), index('audit_log_at').on(t.at)]);

/**
 * Every replicated write, in the same transaction as the write itself. `columns` holds the
 * changed columns with their database values. `seq` is the hub's global sequence number,
 * null until the hub has acknowledged the change. `refused_code` and `refused_reason`: the hub
 * refused this change (main/hub/push-policy.ts); it is set aside, never pushed again.
 */
export const changeLog = sqliteTable('change_log', {
  id: id(),
  hlc: text('hlc').notNull(),
  device: text('device').notNull(),
  tableName: text('table_name').notNull(),
  rowId: text('row_id').notNull(),
  op: text('op', { enum: ['insert', 'update'] }).notNull(),
  columns: text('columns').notNull(),
  seq: integer('seq'),
  refusedCode: text('refused_code'),
  refusedReason: text('refused_reason'),
}, (t) => [
  index('change_log_seq').on(t.seq),
  // With the id, applying a batch finds a row's other changes from the index alone (main/sync/apply.ts).
  index('change_log_row').on(t.tableName, t.rowId, t.hlc, t.id),
  // The push reads unsent changes oldest first: without this it sorts the whole backlog per batch.
  // Set-aside changes are not unsent: the push moves past them (main/sync/local.ts).
  index('change_log_unsent').on(t.hlc, t.id).where(sql`${t.seq} IS NULL AND ${t.refusedCode} IS NULL`),
  index('change_log_refused').on(t.hlc, t.id).where(sql`${t.refusedCode} IS NOT NULL`),
]);

/** Local counters for human-readable numbers. Never replicated: they belong to this device. */
export const sequences = sqliteTable('sequences', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** This station's identity and clock, one row per key. Never replicated. */
export const stationMeta = sqliteTable('station_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Failed log-in attempts at this station, for lock-out. Never replicated. */
export const loginFailures = sqliteTable('login_failures', {
  username: text('username').primaryKey(),
  count: integer('count').notNull(),
  lockedUntil: instant('locked_until'),
  lastAt: instant('last_at').notNull(),
});
