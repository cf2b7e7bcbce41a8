import { describe, expect, it } from 'vitest';
import { icd10ByCode } from '../station/icd10';
import { DRUG_SPECS } from './catalog';
import { DIAGNOSES } from './data/diagnoses';
import { EXAMS } from './data/exams';
import { DEPARTMENTS, DOCTORS } from './data/org';
import { ALL_SURNAMES, COMPOUND_SURNAMES, drawName } from './names';
import { Rng } from './random';

describe('demo data', () => {
  it('has about two hundred drugs with unique codes and names', () => {
    expect(DRUG_SPECS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(DRUG_SPECS.map((d) => d.code)).size).toBe(DRUG_SPECS.length);
    expect(new Set(DRUG_SPECS.map((d) => d.name)).size).toBe(DRUG_SPECS.length);
    for (const d of DRUG_SPECS) {
      expect(d.priceFen, d.name).toBeGreaterThan(0);
      expect(d.dose, d.name).toBeGreaterThan(0);
      expect(d.days, d.name).toBeGreaterThan(0);
    }
  });

  it('every drug tag a diagnosis asks for has a drug, every exam it orders exists, every department is real', () => {
    const tags = new Set(DRUG_SPECS.flatMap((d) => d.tags));
    const exams = new Set(EXAMS.map((e) => e.code));
    const depts = new Set(DEPARTMENTS.map((d) => d.code));
    for (const dx of DIAGNOSES) {
      for (const t of dx.drugs) expect(tags.has(t.replace(/\?$/, '')), `${dx.name}: ${t}`).toBe(true);
      for (const [code] of dx.exams) expect(exams.has(code), `${dx.name}: ${code}`).toBe(true);
      for (const d of dx.depts) expect(depts.has(d), `${dx.name}: ${d}`).toBe(true);
      // A code of the clinic's ICD-10 table (resources/icd10), as the consult room stores it.
      expect(icd10ByCode(dx.icd10)?.code, dx.icd10).toBe(dx.icd10);
    }
    for (const doc of DOCTORS) expect(depts.has(doc.dept), doc.name).toBe(true);
    // Every department that has doctors has something to diagnose.
    for (const doc of DOCTORS) expect(DIAGNOSES.some((dx) => dx.depts.includes(doc.dept)), doc.dept).toBe(true);
  });

  it('has about thirty exams with unique codes', () => {
    expect(EXAMS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(EXAMS.map((e) => e.code)).size).toBe(EXAMS.length);
  });

  it('draws common surnames most, and compound surnames now and then', () => {
    const rng = new Rng(3);
    const counts = new Map<string, number>();
    let compound = 0;
    for (let i = 0; i < 20_000; i++) {
      const name = drawName(rng, i % 2 ? 'M' : 'F', 1980);
      const surname = COMPOUND_SURNAMES.find((s) => name.startsWith(s)) ?? name[0]!;
      if (surname.length > 1) compound++;
      counts.set(surname, (counts.get(surname) ?? 0) + 1);
      expect(ALL_SURNAMES).toContain(surname);
    }
    expect(counts.get('王')!).toBeGreaterThan(counts.get('孙')! * 3);
    expect(compound).toBeGreaterThan(5);
    expect(compound).toBeLessThan(400);
  });
});
