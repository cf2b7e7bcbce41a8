import { describe, expect, it } from 'vitest';
import { DRUG_SPECS } from './catalog';
import { demoClasses, demoIngredients } from './drug-safety';

describe('the demo formulary\'s safety fields', () => {
  it('name the ingredient without form and salt, and the classes by stem', () => {
    expect(demoIngredients('阿莫西林胶囊')).toEqual(['阿莫西林']);
    expect(demoIngredients('阿莫西林克拉维酸钾片')).toEqual(['阿莫西林', '克拉维酸']);
    expect(demoIngredients('苯磺酸氨氯地平片')).toEqual(['氨氯地平']);
    expect(demoClasses('阿莫西林胶囊')).toEqual(['penicillin']);
    expect(demoClasses('头孢克洛胶囊')).toEqual(['cephalosporin']);
    expect(demoClasses('左氧氟沙星片')).toEqual(['quinolone']);
    expect(demoClasses('布洛芬缓释胶囊')).toEqual(['nsaid']);
    expect(demoClasses('蒙脱石散')).toEqual([]);
  });

  it('give every western drug an ingredient', () => {
    const missing = DRUG_SPECS.filter((d) => d.code.startsWith('XY') && demoIngredients(d.name).length === 0).map((d) => d.name);
    expect(missing).toEqual([]);
  });
});

describe("the demo formulary's records (issue 16)", () => {
  it('give every drug a maker and an approval number of the right shape, each number its own', async () => {
    const { DRUG_SPECS, demoRecords } = await import('./catalog');
    const { isApprovalNumber } = await import('../domain/drugRecords');
    const records = DRUG_SPECS.map((s, i) => demoRecords(s, i));
    expect(records.every((r) => r.manufacturer.length > 0 && isApprovalNumber(r.approvalNumber))).toBe(true);
    expect(new Set(records.map((r) => r.approvalNumber)).size).toBe(DRUG_SPECS.length);
    expect(records.find((_, i) => DRUG_SPECS[i]!.code.startsWith('ZC'))?.approvalNumber).toMatch(/^国药准字Z/);
  });
});
