/** Which tables replicate, and which of those are master data written only at the hub. */
import { getTableName, type Table } from 'drizzle-orm';
import * as schema from '../../db/schema';

/** Tables that never replicate: they belong to this device. */
const LOCAL_ONLY = new Set(['sequences', 'station_meta', 'login_failures', 'change_log', 'patient_search_keys', 'patient_seen', 'search_positions']);

/** Master data: written at the hub (or by the demo seeder), replicated read-only to stations. */
export const MASTER_TABLES = new Set([
  'departments', 'rooms', 'staff', 'accounts', 'roster_sessions', 'settings',
  'drugs', 'exam_items', 'wards', 'beds', 'roster_templates', 'holidays', 'record_templates', 'dictionary_entries',
]);

export const REPLICATED_TABLES: Table[] = Object.values(schema).filter(
  (v): v is (typeof schema)[keyof typeof schema] & Table =>
    typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v && !LOCAL_ONLY.has(getTableName(v as Table)),
);

export function isMasterTable(table: Table): boolean {
  return MASTER_TABLES.has(getTableName(table));
}
