/**
 * The drug catalog's safe-prescribing fields through the file import/export (issue 14):
 * ingredients, classes, maximum dose and the defaults a new line starts with. Bad cells are
 * refused row by row (IMPORT_INVALID, nothing written); a blank cell leaves the drug's own value.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCsv, type Cell } from '../../tabular/csv';
import { dispatch } from '../../station/dispatch';
import { type Fixture } from '../../station/testing';
import { expectRefused } from '../../station/testing-expect';
import { createHubFixture } from './hub-fixture.testing';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const csv64 = (rows: Cell[][]) => Buffer.from(toCsv(rows), 'utf8').toString('base64');
const HEADER = ['编码', '名称', '规格', '剂型', '单位', '剂量单位', '每单位剂量数', '单价(元)', '医保类别', '成分', '药物类别', '最大单次剂量', '默认单次剂量', '默认频次', '默认用法', '默认天数'];
const AMLODIPINE = ['苯磺酸氨氯地平片', '5mg×14片', 'tablet', '盒', '片', '14', '12.00', '甲类'];
const AMOXICILLIN = ['阿莫西林胶囊', '0.25g×24粒', 'tablet', '盒', '粒', '24', '18.50', '甲类']; // as the fixture has it
const row = (code: string, safety: string[]) => [code, ...(code === 'D001' ? AMOXICILLIN : AMLODIPINE), ...safety];

describe('safe-prescribing fields of the drug catalog', () => {
  it('import sets them, export writes them back, the formulary offers them as the line\'s defaults', async () => {
    const file = csv64([HEADER, row('XY0200', ['氨氯地平', 'CCB', '10', '5', 'qd', 'po', '30']), row('D001', ['阿莫西林', 'penicillin', '4', '', '', '', ''])]);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'csv', base64: file })).toMatchObject({ created: 1, updated: 1 });
    const items = fx.ok(admin, 'master.drugs', {}).items;
    expect(items.find((d) => d.code === 'XY0200')).toMatchObject({
      ingredients: ['氨氯地平'], drugClasses: ['ccb'], maxDose: 10, defaultDose: 5, defaultFrequency: 'qd', defaultRoute: 'po', defaultDays: 30,
    });
    expect(items.find((d) => d.code === 'D001')).toMatchObject({ ingredients: ['阿莫西林'], drugClasses: ['penicillin'], maxDose: 4, defaultDose: null });
    // A file without the columns (or with them blank) leaves them.
    expect(fx.ok(admin, 'master.importDrugs', { format: 'csv', base64: csv64([HEADER.slice(0, 9), row('D001', [])]) })).toMatchObject({ unchanged: 1 });
    expect(fx.ok(admin, 'master.drugs', {}).items.find((d) => d.code === 'D001')).toMatchObject({ ingredients: ['阿莫西林'], maxDose: 4 });

    const r = await dispatch(fx.station, admin, 'master.exportDrugs', { format: 'csv', lang: 'en' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const text = Buffer.from(r.value.base64, 'base64').toString('utf8');
    expect(text).toContain('Ingredients,Drug classes,Max single dose,Default dose,Default frequency,Default route,Default days');
    expect(text).toContain('氨氯地平,ccb,10,5,qd,po,30');

  });

  it('refuses unknown classes, frequencies and routes, and doses that are not numbers above 0, writing nothing', () => {
    const file = csv64([HEADER,
      row('XY0301', ['氨氯地平', 'calcium-blocker', '', '', '', '', '']),
      row('XY0302', ['', '', '-1', 'abc', 'thrice', 'mouth', '0'])]);
    const details = expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: file }, 'IMPORT_INVALID');
    expect(details?.['rows']).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 2, field: 'drugClasses', code: 'UNKNOWN_VALUE' }),
      expect.objectContaining({ row: 3, field: 'maxDose', code: 'OUT_OF_RANGE' }),
      expect.objectContaining({ row: 3, field: 'defaultDose', code: 'OUT_OF_RANGE' }),
      expect.objectContaining({ row: 3, field: 'defaultFrequency', code: 'UNKNOWN_VALUE' }),
      expect.objectContaining({ row: 3, field: 'defaultRoute', code: 'UNKNOWN_VALUE' }),
      expect.objectContaining({ row: 3, field: 'defaultDays', code: 'OUT_OF_RANGE' }),
    ]));
  });
});
