/**
 * The hub's typed tables, in drizzle's pg dialect, made from the station's SQLite schema (one
 * source: db/schema). The hub keeps every replicated table twice: `hub_rows` holds each row's
 * merge state (per-column HLCs, main/sync/merge.ts), and a typed table of the same name and
 * columns holds its current values, for statistics and administration to query with SQL and
 * indexes.
 *
 * Type mapping: SQLite integer (also flags, stored 0/1, and UTC milliseconds) → bigint;
 * real → double precision; text (also JSON text) → text. The typed tables have no NOT NULL,
 * foreign keys or unique constraints: they hold what the merge produced, and refusing a merged
 * row would lose it. Every SQLite index is kept, as a plain index.
 */
import { getTableName, type Table } from 'drizzle-orm';
import { getTableConfig as sqliteConfig, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bigint, doublePrecision, getTableConfig as pgConfig, index, pgTable, text, type PgTable } from 'drizzle-orm/pg-core';
import { REPLICATED_TABLES } from '../station/tables';

export type PgType = 'bigint' | 'double precision' | 'text';

/** The pg type a SQLite column becomes on the hub. */
export function pgTypeOf(col: SQLiteColumn): PgType {
  switch (col.getSQLType()) {
    case 'integer': return 'bigint';
    case 'real': return 'double precision';
    case 'text': return 'text';
    default: throw new Error(`no hub type for SQLite column ${col.name} (${col.getSQLType()})`);
  }
}

function pgColumn(col: SQLiteColumn) {
  const type = pgTypeOf(col);
  const c = type === 'bigint' ? bigint(col.name, { mode: 'number' }) : type === 'double precision' ? doublePrecision(col.name) : text(col.name);
  return col.primary ? c.primaryKey() : c;
}

function hubTableFrom(table: Table): PgTable {
  const cfg = sqliteConfig(table as Parameters<typeof sqliteConfig>[0]);
  const columns = Object.fromEntries(cfg.columns.map((c) => [c.name, pgColumn(c)]));
  return pgTable(cfg.name, columns, (t) =>
    cfg.indexes.map((ix) => {
      const cols = ix.config.columns.map((c) => t[(c as SQLiteColumn).name]!);
      return index(ix.config.name).on(cols[0]!, ...cols.slice(1));
    }),
  );
}

/** Every replicated table as a pg table of the hub, keyed by table name. */
export const HUB_TABLES: ReadonlyMap<string, PgTable> = new Map(REPLICATED_TABLES.map((t) => [getTableName(t), hubTableFrom(t)]));

/** The primary key column of a hub table ('id', or 'key' for settings). */
export function primaryKeyOf(table: string): string {
  const t = HUB_TABLES.get(table);
  if (!t) throw new Error(`not a replicated table: ${table}`);
  const pk = pgConfig(t).columns.find((c) => c.primary);
  if (!pk) throw new Error(`table ${table} has no primary key`);
  return pk.name;
}

/** Column names and pg types of a hub table, in schema order. */
export function columnsOf(table: string): { name: string; type: PgType }[] {
  const t = HUB_TABLES.get(table);
  if (!t) throw new Error(`not a replicated table: ${table}`);
  return pgConfig(t).columns.map((c) => ({ name: c.name, type: c.getSQLType() as PgType }));
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** CREATE TABLE / CREATE INDEX statements (idempotent) for every hub table. */
export function hubTablesDdl(): string {
  const out: string[] = [];
  for (const [name, t] of HUB_TABLES) {
    const cfg = pgConfig(t);
    const cols = cfg.columns.map((c) => `  ${q(c.name)} ${c.getSQLType()}${c.primary ? ' PRIMARY KEY' : ''}`);
    out.push(`CREATE TABLE IF NOT EXISTS ${q(name)} (\n${cols.join(',\n')}\n);`);
    for (const ix of cfg.indexes) {
      const on = ix.config.columns.map((c) => q((c as { name: string }).name)).join(', ');
      out.push(`CREATE INDEX IF NOT EXISTS ${q(ix.config.name!)} ON ${q(name)} (${on});`);
    }
  }
  return out.join('\n');
}

/**
 * Hub-only tables (not replicated): the statistics' daily roll-ups (main/hub/stats/rollups.ts).
 * Each holds, per day, the figures of one family of statistics grouped by what they are asked
 * by; a day's rows are recomputed whole from the typed tables when anything of that day
 * changed. Days are the clinic-local dates of the facts: a visit's `visit_date` (visits,
 * diagnoses, prescriptions, patients seen), a session's `date` (appointments), and for money
 * and stock the local date of `created_at` in the clinic's time zone when it happened (a
 * payment made offline on Monday counts on Monday, whenever it reaches the hub). Key columns
 * may be NULL (a visit without a department), so the tables have no primary key: rows are only
 * ever replaced day by day.
 */
export const ROLLUP_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS stats_rollup_state (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS stats_rollup_dirty (family text NOT NULL, day text NOT NULL, PRIMARY KEY (family, day));
CREATE TABLE IF NOT EXISTS stats_visits_daily (
  day text NOT NULL, department_id text, doctor_id text, visit_type text, cancelled boolean NOT NULL,
  visits integer NOT NULL, consultations integer NOT NULL, wait_total_ms double precision, wait_max_ms double precision);
CREATE INDEX IF NOT EXISTS stats_visits_daily_day ON stats_visits_daily (day);
CREATE TABLE IF NOT EXISTS stats_diagnoses_daily (day text NOT NULL, icd10 text, visits integer NOT NULL, primary_visits integer NOT NULL);
CREATE INDEX IF NOT EXISTS stats_diagnoses_daily_day ON stats_diagnoses_daily (day);
CREATE TABLE IF NOT EXISTS stats_diagnosis_texts_daily (day text NOT NULL, icd10 text, text text NOT NULL, n integer NOT NULL);
CREATE INDEX IF NOT EXISTS stats_diagnosis_texts_daily_day ON stats_diagnosis_texts_daily (day);
CREATE TABLE IF NOT EXISTS stats_prescribed_daily (
  day text NOT NULL, drug_id text, items integer NOT NULL, quantity double precision, amount double precision);
CREATE INDEX IF NOT EXISTS stats_prescribed_daily_day ON stats_prescribed_daily (day);
CREATE TABLE IF NOT EXISTS stats_patients_daily (day text NOT NULL, prev_day text, sex text NOT NULL, band text NOT NULL, patients integer NOT NULL);
CREATE INDEX IF NOT EXISTS stats_patients_daily_day ON stats_patients_daily (day);
CREATE TABLE IF NOT EXISTS stats_appointments_daily (day text NOT NULL, appointments integer NOT NULL, completed integer NOT NULL, no_shows integer NOT NULL);
CREATE INDEX IF NOT EXISTS stats_appointments_daily_day ON stats_appointments_daily (day);
CREATE TABLE IF NOT EXISTS stats_money_daily (
  day text NOT NULL, method text, department_id text, doctor_id text,
  paid double precision, refunded double precision, payments integer NOT NULL, refunds integer NOT NULL);
CREATE INDEX IF NOT EXISTS stats_money_daily_day ON stats_money_daily (day);
CREATE TABLE IF NOT EXISTS stats_stock_daily (day text NOT NULL, drug_id text, dispensed double precision);
CREATE INDEX IF NOT EXISTS stats_stock_daily_day ON stats_stock_daily (day);
`;

/** The roll-up tables, for a rebuild that empties them. */
export const ROLLUP_TABLES = [
  'stats_visits_daily', 'stats_diagnoses_daily', 'stats_diagnosis_texts_daily', 'stats_prescribed_daily', 'stats_patients_daily',
  'stats_appointments_daily', 'stats_money_daily', 'stats_stock_daily',
] as const;

/**
 * Hub-only tables of online payment (main/hub/payments; never replicated to desks).
 * `payment_gateways`: the admin-set gateway (app id, gateway URL, the app's private key and
 * Alipay's public key), one row per gateway; the keys stay in the hub's database (its data folder)
 * and are never sent to a desk or a patient, nor logged. `online_orders`: one per QR order,
 * `out_trade_no` unique; its state goes created → paid | closed, and paid → refunded
 * (`refunded_fen` says how much; partial while below the amount). `payment_id` is the ledger row
 * written when the order was confirmed (null while unpaid, or when the bill could not take it:
 * then `problem` says why).
 */
/**
 * Patients' ratings of their doctors (hub-only, never replicated): one per visit (the primary key
 * makes a second one of the same visit impossible, however the calls race), 1–5 stars and a short comment.
 */
export const PORTAL_RATINGS_DDL = `
CREATE TABLE IF NOT EXISTS portal_ratings (
  visit_id text PRIMARY KEY,
  doctor_id text NOT NULL,
  patient_id text NOT NULL,
  account_id text NOT NULL,
  stars integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS portal_ratings_doctor ON portal_ratings (doctor_id);
`;

export const ONLINE_PAYMENT_DDL = `
CREATE TABLE IF NOT EXISTS payment_gateways (
  gateway text PRIMARY KEY,
  app_id text NOT NULL,
  gateway_url text NOT NULL,
  notify_url text NOT NULL,
  private_key text NOT NULL,
  public_key text NOT NULL,
  updated_at bigint NOT NULL,
  updated_by text NOT NULL
);
ALTER TABLE payment_gateways ADD COLUMN IF NOT EXISTS enabled boolean NOT NULL DEFAULT true;
CREATE TABLE IF NOT EXISTS online_orders (
  out_trade_no text PRIMARY KEY,
  gateway text NOT NULL,
  bill_id text NOT NULL,
  account_id text,
  amount_fen bigint NOT NULL,
  state text NOT NULL,
  qr_code text,
  trade_no text,
  payment_id text,
  refunded_fen bigint NOT NULL DEFAULT 0,
  problem text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS online_orders_bill ON online_orders (bill_id);
CREATE INDEX IF NOT EXISTS online_orders_payment ON online_orders (payment_id);
`;

/**
 * Medical equipment (issue 16; hub-only, never replicated: no desk reads it). `equipment`: one
 * row per item, `asset_no` (tidied, main/domain/equipment.ts) unique in the clinic; dates are
 * clinic-calendar dates as text. `equipment_maintenance`: the item's maintenance log, insert-only.
 */
export const EQUIPMENT_DDL = `
CREATE TABLE IF NOT EXISTS equipment (
  id text PRIMARY KEY,
  asset_no text NOT NULL UNIQUE,
  name text NOT NULL,
  model text NOT NULL DEFAULT '',
  manufacturer text NOT NULL DEFAULT '',
  serial_no text NOT NULL DEFAULT '',
  department_id text,
  status text NOT NULL CHECK (status IN ('in_use', 'repair', 'retired')),
  purchase_date text,
  last_maintenance_date text,
  next_maintenance_due text,
  interval_months integer,
  notes text NOT NULL DEFAULT '',
  created_at bigint NOT NULL,
  created_by text NOT NULL,
  updated_at bigint NOT NULL,
  updated_by text NOT NULL
);
CREATE INDEX IF NOT EXISTS equipment_next_due ON equipment (next_maintenance_due);
CREATE TABLE IF NOT EXISTS equipment_maintenance (
  id text PRIMARY KEY,
  equipment_id text NOT NULL REFERENCES equipment (id),
  date text NOT NULL,
  kind text NOT NULL,
  note text NOT NULL DEFAULT '',
  next_due text,
  by_account text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS equipment_maintenance_item ON equipment_maintenance (equipment_id, date);
`;
