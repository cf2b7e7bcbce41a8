import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { changeLog, departments, patients } from '../../db/schema';
import { hlcParse } from '../domain/hlc';
import { DomainError } from '../domain/errors';
import { withMasterWriter } from './master';
import { Station } from './station';
import { createFixture, type Fixture } from './testing';
import { Writer } from './writer';

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

  it('keeps the device code and clock across a reopen', () => {
    fx = createFixture({ device: 'B7' });
    const file = `${fx.dir}/station.sqlite`;
    withMasterWriter(fx.station, (w) => w.insert(patients, patientRow('B7-1')));
    const clock = fx.station.clock.hlc;
    fx.station.close();
    const again = new Station({ file, device: 'ZZ', now: () => fx.clock.t - 60_000 });
    expect(again.device).toBe('B7');
    expect(again.clock.hlc).toEqual(clock);
    again.close();
    fx.station = new Station({ file, now: () => fx.clock.t });
  });
});
