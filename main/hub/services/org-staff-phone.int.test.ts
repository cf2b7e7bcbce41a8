/**
 * A phone on the staff record (issue 16): set, normalised and cleared through org.createStaff /
 * updateStaff, refused at its field when it is not a phone (nothing written), carried by the
 * staff list, the staff file import/export and the roster sessions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterSessions } from '../../../db/schema';
import { dispatch } from '../../station/dispatch';
import { withMasterWriter } from '../../station/master';
import { TOMORROW, type Fixture } from '../../station/testing';
import { count, expectRefused } from '../../station/testing-expect';
import { toCsv, type Cell } from '../../tabular/csv';
import { createHubFixture } from './hub-fixture.testing';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const csv64 = (rows: Cell[][]) => Buffer.from(toCsv(rows), 'utf8').toString('base64');

describe('staff phone', () => {
  it('is normalised on create and update, cleared with null, listed', () => {
    const s = fx.ok(admin, 'org.createStaff', { name: '钱进', sex: 'M', position: 'doctor', phone: '138 1234 5678' });
    expect(s.phone).toBe('13812345678');
    expect(fx.ok(admin, 'org.updateStaff', { id: s.id, phone: '010-62345678' }).phone).toBe('010-62345678');
    expect(fx.ok(admin, 'org.staff', {}).items.find((x) => x.id === s.id)?.phone).toBe('010-62345678');
    expect(fx.ok(admin, 'org.updateStaff', { id: s.id, phone: null }).phone).toBeNull();
    expect(fx.ok(admin, 'org.createStaff', { name: '吴护', sex: 'F', position: 'nurse' }).phone).toBeNull();
  });

  it('refuses what is not a phone at its field, writing nothing', () => {
    const before = count(fx, 'SELECT count(*) n FROM staff');
    expect(expectRefused(fx, admin, 'org.createStaff', { name: '钱进', sex: 'M', position: 'doctor', phone: '12345' }, 'INVALID_PHONE')).toMatchObject({ field: 'phone' });
    expect(count(fx, 'SELECT count(*) n FROM staff')).toBe(before);
    const s = fx.ok(admin, 'org.createStaff', { name: '钱进', sex: 'M', position: 'doctor', phone: '13812345678' });
    expect(expectRefused(fx, admin, 'org.updateStaff', { id: s.id, phone: 'call me', title: '主任医师' }, 'INVALID_PHONE')).toMatchObject({ field: 'phone' });
    expect(fx.ok(admin, 'org.staff', {}).items.find((x) => x.id === s.id)).toMatchObject({ phone: '13812345678', title: '' });
  });

  it('goes through the staff file: exported, imported (a blank cell leaves it), a bad phone reported by row', async () => {
    const s = fx.ok(admin, 'org.createStaff', { name: '钱进', sex: 'M', position: 'doctor', phone: '13812345678' });
    const r = await dispatch(fx.station, admin, 'master.exportStaff', { format: 'csv', lang: 'zh' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const text = Buffer.from(r.value.base64, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toContain(',电话');
    expect(text).toContain('13812345678');
    const header = ['编号', '姓名', '性别', '岗位', '电话'];
    expect(fx.ok(admin, 'master.importStaff', { format: 'csv', base64: csv64([header, [s.id, '钱进', '男', '医生', '']]) })).toMatchObject({ unchanged: 1 });
    expect(fx.ok(admin, 'master.importStaff', { format: 'csv', base64: csv64([header, [s.id, '钱进', '男', '医生', '139 0000 1111'], ['', '孙新', '女', '护士', '']]) }))
      .toMatchObject({ updated: 1, created: 1 });
    expect(fx.ok(admin, 'org.staff', {}).items.find((x) => x.id === s.id)?.phone).toBe('13900001111');
    const details = expectRefused(fx, admin, 'master.importStaff', { format: 'csv', base64: csv64([header, ['', '周一', '男', '医生', '999'], [s.id, '钱进', '男', '医生', 'abc']]) }, 'IMPORT_INVALID');
    expect(details?.['rows']).toEqual([
      expect.objectContaining({ row: 2, field: 'phone', code: 'INVALID_PHONE' }),
      expect.objectContaining({ row: 3, field: 'phone', code: 'INVALID_PHONE' }),
    ]);
    expect(fx.ok(admin, 'org.staff', {}).items.find((x) => x.id === s.id)?.phone).toBe('13900001111');
  });

  it('shows with the doctor on the roster sessions', () => {
    const st = fx.ids.staff;
    fx.ok(admin, 'org.updateStaff', { id: st.doctor, phone: '13812345678' });
    withMasterWriter(fx.station, (w) => w.insert(rosterSessions, { date: TOMORROW, period: 'morning', doctorId: st.doctor, departmentId: fx.ids.departments.internal, roomId: null, capacity: 5, stopped: false }));
    const items = fx.ok(admin, 'catalog.sessions', { from: TOMORROW, to: TOMORROW }).items;
    expect(items.filter((x) => x.doctorId === st.doctor).map((x) => x.doctorPhone)).toContain('13812345678');
  });
});
