/**
 * For tests: the hub's typed tables against a station's SQLite rows, column by column. Integers
 * come back from the hub as numbers (or BigInt when too large), as the typed tables hold them.
 */
import type { Station } from '../station/station';
import { columnsOf, primaryKeyOf } from './pg-schema';
import type { HubStore } from './store';

type Row = Record<string, unknown>;

const norm = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v === undefined ? null : v);

/** Every typed row of `table` at the hub, by primary key. */
export async function hubTypedRows(store: Pick<HubStore, 'query'>, table: string): Promise<Map<string, Row>> {
  const pk = primaryKeyOf(table);
  const res = await store.query<Row>(`SELECT * FROM "${table}"`);
  return new Map(res.rows.map((r) => [String(r[pk]), r]));
}

/**
 * Differences between the station's rows of `tables` and the hub's typed rows, as readable
 * lines (empty when every row and every column agrees, and neither side has a row the other lacks).
 */
export async function typedRowDifferences(station: Station, store: Pick<HubStore, 'query'>, tables: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const table of tables) {
    const pk = primaryKeyOf(table);
    const hub = await hubTypedRows(store, table);
    const local = station.raw.prepare(`SELECT * FROM "${table}"`).all() as Row[];
    const columns = columnsOf(table).map((c) => c.name);
    for (const row of local) {
      const id = String(row[pk]);
      const h = hub.get(id);
      if (!h) {
        out.push(`${table} ${id}: missing at the hub`);
        continue;
      }
      hub.delete(id);
      for (const col of columns) {
        if (!Object.is(norm(row[col]), norm(h[col]))) out.push(`${table} ${id}.${col}: station ${JSON.stringify(row[col])}, hub ${JSON.stringify(norm(h[col]))}`);
      }
    }
    for (const id of hub.keys()) out.push(`${table} ${id}: only at the hub`);
  }
  return out;
}
