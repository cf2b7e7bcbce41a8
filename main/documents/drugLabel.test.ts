import { describe, expect, it } from 'vitest';
import { renderDrugLabels } from './drugLabel';
import * as F from './fixtures';
import { mm } from './pdf';
import { flatText, pdfInfo, pdfText } from './testPdf';

describe('drug labels (70 × 50 mm)', () => {
  it('one label per dispensed item: patient, drug, how to take it', async () => {
    const pdf = await renderDrugLabels(F.drugLabels(), { lang: 'zh-CN' });
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(3);
    expect(info.sizes.every((s) => s.width === mm(70) && s.height === mm(50))).toBe(true);
    const p1 = flatText(pdf, 1);
    for (const s of ['朝阳社区卫生服务中心', '张秀英', 'MR-A1-000318', '阿莫西林胶囊', '0.25g×24粒', '×1盒', '共3天', '用法用量：', '口服每日三次tid每次0.5g', '发药日期：2026-11-22', '药师：赵敏']) {
      expect(p1).toContain(s);
    }
    const p2 = flatText(pdf, 2);
    expect(p2).toContain('布洛芬缓释胶囊');
    expect(p2).toContain('注意事项：饭后服用');
  });

  it("carries the drug's cautions, contraindications, maker and approval number (issue 16)", async () => {
    const data = F.drugLabels();
    data.items[0] = { ...data.items[0]!, cautions: '服药期间忌酒', contraindications: '青霉素过敏者禁用', manufacturer: '华北制药股份有限公司', approvalNumber: '国药准字H13023964' };
    const zh = flatText(await renderDrugLabels(data, { lang: 'zh-CN' }), 1);
    for (const s of ['注意事项：服药期间忌酒', '禁忌：青霉素过敏者禁用', '华北制药股份有限公司', '批准文号：国药准字H13023964']) expect(zh).toContain(s);
    const p2 = flatText(await renderDrugLabels(data, { lang: 'zh-CN' }), 2);
    expect(p2).toContain('注意事项：饭后服用');
    expect(p2).not.toContain('禁忌');
    expect(p2).not.toContain('批准文号');
    const en = flatText(await renderDrugLabels(data, { lang: 'en' }), 1);
    expect(en).toContain('Donotuse:青霉素过敏者禁用');
    expect(en).toContain('ApprovalNo.:国药准字H13023964');
  });

  it('English, copies, and no "undefined" when optional fields are missing', async () => {
    const en = flatText(await renderDrugLabels(F.drugLabels(), { lang: 'en', copy: true, printedAt: F.AT }));
    expect(en).toContain('Howtotake:');
    expect(en).toContain('0.5gbymouth,threetimesdaily(tid)');
    expect(en).toContain('for3days');
    expect(en).toContain('【COPY】Reprinted11-2214:05');
    const min = pdfText(
      await renderDrugLabels(
        { clinic: { name: '诊所' }, dispensedAt: F.AT, timeZone: F.TZ, patient: { name: '王五' }, items: [{ name: '维生素C片', dose: 1, doseUnit: '片', frequency: 'qd', route: 'po', quantity: 1, unit: '瓶' }] },
        { lang: 'zh-CN' },
      ),
    );
    expect(min).not.toMatch(/undefined|null|NaN/);
    expect(min).toContain('每次1片');
  });
});
