/**
 * The drug records of issue 16 (manufacturer, approval number, contraindications, cautions) at
 * the hub: through master.createDrug / updateDrug (a bad approval number refused at its field,
 * nothing written) and the file import/export (every bad row reported, nothing changed).
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
const HEADER = ['编码', '名称', '规格', '剂型', '单位', '剂量单位', '每单位剂量数', '单价(元)', '医保类别', '生产厂家', '批准文号', '禁忌', '注意事项'];
const AMLODIPINE = ['苯磺酸氨氯地平片', '5mg×14片', 'tablet', '盒', '片', '14', '12.00', '甲类'];
const NEW_DRUG = {
  code: 'XY0500', name: '布洛芬缓释胶囊', spec: '0.3g×20粒', form: 'capsule', unit: '盒', doseUnit: '粒', dosesPerUnit: 20, priceFen: 1580, insuranceClass: 'A',
} as const;

describe('drug records at the hub', () => {
  it('are kept through create and update, the approval number tidied', () => {
    const made = fx.ok(admin, 'master.createDrug', {
      ...NEW_DRUG, manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字 h10900089', contraindications: '对本品过敏者禁用', cautions: '饭后服用',
    });
    expect(made).toMatchObject({ manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字H10900089', contraindications: '对本品过敏者禁用', cautions: '饭后服用' });
    const changed = fx.ok(admin, 'master.updateDrug', { id: made.id, cautions: '饭后服用；不宜长期服用' });
    expect(changed).toMatchObject({ approvalNumber: '国药准字H10900089', cautions: '饭后服用；不宜长期服用' });
  });

  it('refuses a bad approval number at its field, writing nothing', () => {
    const details = expectRefused(fx, admin, 'master.createDrug', { ...NEW_DRUG, approvalNumber: '国药准字H123' }, 'INVALID_APPROVAL_NUMBER');
    expect(details).toMatchObject({ field: 'approvalNumber' });
    expect(fx.ok(admin, 'master.drugs', {}).items.some((d) => d.code === 'XY0500')).toBe(false);
    const d001 = fx.ok(admin, 'master.drugs', {}).items.find((d) => d.code === 'D001')!;
    expectRefused(fx, admin, 'master.updateDrug', { id: d001.id, approvalNumber: 'H2000', manufacturer: '某厂' }, 'INVALID_APPROVAL_NUMBER');
    expect(fx.ok(admin, 'master.drugs', {}).items.find((d) => d.code === 'D001')).toMatchObject({ approvalNumber: '', manufacturer: '' });
  });

  it('import sets them, a blank cell leaves them, export writes them back', async () => {
    const file = csv64([HEADER, ['XY0600', ...AMLODIPINE, '辉瑞制药有限公司', 'H20140975', '对二氢吡啶类过敏者禁用', '低血压者慎用']]);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'csv', base64: file })).toMatchObject({ created: 1 });
    const blank = csv64([HEADER, ['XY0600', ...AMLODIPINE, '', '', '', '']]);
    expect(fx.ok(admin, 'master.importDrugs', { format: 'csv', base64: blank })).toMatchObject({ unchanged: 1 });
    expect(fx.ok(admin, 'master.drugs', {}).items.find((d) => d.code === 'XY0600')).toMatchObject({
      manufacturer: '辉瑞制药有限公司', approvalNumber: 'H20140975', contraindications: '对二氢吡啶类过敏者禁用', cautions: '低血压者慎用',
    });
    const r = await dispatch(fx.station, admin, 'master.exportDrugs', { format: 'csv', lang: 'en' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const text = Buffer.from(r.value.base64, 'base64').toString('utf8');
    expect(text).toContain('Manufacturer,Approval number,Contraindications,Cautions');
    expect(text).toContain('辉瑞制药有限公司,H20140975,对二氢吡啶类过敏者禁用,低血压者慎用');
  });

  it('import reports every bad row and changes nothing', () => {
    const before = fx.ok(admin, 'master.drugs', {}).items;
    const file = csv64([HEADER,
      ['XY0701', ...AMLODIPINE, '某厂', '国药准字X20003263', '', ''],
      ['XY0702', ...AMLODIPINE, '某厂'.repeat(60), '', '', ''],
      ['XY0703', ...AMLODIPINE, '', '', '禁'.repeat(1001), ''],
      ['D001', ...AMLODIPINE, '', '批准', '', '']]);
    const details = expectRefused(fx, admin, 'master.importDrugs', { format: 'csv', base64: file }, 'IMPORT_INVALID');
    expect(details?.['rows']).toEqual([
      expect.objectContaining({ row: 2, field: 'approvalNumber', code: 'INVALID_APPROVAL_NUMBER' }),
      expect.objectContaining({ row: 3, field: 'manufacturer', code: 'TOO_LONG' }),
      expect.objectContaining({ row: 4, field: 'contraindications', code: 'TOO_LONG' }),
      expect.objectContaining({ row: 5, field: 'approvalNumber', code: 'INVALID_APPROVAL_NUMBER' }),
    ]);
    expect(fx.ok(admin, 'master.drugs', {}).items).toEqual(before);
  });
});
