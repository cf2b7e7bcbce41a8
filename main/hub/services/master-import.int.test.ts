import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../api/contract';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../api/procedures/master';
import { parseCsv, toCsv, type Cell } from '../../tabular/csv';
import { parseXlsx, toXlsx } from '../../tabular/xlsx';
import { tableChecksums } from '../../station/checksum';
import { dispatch } from '../../station/dispatch';
import { type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { count, expectRefused } from '../../station/testing-expect';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const csv64 = (rows: Cell[][]) => Buffer.from(toCsv(rows), 'utf8').toString('base64');
const xlsx64 = async (rows: Cell[][]) => (await toXlsx('s', rows)).toString('base64');

async function exported(name: 'master.exportDrugs' | 'master.exportStaff', format: 'csv' | 'xlsx', lang: 'zh' | 'en' = 'zh'): Promise<Output<'master.exportDrugs'>> {
  const r = await dispatch(fx.station, admin, name, { format, lang });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

async function exportedRows(name: 'master.exportDrugs' | 'master.exportStaff', format: 'csv' | 'xlsx', lang: 'zh' | 'en' = 'zh'): Promise<string[][]> {
  const file = await exported(name, format, lang);
  const bytes = Buffer.from(file.base64, 'base64');
  return format === 'csv' ? parseCsv(bytes.toString('utf8')) : parseXlsx(bytes);
}

const HEADER = ['编码', '名称', '英文名', '规格', '剂型', '单位', '剂量单位', '每单位剂量数', '单价(元)', '医保类别', '库存预警', '状态'];
/** The safe-prescribing columns after them (optional: files without them import as before). */
const SAFETY_HEADER = ['成分', '药物类别', '最大单次剂量', '默认单次剂量', '默认频次', '默认用法', '默认天数'];
const RECORD_HEADER = ['生产厂家', '批准文号', '禁忌', '注意事项'];
const drugRow = (code: string, over: Partial<Record<string, string>> = {}): string[] => {
  const base: Record<string, string> = {
    编码: code, 名称: '蒙脱石散', 英文名: 'Smectite', 规格: '3g×10袋', 剂型: 'powder', 单位: '盒', 剂量单位: '袋', 每单位剂量数: '10',
    '单价(元)': '15.80', 医保类别: '乙类', 库存预警: '', 状态: '',
  };
  return HEADER.map((h) => over[h] ?? base[h] ?? '');
};

describe('drug catalog: export and import', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: export, then import the same file — 0 changes, database unchanged`, async () => {
      const file = await exported('master.exportDrugs', format);
      expect(file.fileName).toBe(`drugs-2026-11-23.${format}`);
      const rows = await exportedRows('master.exportDrugs', format);
      expect(rows[0]).toEqual([...HEADER, ...SAFETY_HEADER, ...RECORD_HEADER]);
      expect(rows[1]?.slice(0, 12)).toEqual(['D001', '阿莫西林胶囊', '', '0.25g×24粒', 'tablet', '盒', '粒', '24', '18.5', '甲类', '10', '在用']);
      expect(rows[1]?.slice(12).every((c) => c === '')).toBe(true); // no safety fields on the fixture's drugs (XLSX drops the empty cells)
      const before = tableChecksums(fx.station.raw);
      for (const dryRun of [true, false]) {
        expect(fx.ok(admin, 'master.importDrugs', { format, base64: file.base64, dryRun })).toEqual({ dryRun, rows: 3, created: 0, updated: 0, unchanged: 3 });
      }
      expect(tableChecksums(fx.station.raw)).toEqual(before);
    });
  }

  it('English headers and labels read back too', async () => {
    const rows = await exportedRows('master.exportDrugs', 'csv', 'en');
    expect(rows[0]?.slice(0, 3)).toEqual(['Code', 'Name', 'English name']);
    expect(rows[1]?.slice(9, 12)).toEqual(['A', '10', 'active']);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'csv', base64: csv64(rows) })).toMatchObject({ unchanged: 3 });
  });

  it('creates new codes and updates known ones (dry run first writes nothing); Chinese text survives XLSX', async () => {
    const file = await xlsx64([HEADER, drugRow('XY0100'), drugRow('D001', { 名称: '阿莫西林胶囊', 规格: '0.25g×24粒', 剂型: 'tablet', 剂量单位: '粒', 每单位剂量数: '24', '单价(元)': '19.9', 医保类别: '甲类', 英文名: '', 状态: '停用' })]);
    const before = tableChecksums(fx.station.raw);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'xlsx', base64: file, dryRun: true })).toEqual({ dryRun: true, rows: 2, created: 1, updated: 1, unchanged: 0 });
    expect(tableChecksums(fx.station.raw)).toEqual(before);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'xlsx', base64: file })).toEqual({ dryRun: false, rows: 2, created: 1, updated: 1, unchanged: 0 });
    const items = fx.ok(admin, 'master.drugs', {}).items;
    expect(items.find((d) => d.code === 'D001')).toMatchObject({ priceFen: 1990, active: false, name: '阿莫西林胶囊' });
    expect(items.find((d) => d.code === 'XY0100')).toMatchObject({ name: '蒙脱石散', spec: '3g×10袋', priceFen: 1580, insuranceClass: 'B', lowStockThreshold: 10, active: true });
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE entity = 'drug' AND procedure = 'master.importDrugs'")).toBe(2);
  });

  it('every bad row is reported, with its row number in the file, and nothing is written', () => {
    const rows: Cell[][] = [
      HEADER,
      drugRow('XY0001'), // row 2: fine
      drugRow('XY0002', { 名称: '' }), // 3: missing name
      drugRow('XY0003', { '单价(元)': '12.345' }), // 4
      drugRow('XY0004', { '单价(元)': '-5' }), // 5
      drugRow('XY0005', { 单位: '吨' }), // 6
      drugRow('XY0006'), // 7: duplicate of row 9
      ['', '', ''], // 8: blank, skipped
      drugRow('XY0006', { 每单位剂量数: '0' }), // 9: duplicate, and bad doses
      drugRow('XY 7', { 医保类别: '丙类', 状态: '作废' }), // 10
    ];
    const before = count(fx, 'SELECT count(*) n FROM change_log');
    const details = expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: csv64(rows) }, 'IMPORT_INVALID');
    expect(details?.['rows']).toEqual([
      { row: 3, field: 'name', code: 'REQUIRED', message: 'required' },
      { row: 4, field: 'price', code: 'INVALID_MONEY', message: expect.stringContaining('12.345') },
      { row: 5, field: 'price', code: 'NEGATIVE', message: expect.any(String) },
      { row: 6, field: 'unit', code: 'UNKNOWN_UNIT', message: expect.stringContaining('吨') },
      { row: 7, field: 'code', code: 'DUPLICATE_IN_FILE', message: 'code XY0006 is also on row 9' },
      { row: 9, field: 'code', code: 'DUPLICATE_IN_FILE', message: 'code XY0006 is also on row 7' },
      { row: 9, field: 'dosesPerUnit', code: 'OUT_OF_RANGE', message: expect.any(String) },
      { row: 10, field: 'code', code: 'INVALID', message: expect.any(String) },
      { row: 10, field: 'insuranceClass', code: 'UNKNOWN_VALUE', message: expect.stringContaining('丙类') },
      { row: 10, field: 'status', code: 'UNKNOWN_VALUE', message: expect.stringContaining('作废') },
    ]);
    expect(details?.['badRows']).toBe(7);
    expect(count(fx, 'SELECT count(*) n FROM change_log')).toBe(before);
    expect(count(fx, 'SELECT count(*) n FROM drugs')).toBe(3);
  });

  it('row numbers are spreadsheet rows: a cell with a line break does not shift them; a header alone imports nothing', () => {
    const rows: Cell[][] = [HEADER, drugRow('XY0001', { 名称: '两行\n名称' }), drugRow('XY0002', { '单价(元)': '1.5.0' })];
    const details = expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: csv64(rows) }, 'IMPORT_INVALID');
    expect(details?.['rows']).toEqual([{ row: 3, field: 'price', code: 'INVALID_MONEY', message: expect.any(String) }]);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'csv', base64: csv64([HEADER]) })).toEqual({ dryRun: false, rows: 0, created: 0, updated: 0, unchanged: 0 });
  });

  it('a missing, unknown or repeated column is reported on row 1', () => {
    const rows: Cell[][] = [['编码', '名称', '名称', '颜色'], ['XY0001', 'x', 'y', '红']];
    const details = expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: csv64(rows) }, 'IMPORT_INVALID');
    const issues = details?.['rows'] as { row: number; field: string; code: string }[];
    expect(issues.every((i) => i.row === 1)).toBe(true);
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['name', 'DUPLICATE_COLUMN'], ['颜色', 'UNKNOWN_COLUMN'], ['spec', 'MISSING_COLUMN'], ['form', 'MISSING_COLUMN'], ['unit', 'MISSING_COLUMN'],
      ['doseUnit', 'MISSING_COLUMN'], ['dosesPerUnit', 'MISSING_COLUMN'], ['price', 'MISSING_COLUMN'], ['insuranceClass', 'MISSING_COLUMN'],
    ]);
    expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: '' }, 'IMPORT_INVALID');
  });

  it('refuses too many rows, too large a file, malformed CSV, a file that is not an xlsx, bad base64', () => {
    const many: Cell[][] = [HEADER];
    for (let i = 0; i <= IMPORT_MAX_ROWS; i++) many.push(drugRow(`M${i}`));
    expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: csv64(many), dryRun: true }, 'IMPORT_TOO_LARGE', {
      reason: 'too_many_rows', limit: IMPORT_MAX_ROWS, actual: IMPORT_MAX_ROWS + 1,
    });
    const big = Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41).toString('base64');
    expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: big }, 'IMPORT_TOO_LARGE', { reason: 'file_too_large' });
    const broken = Buffer.from(`${HEADER.join(',')}\r\nXY1,"蒙脱石散,x\r\n`).toString('base64');
    expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: broken }, 'FILE_MALFORMED', { line: 2 });
    expectRefused(fx, admin, 'master.importDrugs', { format: 'xlsx', base64: csv64([HEADER]) }, 'FILE_MALFORMED');
    expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: '***' }, 'VALIDATION', { field: 'base64' });
  });

  it('a drug name that looks like a formula is exported as text and imports back unchanged', async () => {
    fx.ok(admin, 'master.createDrug', {
      code: 'XY9', name: '=HYPERLINK("http://evil","点我")', spec: '-1', form: '@x', unit: '盒', doseUnit: '+', dosesPerUnit: 1, priceFen: 0, insuranceClass: 'none',
    });
    const file = await exported('master.exportDrugs', 'csv');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`XY9,"'=HYPERLINK(""http://evil"",""点我"")",,'-1,'@x,盒,'+,1,0,自费,10,在用,,,,,,,,,,,\r\n`);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'csv', base64: file.base64, dryRun: true })).toMatchObject({ unchanged: 4, updated: 0 });
    const x = await exported('master.exportDrugs', 'xlsx');
    expect(fx.ok(admin, 'master.importDrugs', { format: 'xlsx', base64: x.base64, dryRun: true })).toMatchObject({ unchanged: 4, updated: 0 });
  });
});

describe('staff list: export and import', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: export, then import the same file — 0 changes`, async () => {
      const file = await exported('master.exportStaff', format);
      const rows = await exportedRows('master.exportStaff', format);
      expect(rows[0]).toEqual(['编号', '姓名', '性别', '岗位', '职称', '科室编码', '专长', '挂号费(元)', '状态', '电话']);
      expect(rows.find((r) => r[1] === '李明')?.slice(0, 9)).toEqual([fx.ids.staff.doctor, '李明', '女', '医生', '主治医师', 'NK', '', '15', '在职']);
      expect(rows.find((r) => r[1] === '李明')?.[9] ?? '').toBe(''); // no phone on the fixture's staff (XLSX drops the empty cell)
      const before = tableChecksums(fx.station.raw);
      expect(fx.ok(admin, 'master.importStaff', { format, base64: file.base64 })).toEqual({ dryRun: false, rows: 7, created: 0, updated: 0, unchanged: 7 });
      expect(tableChecksums(fx.station.raw)).toEqual(before);
    });
  }

  it('creates people without an id and updates those with one', async () => {
    const rows = await exportedRows('master.exportStaff', 'csv');
    const li = rows.findIndex((r) => r[1] === '李明');
    rows[li]![4] = '主任医师';
    rows[li]![7] = '30';
    rows.push(['', '吴敏', '女', '护士', '护师', 'ek', '儿科护理', '', '']);
    const r = fx.ok(admin, 'master.importStaff', { format: 'csv', base64: csv64(rows) });
    expect(r).toEqual({ dryRun: false, rows: 8, created: 1, updated: 1, unchanged: 6 });
    const list = fx.ok(admin, 'org.staff', {}).items;
    expect(list.find((s) => s.name === '李明')).toMatchObject({ title: '主任医师', registrationFeeFen: 3000 });
    expect(list.find((s) => s.name === '吴敏')).toMatchObject({ position: 'nurse', departmentId: fx.ids.departments.paeds, status: 'active' });
  });

  it('reports every bad row, including what only the database can tell (leaving with an active account)', async () => {
    const rows = await exportedRows('master.exportStaff', 'csv');
    const li = rows.findIndex((r) => r[1] === '李明');
    rows[li]![8] = '离职'; // 李明 has an active account and sessions: IN_USE
    rows.push(['', '赵丽', '女', '医生', '', 'EK', '', '', '']); // already on the list: DUPLICATE
    rows.push(['', '钱七', '男', '厨师', '', 'ZZ', '', '1.234', '']); // unknown position, department, bad fee
    rows.push(['0190a4c8-0000-7000-8000-000000000000', '孙八', '男', '护士', '', '', '', '', '']); // unknown id
    rows.push(['', '周九', '男', '护士', '', '', '', '', ''], ['', '周九', '男', '护士', '', '', '', '', '']); // twice
    const n = rows.length; // the last row's number in the file (header = row 1)
    const details = expectRefused(fx, admin, 'master.importStaff', { format: 'csv', base64: csv64(rows), dryRun: true }, 'IMPORT_INVALID');
    expect((details?.['rows'] as { row: number; field: string; code: string }[]).map((i) => [i.row, i.field, i.code])).toEqual([
      [n - 4, 'name', 'DUPLICATE'],
      [n - 3, 'position', 'UNKNOWN_VALUE'], [n - 3, 'registrationFee', 'INVALID_MONEY'], [n - 3, 'departmentCode', 'UNKNOWN_DEPARTMENT'],
      [n - 2, 'id', 'NOT_FOUND'],
      [n, 'name', 'DUPLICATE_IN_FILE'],
    ]);
    // Only the last check finds 李明 cannot leave: the rows above are fixed, and it alone is reported.
    const fixed = rows.slice(0, n - 5);
    const only = expectRefused(fx, admin, 'master.importStaff', { format: 'csv', base64: csv64(fixed), dryRun: true }, 'IMPORT_INVALID');
    expect(only?.['rows']).toEqual([{ row: li + 1, field: 'status', code: 'IN_USE', message: expect.any(String) }]);
  });
});
