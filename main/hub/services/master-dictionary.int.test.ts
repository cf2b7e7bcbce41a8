/**
 * The data dictionary at the hub (issue 16): entries made, renamed, moved and stopped by the
 * admin (audited, logged for the desks), codes unique per kind, ID document types only those with
 * a rule, the national standard lists, and the file import (every bad row reported, nothing
 * written) and export. Desks read the active entries (dictionary.entries); only admins write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../station/dispatch';
import { type Fixture } from '../../station/testing';
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
const entries = () => count(fx, 'SELECT count(*) n FROM dictionary_entries');

describe('data dictionary', () => {
  it('makes, renames, moves and stops entries; audited and logged for the desks; desks list the active ones in order', () => {
    const a = fx.ok(admin, 'master.createDictionaryEntry', { kind: 'occupation', code: 'teacher', name: '教师', nameEn: 'Teacher' });
    const b = fx.ok(admin, 'master.createDictionaryEntry', { kind: 'occupation', code: 'driver', name: '司机' });
    expect(a).toMatchObject({ kind: 'occupation', code: 'teacher', name: '教师', nameEn: 'Teacher', sortOrder: 10, active: true });
    expect(b.sortOrder).toBe(20);
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'dictionary_entries'")).toBe(2);
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE entity = 'dictionary_entry' AND action = 'create'")).toBe(2);
    fx.ok(admin, 'master.updateDictionaryEntry', { id: b.id, sortOrder: 5, name: '驾驶员' });
    const reception = fx.login('reception');
    expect(fx.ok(reception, 'dictionary.entries', { kind: 'occupation' }).items.map((e) => e.name)).toEqual(['驾驶员', '教师']);
    fx.ok(admin, 'master.updateDictionaryEntry', { id: a.id, active: false });
    expect(fx.ok(reception, 'dictionary.entries', { kind: 'occupation' }).items.map((e) => e.code)).toEqual(['driver']);
    expect(fx.ok(admin, 'master.dictionary', { kind: 'occupation' }).items.map((e) => [e.code, e.active])).toEqual([['driver', true], ['teacher', false]]);
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE entity = 'dictionary_entry' AND action = 'update'")).toBe(2);
  });

  it('refuses a code taken in its kind, a bad code, an ID document type without a rule, and a desk role; writing nothing', () => {
    fx.ok(admin, 'master.createDictionaryEntry', { kind: 'ethnicity', code: '01', name: '汉族' });
    const before = entries();
    expect(expectRefused(fx, admin, 'master.createDictionaryEntry', { kind: 'ethnicity', code: '01', name: '汉' }, 'CONFLICT')).toMatchObject({ field: 'code' });
    expect(expectRefused(fx, admin, 'master.createDictionaryEntry', { kind: 'ethnicity', code: '中文', name: '汉' }, 'VALIDATION')).toMatchObject({ field: 'code' });
    expect(expectRefused(fx, admin, 'master.createDictionaryEntry', { kind: 'id_doc_type', code: 'military_id', name: '军官证' }, 'VALIDATION'))
      .toMatchObject({ field: 'code', reason: 'no_rule' });
    expectRefused(fx, fx.login('reception'), 'master.createDictionaryEntry', { kind: 'ethnicity', code: '02', name: '蒙古族' }, 'FORBIDDEN');
    expect(entries()).toBe(before);
    // The same code in another kind is another entry.
    expect(fx.ok(admin, 'master.createDictionaryEntry', { kind: 'occupation', code: '01', name: '其他' }).kind).toBe('occupation');
  });

  it('adds the national standard lists once, keeping what the admin made', () => {
    fx.ok(admin, 'master.createDictionaryEntry', { kind: 'marital_status', code: '20', name: '已婚（自定）' });
    expect(fx.ok(admin, 'master.addStandardDictionary', { kind: 'marital_status' })).toEqual({ added: 4 });
    expect(fx.ok(admin, 'master.addStandardDictionary', { kind: 'marital_status' })).toEqual({ added: 0 });
    expect(fx.ok(admin, 'master.dictionary', { kind: 'marital_status' }).items.find((e) => e.code === '20')?.name).toBe('已婚（自定）');
    expect(fx.ok(admin, 'master.addStandardDictionary', { kind: 'ethnicity' })).toEqual({ added: 58 });
    const eth = fx.ok(admin, 'master.dictionary', { kind: 'ethnicity' }).items;
    expect(eth[0]).toMatchObject({ code: '01', name: '汉族', nameEn: 'Han' });
    expect(eth.find((e) => e.code === '56')).toMatchObject({ name: '基诺族' });
    expect(fx.ok(admin, 'master.addStandardDictionary', { kind: 'id_doc_type' })).toEqual({ added: 4 });
  });

  it('imports by kind and code and exports in the same columns', async () => {
    const file = csv64([['类别', '编码', '名称', '英文名', '排序', '状态'],
      ['婚姻状况', '10', '未婚', 'Never married', '1', ''], ['marital_status', '20', '已婚', 'Married', '2', ''], ['职业', 'nurse', '护士', '', '', '停用']]);
    expect(fx.ok(admin, 'master.importDictionary', { format: 'csv', base64: file })).toMatchObject({ created: 3 });
    expect(fx.ok(admin, 'master.importDictionary', { format: 'csv', base64: file })).toMatchObject({ unchanged: 3 });
    expect(fx.ok(admin, 'master.dictionary', { kind: 'occupation' }).items).toEqual([expect.objectContaining({ code: 'nurse', active: false })]);
    const r = await dispatch(fx.station, admin, 'master.exportDictionary', { format: 'csv', lang: 'en' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const text = Buffer.from(r.value.base64, 'base64').toString('utf8');
    expect(text).toContain('Kind,Code,Name,English name,Order,Status');
    expect(text).toContain('marital_status,10,未婚,Never married,1,active');
    const back = fx.ok(admin, 'master.importDictionary', { format: 'csv', base64: r.value.base64 });
    expect(back).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('import reports every bad row and writes nothing', () => {
    const file = csv64([['类别', '编码', '名称', '英文名', '排序', '状态'],
      ['血型', 'A', 'A型', '', '', ''],
      ['民族', '01', '', '', '', ''],
      ['证件类型', 'military_id', '军官证', '', '', ''],
      ['民族', '02', '蒙古族', '', '-3', '暂停'],
      ['民族', '03', '回族', '', '', ''],
      ['民族', '03', '回族', '', '', '']]);
    const details = expectRefused(fx, admin, 'master.importDictionary', { format: 'csv', base64: file }, 'IMPORT_INVALID');
    expect(details?.['rows']).toEqual([
      expect.objectContaining({ row: 2, field: 'kind', code: 'UNKNOWN_VALUE' }),
      expect.objectContaining({ row: 3, field: 'name', code: 'REQUIRED' }),
      expect.objectContaining({ row: 4, field: 'code', code: 'NO_RULE' }),
      expect.objectContaining({ row: 5, field: 'sortOrder', code: 'OUT_OF_RANGE' }),
      expect.objectContaining({ row: 5, field: 'status', code: 'UNKNOWN_VALUE' }),
      expect.objectContaining({ row: 7, field: 'code', code: 'DUPLICATE_IN_FILE' }),
    ]);
    expect(entries()).toBe(0);
  });
});
