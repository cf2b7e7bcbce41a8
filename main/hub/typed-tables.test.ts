/** The typed projection's pure parts: fitting values to column types, which rows show, and comparing table shapes. */
import { describe, expect, it } from 'vitest';
import { EMPTY_ROW, mergeRow, type MergeInput } from '../sync/merge';
import { columnsOf } from './pg-schema';
import { expectedHubShapes, indexDefColumns, pgFamily, reshapeStatements, shapeDifferences, sqliteFamily, type Shapes, type TableShape } from './typed-tables';
import { columnDefaultsOf, typedRow, typedTablesVersion, typedValue } from './typed-rows';

const change = (over: Partial<MergeInput>): MergeInput => ({ id: 'c1', hlc: '000000000001000-0000-A1', table: 'patients', rowId: 'p1', op: 'insert', columns: {}, ...over });

function shapes(tables: Record<string, { columns: Record<string, TableShape['columns'] extends Map<string, infer F> ? F : never>; pk?: string[]; indexes?: Record<string, string[]> }>): Shapes {
  return new Map(Object.entries(tables).map(([name, t]) => [name, {
    columns: new Map(Object.entries(t.columns)), primaryKey: t.pk ?? ['id'], indexes: new Map(Object.entries(t.indexes ?? {})),
  }]));
}

describe('typedValue', () => {
  it('keeps values that fit their column and turns the rest to NULL', () => {
    expect(typedValue('bigint', 42)).toBe(42);
    expect(typedValue('bigint', -7)).toBe(-7);
    expect(typedValue('bigint', '123')).toBe(123);
    expect(typedValue('bigint', 1.5)).toBeNull();
    expect(typedValue('bigint', 'abc')).toBeNull();
    expect(typedValue('bigint', 2 ** 60)).toBeNull();
    expect(typedValue('bigint', '99999999999999999999')).toBeNull();
    expect(typedValue('double precision', 1.25)).toBe(1.25);
    expect(typedValue('double precision', '2.5e3')).toBe(2500);
    expect(typedValue('double precision', 'x')).toBeNull();
    expect(typedValue('text', '北京')).toBe('北京');
    expect(typedValue('text', 12)).toBe('12');
    expect(typedValue('text', null)).toBeNull();
  });
});

describe('typedRow', () => {
  it('answers the merged values fitted to the columns, the id from the row id, unknown columns left out', () => {
    const state = mergeRow([
      change({ columns: { id: 'p1', name: '张三', sex: 'M', created_at: 5, nickname: 'x', record_no: 7 } }),
      change({ id: 'c2', hlc: '000000000002000-0000-B1', op: 'update', columns: { name: '张三丰', created_at: 'soon' } }),
    ]);
    expect(typedRow('patients', 'p1', state)).toEqual({ id: 'p1', name: '张三丰', sex: 'M', record_no: '7', insurance_type: 'self_pay' });
  });

  it('leaves out a row whose insert has not arrived (as a station does), but not a keyed settings row', () => {
    const update = mergeRow([change({ op: 'update', columns: { name: 'n' } })]);
    expect(typedRow('patients', 'p1', update)).toBeUndefined();
    const setting = mergeRow([change({ table: 'settings', rowId: 'clinicName', op: 'update', columns: { key: 'clinicName', value: '"康宁"', updated_at: 9 } })]);
    expect(typedRow('settings', 'clinicName', setting)).toEqual({ key: 'clinicName', value: '"康宁"', updated_at: 9 });
  });

  it('gives a column no change set its SQLite default (as the station row has it), but keeps a NULL a change set', () => {
    const state = mergeRow([change({ table: 'visits', rowId: 'v1', columns: { id: 'v1', status: 'waiting', priority_reason: null, call_count: null } })]);
    // call_count was set to NULL by a change: NULL (left out), not its default 0.
    expect(typedRow('visits', 'v1', state)).toEqual({ id: 'v1', status: 'waiting', priority: 0 });
    const account = mergeRow([change({ table: 'accounts', rowId: 'a1', columns: { id: 'a1', username: 'x' } })]);
    expect(typedRow('accounts', 'a1', account)).toMatchObject({ active: 1 });
    expect(columnDefaultsOf('patients').get('insurance_type')).toBe('self_pay');
    expect(columnDefaultsOf('staff').get('title')).toBe('');
  });

  it('ignores tables the hub does not type', () => {
    expect(typedRow('change_log', 'x', { ...EMPTY_ROW, inserted: 'v' })).toBeUndefined();
    expect(typedRow('no_such_table', 'x', { ...EMPTY_ROW, inserted: 'v' })).toBeUndefined();
  });
});

describe('type families', () => {
  it('follows SQLite affinity and names PostgreSQL types', () => {
    expect(['integer', 'INT', 'bigint', 'text', 'VARCHAR(10)', 'real', 'double', 'blob', ''].map(sqliteFamily))
      .toEqual(['integer', 'integer', 'integer', 'text', 'text', 'real', 'real', 'other:blob', 'other:']);
    expect(['bigint', 'double precision', 'text', 'jsonb'].map(pgFamily)).toEqual(['integer', 'real', 'text', 'other:jsonb']);
  });

  it('reads index columns from pg_indexes definitions', () => {
    expect(indexDefColumns('CREATE INDEX visits_queue ON public.visits USING btree (doctor_id, visit_date, status)')).toEqual(['doctor_id', 'visit_date', 'status']);
    expect(indexDefColumns('CREATE INDEX x ON public.t USING btree ("Odd ""name""", b)')).toEqual(['Odd "name"', 'b']);
  });
});

describe('shapeDifferences', () => {
  const station = shapes({
    patients: { columns: { id: 'text', name: 'text', created_at: 'integer' }, indexes: { patients_name: ['name'] } },
    beds: { columns: { id: 'text', label: 'text' } },
  });

  it('finds nothing between equal shapes', () => {
    expect(shapeDifferences(station, shapes({
      patients: { columns: { id: 'text', name: 'text', created_at: 'integer' }, indexes: { patients_name: ['name'] } },
      beds: { columns: { id: 'text', label: 'text' } },
    }))).toEqual([]);
  });

  it('names a column added on the station, a changed family, a missing table, and index differences', () => {
    const hub = shapes({
      patients: { columns: { id: 'text', name: 'text', created_at: 'real', extra: 'text' }, indexes: { patients_name: ['name', 'id'], stray: ['id'] } },
      wards: { columns: { id: 'text' } },
    });
    expect(shapeDifferences(station, hub)).toEqual([
      'patients.created_at: integer on the station, real on the hub',
      'patients.extra: column only on the hub',
      'patients: index patients_name on (name) on the station, on (name, id) on the hub',
      'patients: index stray only on the hub',
      'beds: table missing on the hub',
      'wards: table only on the hub',
    ]);
    const doctored = shapes({ patients: { columns: { id: 'text', name: 'text', created_at: 'integer', nickname: 'text' }, pk: ['name'], indexes: { patients_name: ['name'], patients_nick: ['nickname'] } } });
    const hubNow = shapes({ patients: { columns: { id: 'text', name: 'text', created_at: 'integer' }, indexes: { patients_name: ['name'] } } });
    expect(shapeDifferences(doctored, hubNow)).toEqual([
      'patients.nickname: column missing on the hub',
      'patients: primary key (name) on the station, (id) on the hub',
      'patients: index patients_nick missing on the hub',
    ]);
  });
});

describe('the expected hub shape', () => {
  it('is the pg schema: every column of columnsOf with its family, primary keys, and the indexes', () => {
    const expected = expectedHubShapes();
    expect([...expected.get('patients')!.columns.entries()]).toEqual(columnsOf('patients').map((c) => [c.name, pgFamily(c.type)]));
    expect(expected.get('settings')!.primaryKey).toEqual(['key']);
    expect(expected.get('visits')!.indexes.get('visits_queue')).toEqual(['doctor_id', 'visit_date', 'status']);
    expect(typedTablesVersion()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reshapes an older hub: adds missing columns, retypes, drops gone columns and indexes whose columns changed', () => {
    const expected = shapes({ t: { columns: { id: 'text', a: 'integer', b: 'real', c: 'text' }, indexes: { t_a: ['a'], t_c: ['c'] } } });
    const old = shapes({ t: { columns: { id: 'text', a: 'text', c: 'text', gone: 'text' }, indexes: { t_a: ['a', 'c'] } }, other: { columns: { id: 'text' } } });
    expect(reshapeStatements(expected, old)).toEqual([
      'ALTER TABLE "t" ALTER COLUMN "a" TYPE bigint USING NULL',
      'ALTER TABLE "t" ADD COLUMN "b" double precision',
      'ALTER TABLE "t" DROP COLUMN "gone"',
      'DROP INDEX "t_a"',
    ]);
    expect(reshapeStatements(expected, expected)).toEqual([]);
  });
});
