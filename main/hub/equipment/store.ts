/**
 * Reads and writes of the hub-only equipment tables (EQUIPMENT_DDL in main/hub/pg-schema.ts). Each
 * write is one statement, atomic on its own: an import's creates and updates go in one INSERT …
 * ON CONFLICT, a maintenance entry and the item's dates in one statement with a CTE, so nothing
 * is ever half-written. A second item with an asset number already taken fails on the unique
 * index (DuplicateAssetNo), however two admins race.
 */
import type { EquipmentStatus, MaintenanceKind } from '../../domain/equipment';
import type { Big, Sql } from '../log-rows';

export interface EquipmentFields {
  assetNo: string;
  name: string;
  model: string;
  manufacturer: string;
  serialNo: string;
  departmentId: string | null;
  status: EquipmentStatus;
  purchaseDate: string | null;
  lastMaintenanceDate: string | null;
  nextMaintenanceDue: string | null;
  intervalMonths: number | null;
  notes: string;
}

export interface EquipmentRow extends EquipmentFields {
  id: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export interface MaintenanceRow {
  id: string;
  equipmentId: string;
  date: string;
  kind: MaintenanceKind;
  note: string;
  nextDue: string | null;
  by: string;
  createdAt: number;
}

export interface EquipmentFilter {
  departmentId?: string | null | undefined;
  status?: EquipmentStatus | null | undefined;
  q?: string | null | undefined;
  /** Items (not retired) whose next maintenance is due on or before this date (overdue ones too). */
  dueBy?: string | null | undefined;
}

/** The unique asset number was taken (by another item, or a race). */
export class DuplicateAssetNo extends Error {}

interface Row {
  id: string; asset_no: string; name: string; model: string; manufacturer: string; serial_no: string; department_id: string | null;
  status: EquipmentStatus; purchase_date: string | null; last_maintenance_date: string | null; next_maintenance_due: string | null;
  interval_months: number | null; notes: string; created_at: Big; created_by: string; updated_at: Big; updated_by: string;
}

const fromRow = (r: Row): EquipmentRow => ({
  id: r.id, assetNo: r.asset_no, name: r.name, model: r.model, manufacturer: r.manufacturer, serialNo: r.serial_no, departmentId: r.department_id,
  status: r.status, purchaseDate: r.purchase_date, lastMaintenanceDate: r.last_maintenance_date, nextMaintenanceDue: r.next_maintenance_due,
  intervalMonths: r.interval_months === null ? null : Number(r.interval_months), notes: r.notes,
  createdAt: Number(r.created_at), createdBy: r.created_by, updatedAt: Number(r.updated_at), updatedBy: r.updated_by,
});

/** Columns in the order the writes give them. */
const COLUMNS = [
  'id', 'asset_no', 'name', 'model', 'manufacturer', 'serial_no', 'department_id', 'status', 'purchase_date', 'last_maintenance_date',
  'next_maintenance_due', 'interval_months', 'notes', 'created_at', 'created_by', 'updated_at', 'updated_by',
] as const;
const MUTABLE = COLUMNS.filter((c) => !['id', 'asset_no', 'created_at', 'created_by'].includes(c));

function toRecord(id: string, f: EquipmentFields, at: number, by: string) {
  return {
    id, asset_no: f.assetNo, name: f.name, model: f.model, manufacturer: f.manufacturer, serial_no: f.serialNo, department_id: f.departmentId,
    status: f.status, purchase_date: f.purchaseDate, last_maintenance_date: f.lastMaintenanceDate, next_maintenance_due: f.nextMaintenanceDue,
    interval_months: f.intervalMonths, notes: f.notes, created_at: at, created_by: by, updated_at: at, updated_by: by,
  };
}

const RECORDSET = `jsonb_to_recordset($1::jsonb) AS x(id text, asset_no text, name text, model text, manufacturer text, serial_no text,
  department_id text, status text, purchase_date text, last_maintenance_date text, next_maintenance_due text, interval_months integer,
  notes text, created_at bigint, created_by text, updated_at bigint, updated_by text)`;

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/** Escapes LIKE's wildcards so the admin's text is matched as typed. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class EquipmentStore {
  constructor(private readonly sql: Sql) {}

  async list(f: EquipmentFilter = {}): Promise<EquipmentRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (f.departmentId) where.push(`department_id = ${p(f.departmentId)}`);
    if (f.status) where.push(`status = ${p(f.status)}`);
    if (f.q) {
      const q = p(likeText(f.q));
      where.push(`(name ILIKE ${q} OR model ILIKE ${q} OR asset_no ILIKE ${q} OR serial_no ILIKE ${q})`);
    }
    if (f.dueBy) where.push(`status <> 'retired' AND next_maintenance_due IS NOT NULL AND next_maintenance_due <= ${p(f.dueBy)}`);
    const sql = `SELECT * FROM equipment ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY asset_no`;
    return (await this.sql.query<Row>(sql, params)).rows.map(fromRow);
  }

  /** How many items (not retired) are overdue for maintenance on `today`. */
  async overdueCount(today: string): Promise<number> {
    const r = await this.sql.query<{ n: Big }>("SELECT count(*) AS n FROM equipment WHERE status <> 'retired' AND next_maintenance_due < $1", [today]);
    return Number(r.rows[0]?.n ?? 0);
  }

  async get(id: string): Promise<EquipmentRow | undefined> {
    const r = (await this.sql.query<Row>('SELECT * FROM equipment WHERE id = $1', [id])).rows[0];
    return r && fromRow(r);
  }

  async byAssetNos(assetNos: string[]): Promise<Map<string, EquipmentRow>> {
    const r = await this.sql.query<Row>('SELECT * FROM equipment WHERE asset_no = ANY($1::text[])', [assetNos]);
    return new Map(r.rows.map((x) => [x.asset_no, fromRow(x)]));
  }

  /** A new item; DuplicateAssetNo when its asset number is taken. */
  async create(id: string, f: EquipmentFields, at: number, by: string): Promise<void> {
    await this.upsert([{ id, fields: f }], at, by, false);
  }

  /** Rewrites an item's fields (the asset number included; DuplicateAssetNo when taken). */
  async update(id: string, f: EquipmentFields, at: number, by: string): Promise<boolean> {
    const sets = ['asset_no', ...MUTABLE].map((c, i) => `${c} = $${i + 2}`).join(', ');
    const rec = toRecord(id, f, at, by);
    try {
      const r = await this.sql.query(`UPDATE equipment SET ${sets} WHERE id = $1 RETURNING id`, [id, ...['asset_no', ...MUTABLE].map((c) => rec[c as keyof typeof rec])]);
      return r.rows.length === 1;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateAssetNo(f.assetNo);
      throw e;
    }
  }

  /**
   * Creates the new items and rewrites the known ones (matched by asset number) in one statement:
   * all or none; an update keeps the row's id and creation stamp. `onConflictUpdate` false: creates only (a taken asset number fails).
   */
  async upsert(items: { id: string; fields: EquipmentFields }[], at: number, by: string, onConflictUpdate = true): Promise<void> {
    if (items.length === 0) return;
    const records = items.map((i) => toRecord(i.id, i.fields, at, by));
    const conflict = onConflictUpdate ? `ON CONFLICT (asset_no) DO UPDATE SET ${MUTABLE.map((c) => `${c} = excluded.${c}`).join(', ')}` : '';
    try {
      await this.sql.query(`INSERT INTO equipment (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM ${RECORDSET} ${conflict}`, [JSON.stringify(records)]);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateAssetNo(items.map((i) => i.fields.assetNo).join(', '));
      throw e;
    }
  }

  async setStatus(id: string, status: EquipmentStatus, at: number, by: string): Promise<void> {
    await this.sql.query('UPDATE equipment SET status = $2, updated_at = $3, updated_by = $4 WHERE id = $1', [id, status, at, by]);
  }

  /** Writes the log entry and the item's new dates together (one statement). */
  async addMaintenance(m: MaintenanceRow, dates: { lastMaintenanceDate: string; nextMaintenanceDue: string | null }): Promise<void> {
    await this.sql.query(
      `WITH entry AS (
         INSERT INTO equipment_maintenance (id, equipment_id, date, kind, note, next_due, by_account, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING equipment_id
       )
       UPDATE equipment SET last_maintenance_date = $9, next_maintenance_due = $10, updated_at = $8, updated_by = $7 WHERE id = (SELECT equipment_id FROM entry)`,
      [m.id, m.equipmentId, m.date, m.kind, m.note, m.nextDue, m.by, m.createdAt, dates.lastMaintenanceDate, dates.nextMaintenanceDue],
    );
  }

  /** An item's maintenance log, newest first. */
  async maintenance(equipmentId: string): Promise<MaintenanceRow[]> {
    const r = await this.sql.query<{ id: string; equipment_id: string; date: string; kind: MaintenanceKind; note: string; next_due: string | null; by_account: string; created_at: Big }>(
      'SELECT * FROM equipment_maintenance WHERE equipment_id = $1 ORDER BY date DESC, created_at DESC', [equipmentId]);
    return r.rows.map((x) => ({
      id: x.id, equipmentId: x.equipment_id, date: x.date, kind: x.kind, note: x.note, nextDue: x.next_due, by: x.by_account, createdAt: Number(x.created_at),
    }));
  }
}
