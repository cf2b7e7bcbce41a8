import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { accounts, changeLog, departments, patients } from '../../db/schema';
import { hlcParse } from '../domain/hlc';
import { DomainError } from '../domain/errors';
import { withMasterWriter } from './master';
import { Station } from './station';
import { createFixture, type Fixture } from './testing';
import { Writer } from './writer';
import { TEST_STATION_KEY } from './keys.testing';

let fx: Fixture;
afterEach(() => fx?.close());

function patientRow(recordNo: string) {
  return { recordNo, name: '张三', sex: 'M' as const, pinyinFull: 'zhangsan', pinyinInitials: 'zs' };
}

describe('Writer', () => {
  it('writes each row and its change-log entry in the same transaction', () => {
    fx = createFixture();
    const before = fx.station.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number };
    const id = withMasterWriter(fx.station, (w) => w.insert(patients, patientRow('A1-1')));
    const entries = fx.station.db.select().from(changeLog).where(eq(changeLog.rowId, id)).all();
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e).toMatchObject({ tableName: 'patients', op: 'insert', device: 'A1', seq: null });
    const cols = JSON.parse(e.columns) as Record<string, unknown>;
    expect(cols).toMatchObject({ id, record_no: 'A1-1', name: '张三', pinyin_initials: 'zs' });
    expect(hlcParse(e.hlc).device).toBe('A1');
    const after = fx.station.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number };
    expect(after.n).toBe(before.n + 1);
  });

  it('logs only the changed columns of an update, with database values', () => {
    fx = createFixture();
    const id = withMasterWriter(fx.station, (w) => w.insert(departments, { code: 'X', name: '测试科', nameEn: 'Test' }));
    fx.advance(1000);
    withMasterWriter(fx.station, (w) => w.update(departments, id, { active: false }));
    const last = fx.station.db.select().from(changeLog).where(eq(changeLog.rowId, id)).all().at(-1)!;
    expect(last.op).toBe('update');
    expect(JSON.parse(last.columns)).toEqual({ active: 0, updated_at: fx.clock.t });
  });

  it('rolls back row and log together when the transaction fails', () => {
    fx = createFixture();
    const count = () => (fx.station.raw.prepare('SELECT (SELECT count(*) FROM change_log) + (SELECT count(*) FROM patients) AS n').get() as { n: number }).n;
    const before = count();
    expect(() => withMasterWriter(fx.station, (w) => {
      w.insert(patients, patientRow('A1-2'));
      w.insert(patients, patientRow('A1-2')); // unique record number → constraint error
    })).toThrow();
    expect(count()).toBe(before);
  });

  it('hands out strictly increasing HLC timestamps even when the wall clock stands still', () => {
    fx = createFixture();
    withMasterWriter(fx.station, (w) => { for (let i = 0; i < 50; i++) w.insert(patients, patientRow(`A1-x${i}`)); });
    const hlcs = (fx.station.raw.prepare('SELECT hlc FROM change_log ORDER BY rowid').all() as { hlc: string }[]).map((r) => r.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });

  it('refuses master data at a station that is not the hub', () => {
    fx = createFixture();
    const w = new Writer({ db: fx.station.db, device: 'A1', clock: fx.station.clock, now: () => fx.clock.t, allowMasterData: false });
    let err: unknown;
    try { w.insert(departments, { code: 'Y', name: '科', nameEn: 'D' }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('READ_ONLY_MASTER_DATA');
    expect(() => w.update(patients, '00000000-0000-7000-8000-000000000000', { name: 'x' })).toThrow(/not found/);
  });

  it('stores exactly what drizzle would: column defaults for left-out values, flags as 0/1, JSON as text', () => {
    fx = createFixture();
    const row = { username: 'w1', passwordHash: 'scrypt$x', roles: ['doctor', 'cashier'] as ('doctor' | 'cashier')[], staffId: null };
    const viaWriter = withMasterWriter(fx.station, (w) => w.insert(accounts, row));
    const viaDrizzle = '00000000-0000-7000-8000-0000000000d1';
    const now = fx.clock.t;
    fx.station.db.insert(accounts).values({ ...row, username: 'w2', id: viaDrizzle, createdAt: now, updatedAt: now }).run();
    const stored = (id: string) => fx.station.raw.prepare('SELECT password_hash, roles, staff_id, active, created_at, updated_at FROM accounts WHERE id = ?').get(id);
    expect(stored(viaWriter)).toEqual(stored(viaDrizzle));
    expect(stored(viaWriter)).toEqual({ password_hash: 'scrypt$x', roles: '["doctor","cashier"]', staff_id: null, active: 1, created_at: now, updated_at: now });
    // The change log holds the same database values as the row.
    const entry = fx.station.db.select().from(changeLog).where(eq(changeLog.rowId, viaWriter)).get()!;
    expect(JSON.parse(entry.columns)).toMatchObject({ roles: '["doctor","cashier"]', staff_id: null, created_at: now });
  });

  it('updates with database values and logs the same; a missing row is NOT_FOUND and logs nothing', () => {
    fx = createFixture();
    const id = withMasterWriter(fx.station, (w) => w.insert(accounts, { username: 'w3', passwordHash: 'h', roles: ['doctor'] }));
    fx.advance(1000);
    withMasterWriter(fx.station, (w) => w.update(accounts, id, { roles: ['admin'], active: false, staffId: null, username: undefined }));
    expect(fx.station.raw.prepare('SELECT username, roles, active, staff_id, updated_at FROM accounts WHERE id = ?').get(id))
      .toEqual({ username: 'w3', roles: '["admin"]', active: 0, staff_id: null, updated_at: fx.clock.t });
    const last = fx.station.db.select().from(changeLog).where(eq(changeLog.rowId, id)).all().at(-1)!;
    expect(JSON.parse(last.columns)).toEqual({ roles: '["admin"]', active: 0, staff_id: null, updated_at: fx.clock.t });
    const entries = () => (fx.station.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const before = entries();
    expect(() => withMasterWriter(fx.station, (w) => w.update(accounts, '00000000-0000-7000-8000-000000000000', { active: true }))).toThrow(/not found/);
    expect(entries()).toBe(before);
  });

  it('refuses a column the table does not have, writing nothing', () => {
    fx = createFixture();
    const count = () => (fx.station.raw.prepare('SELECT (SELECT count(*) FROM change_log) + (SELECT count(*) FROM departments) AS n').get() as { n: number }).n;
    const before = count();
    const bad = { code: 'Z', name: '科', nameEn: 'Z', colour: 'red' } as unknown as { code: string; name: string; nameEn: string };
    expect(() => withMasterWriter(fx.station, (w) => w.insert(departments, bad))).toThrow(/no column colour/);
    expect(count()).toBe(before);
  });

  it('keeps the device code and clock across a reopen', () => {
    fx = createFixture({ device: 'B7' });
    const file = `${fx.dir}/station.sqlite`;
    withMasterWriter(fx.station, (w) => w.insert(patients, patientRow('B7-1')));
    const clock = fx.station.clock.hlc;
    fx.station.close();
    const again = new Station({ key: TEST_STATION_KEY, file, device: 'ZZ', now: () => fx.clock.t - 60_000 });
    expect(again.device).toBe('B7');
    expect(again.clock.hlc).toEqual(clock);
    again.close();
    fx.station = new Station({ key: TEST_STATION_KEY, file, now: () => fx.clock.t });
  });
});
