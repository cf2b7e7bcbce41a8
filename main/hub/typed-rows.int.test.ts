/**
 * The hub's typed tables on both engines (PGlite and a real PostgreSQL): the projection upserts
 * the merged values of the rows each append touched, after it (main/hub/projection.ts); a hub data folder made
 * before the typed tables existed (hub_rows only) gets them filled once when it opens; a hub
 * whose typed tables have an older shape is brought to the new one and filled again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeRow, type MergeInput, type RowState } from '../sync/merge';
import type { ChangeT } from '../sync/protocol';
import { HUB_TABLES } from './pg-schema';
import { PgliteStore } from './pglite-store';
import { PostgresHubStore } from './postgres-store';
import { startPostgres, type TestPostgres } from './postgres-testing';
import type { HubStore } from './store';
import { expectedHubShapes, hubShapes, shapeDifferences } from './typed-tables';
import { typedTablesVersion, TYPED_TABLES_META } from './typed-rows';
import { hubTypedRows } from './typed-rows.testing';

let template: Blob | File;
let postgres: TestPostgres | undefined;
beforeAll(async () => {
  [template, postgres] = await Promise.all([PgliteStore.template(), startPostgres()]);
});
afterAll(async () => {
  await postgres?.stop();
});

/** A store, and how to close it and open it again on the same data (what a hub restart does). */
interface Engine {
  open(): Promise<{ store: HubStore; reopen: (current: HubStore) => Promise<HubStore> }>;
}

const ENGINES: [string, Engine][] = [
  ['PGlite', {
    async open() {
      const store = await PgliteStore.open({ loadDataDir: template });
      return {
        store,
        reopen: async (current) => {
          const dump = await (current as PgliteStore).db.dumpDataDir('none');
          await current.close();
          return PgliteStore.open({ loadDataDir: dump });
        },
      };
    },
  }],
  ['PostgreSQL', {
    async open() {
      const url = await postgres!.createDatabase();
      const store = await PostgresHubStore.open(url);
      return { store, reopen: async (current) => { await current.close(); return PostgresHubStore.open(url); } };
    },
  }],
];

let n = 0;
function change(table: string, rowId: string, op: 'insert' | 'update', columns: ChangeT['columns'], at: number): ChangeT {
  n += 1;
  return { id: `ch-${String(n).padStart(6, '0')}`, hlc: `${String(at).padStart(15, '0')}-0000-A1`, device: 'A1', table, rowId, op, columns, seq: null };
}

const patient = (id: string, name: string, at: number): ChangeT['columns'] => ({
  id, record_no: `A1-${id}`, name, sex: 'F', pinyin_full: 'x', pinyin_initials: 'x', insurance_type: 'self_pay', created_at: at, updated_at: at,
});

describe.each(ENGINES)('typed tables on %s', (_name, engine) => {
  it('the projection upserts the merged values of the rows each append touched; rows still waiting for their insert stay out', async () => {
    const { store } = await engine.open();
    try {
      await store.append([
        change('patients', 'p1', 'insert', { ...patient('p1', '张三', 1000), phone: '13800000000' }, 1000),
        change('visits', 'v1', 'insert', {
          id: 'v1', patient_id: 'p1', visit_date: '2026-11-23', doctor_id: 'd1', department_id: 'k1', queue_no: 'A001', queue_order: 1,
          visit_type: 'first', priority: 0, status: 'waiting', fee_fen: 1500, fee_status: 'unpaid', checked_in_at: 1000, call_count: 0,
          created_at: 1000, updated_at: 1000,
        }, 1001),
        change('patients', 'p2', 'update', { name: '后到', updated_at: 3000 }, 3000),
        change('settings', 'clinicName', 'update', { key: 'clinicName', value: '"康宁诊所"', updated_at: 1000 }, 1002),
        change('no_such_table', 'x1', 'insert', { id: 'x1' }, 1003),
      ], 1);
      let patients = await hubTypedRows(store, 'patients');
      expect([...patients.keys()]).toEqual(['p1']);
      expect(patients.get('p1')).toMatchObject({ id: 'p1', name: '张三', phone: '13800000000', created_at: 1000, birth_date: null, address: null });
      expect((await hubTypedRows(store, 'visits')).get('v1')).toMatchObject({ fee_fen: 1500, priority: 0, status: 'waiting', called_at: null });
      expect((await hubTypedRows(store, 'settings')).get('clinicName')).toEqual({ key: 'clinicName', value: '"康宁诊所"', updated_at: 1000 });

      // Later: an update of p1 (its phone cleared), a visit status that goes forward and one
      // (made later) that would go back; p2's insert arrives after its update (the update's
      // name is newer and stays); a station's text in an integer column is NULL here.
      await store.append([
        change('patients', 'p1', 'update', { phone: null, address: '北京', updated_at: 2000 }, 2000),
        change('visits', 'v1', 'update', { status: 'in_consultation', updated_at: 2000 }, 2000),
        change('visits', 'v1', 'update', { status: 'waiting', call_count: 'two', updated_at: 2500 }, 2500),
        change('patients', 'p2', 'insert', patient('p2', '先写', 500), 500),
      ], 2);
      patients = await hubTypedRows(store, 'patients');
      expect(patients.get('p1')).toMatchObject({ name: '张三', phone: null, address: '北京', updated_at: 2000 });
      expect(patients.get('p2')).toMatchObject({ id: 'p2', name: '后到', record_no: 'A1-p2', created_at: 500, updated_at: 3000 });
      expect((await hubTypedRows(store, 'visits')).get('v1')).toMatchObject({ status: 'in_consultation', call_count: null, updated_at: 2500 });
      expect((await store.row('visits', 'v1'))?.values['call_count']).toBe('two');

      // Resending a batch changes nothing; statistics can query the typed tables with SQL.
      await store.append([change('patients', 'p1', 'update', { name: '张三三', updated_at: 4000 }, 4000)], 3);
      const stats = await store.query<{ n: number; named: string }>(`SELECT count(*) AS n, string_agg(name, ',' ORDER BY id) AS named FROM patients`);
      expect(stats.rows[0]).toEqual({ n: 2, named: '张三三,后到' });
    } finally {
      await store.close();
    }
  });

  it('a hub made before the typed tables (hub_rows only) gets them filled once, when it opens', async () => {
    const { store, reopen } = await engine.open();
    // The old way: merged states in hub_rows, no typed tables at all, nothing in hub_meta.
    const states: { table: string; rowId: string; state: RowState }[] = [];
    const input = (table: string, rowId: string, op: 'insert' | 'update', columns: MergeInput['columns'], at: number): MergeInput => {
      const c = change(table, rowId, op, columns, at);
      return { id: c.id, hlc: c.hlc, table, rowId, op, columns };
    };
    for (let i = 0; i < 2500; i++) {
      const id = `p${String(i).padStart(5, '0')}`;
      const changes = [input('patients', id, 'insert', patient(id, `病人${i}`, 1000 + i), 1000 + i)];
      if (i % 7 === 0) changes.push(input('patients', id, 'update', { phone: `139${i}`, updated_at: 9000 }, 9000));
      states.push({ table: 'patients', rowId: id, state: mergeRow(changes) });
    }
    states.push({ table: 'patients', rowId: 'waiting', state: mergeRow([input('patients', 'waiting', 'update', { name: 'w' }, 1)]) });
    states.push({ table: 'payments', rowId: 'pay1', state: mergeRow([input('payments', 'pay1', 'insert', {
      id: 'pay1', bill_id: 'b1', method: 'cash', amount_fen: 3700, tendered_fen: 5000, change_fen: 1300, receipt_no: 'R1', cashier_id: 's1',
      idempotency_key: 'k1', device: 'A1', created_at: 1000,
    }, 1000)]) });
    await store.query('INSERT INTO hub_rows (table_name, row_id, state) SELECT x.table_name, x.row_id, x.state FROM jsonb_to_recordset($1::jsonb) AS x(table_name text, row_id text, state jsonb)',
      [JSON.stringify(states.map((s) => ({ table_name: s.table, row_id: s.rowId, state: s.state })))]);
    for (const table of HUB_TABLES.keys()) await store.query(`DROP TABLE "${table}"`);
    await store.query('DELETE FROM hub_meta WHERE key = $1', [TYPED_TABLES_META]);

    const again = await reopen(store);
    let third: HubStore | undefined;
    try {
      const patients = await hubTypedRows(again, 'patients');
      expect(patients.size).toBe(2500);
      for (const s of states.filter((x) => x.table === 'patients' && x.rowId !== 'waiting')) {
        const row = patients.get(s.rowId)!;
        for (const [col, value] of Object.entries(s.state.values)) expect(row[col]).toEqual(value);
      }
      expect(patients.get('p00007')).toMatchObject({ phone: '1397', updated_at: 9000, created_at: 1007 });
      expect(patients.has('waiting')).toBe(false);
      expect((await hubTypedRows(again, 'payments')).get('pay1')).toMatchObject({ amount_fen: 3700, change_fen: 1300, method: 'cash', reference: null, device: 'A1' });
      expect(await again.getMeta(TYPED_TABLES_META)).toBe(typedTablesVersion());
      expect(shapeDifferences(expectedHubShapes(), await hubShapes(again, [...HUB_TABLES.keys()]), { expected: 'schema', actual: 'hub' })).toEqual([]);

      // It ran once: a typed row removed by hand stays removed across the next open.
      await again.query('DELETE FROM patients WHERE id = $1', ['p00001']);
      third = await reopen(again);
      expect((await hubTypedRows(third, 'patients')).size).toBe(2499);
      // A typed table dropped by hand is made again at the next open, and everything filled again.
      await third.query('DROP TABLE payments');
      third = await reopen(third);
      expect((await hubTypedRows(third, 'payments')).get('pay1')).toMatchObject({ amount_fen: 3700 });
      expect((await hubTypedRows(third, 'patients')).size).toBe(2500);
    } finally {
      await (third ?? again).close();
    }
  });

  it('typed tables of an older shape (a column missing, a column of another type) are reshaped and filled again', async () => {
    const { store, reopen } = await engine.open();
    await store.append([
      change('patients', 'p1', 'insert', { ...patient('p1', '张三', 1000), phone: '13800000000' }, 1000),
      change('bills', 'b1', 'insert', {
        id: 'b1', visit_id: 'v1', patient_id: 'p1', kind: 'clinical', status: 'open', total_fen: 8400, insurance_fen: 5630, self_pay_fen: 2770,
        created_at: 1000, updated_at: 1000,
      }, 1001),
    ], 1);
    await store.query('ALTER TABLE patients DROP COLUMN phone');
    await store.query('ALTER TABLE bills ALTER COLUMN total_fen TYPE text');
    await store.query('ALTER TABLE bills ADD COLUMN retired text');
    await store.query('DROP INDEX visits_queue');
    await store.query('CREATE INDEX visits_queue ON visits (status)');
    await store.setMeta(TYPED_TABLES_META, 'an older shape');
    const again = await reopen(store);
    try {
      expect(shapeDifferences(expectedHubShapes(), await hubShapes(again, [...HUB_TABLES.keys()]), { expected: 'schema', actual: 'hub' })).toEqual([]);
      expect((await hubTypedRows(again, 'patients')).get('p1')).toMatchObject({ phone: '13800000000', name: '张三' });
      expect((await hubTypedRows(again, 'bills')).get('b1')).toMatchObject({ total_fen: 8400, self_pay_fen: 2770 });
    } finally {
      await again.close();
    }
  });
});
