import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { icd10All, icd10ByCode, icd10Chapters, normalizeIcd10Code, searchIcd10 } from './icd10';

const raw = JSON.parse(readFileSync(fileURLToPath(new URL('../../resources/icd10/icd10.json', import.meta.url)), 'utf8')) as {
  codes: [string, string, string][];
};

describe('the shipped ICD-10 table', () => {
  const all = icd10All();

  it('has the 22 WHO chapters and well over 400 codes, each code once', () => {
    expect(icd10Chapters().map((c) => c.id)).toEqual([
      'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX',
      'XX', 'XXI', 'XXII',
    ]);
    expect(all.length).toBeGreaterThanOrEqual(400);
    expect(new Set(all.map((c) => c.code)).size).toBe(raw.codes.length);
  });

  it('every code is shaped like an ICD-10 code, sorted, with a Chinese and an English name', () => {
    const codes = raw.codes.map((c) => c[0]);
    expect([...codes].sort()).toEqual(codes);
    for (const [code, name, nameEn] of raw.codes) {
      expect(code, code).toMatch(/^[A-Z]\d{2}(\.\d)?$/);
      expect(name, code).toMatch(/\p{Script=Han}/u);
      expect(nameEn, code).toMatch(/^[A-Z0-9][\x20-\x7EÀ-ÿ]+$/);
      expect(name.trim(), code).toBe(name);
      expect(nameEn.trim(), code).toBe(nameEn);
    }
  });

  it('covers the areas of a general clinic', () => {
    const count = (re: RegExp) => all.filter((c) => re.test(c.code)).length;
    expect(count(/^J/)).toBeGreaterThanOrEqual(30); // respiratory
    expect(count(/^I/)).toBeGreaterThanOrEqual(30); // cardiovascular
    expect(count(/^K/)).toBeGreaterThanOrEqual(40); // digestive
    expect(count(/^E/)).toBeGreaterThanOrEqual(20); // endocrine
    expect(count(/^M/)).toBeGreaterThanOrEqual(40); // musculoskeletal
    expect(count(/^L/)).toBeGreaterThanOrEqual(30); // skin
    expect(count(/^[AB]/)).toBeGreaterThanOrEqual(40); // infections
    expect(count(/^H(6|7|8|9)/)).toBeGreaterThanOrEqual(10); // ENT: ear
    expect(count(/^J3/)).toBeGreaterThanOrEqual(10); // ENT: nose and throat
    expect(count(/^H[0-5]/)).toBeGreaterThanOrEqual(20); // eye
    expect(count(/^N[0-3]/)).toBeGreaterThanOrEqual(15); // urinary
    expect(count(/^N[7-9]/)).toBeGreaterThanOrEqual(15); // gynaecology
    expect(count(/^P/)).toBeGreaterThanOrEqual(5); // newborn
    expect(count(/^F/)).toBeGreaterThanOrEqual(20); // mental
    expect(count(/^[ST]/)).toBeGreaterThanOrEqual(40); // injuries
    expect(count(/^R/)).toBeGreaterThanOrEqual(60); // symptoms R00–R99
    expect(count(/^Z/)).toBeGreaterThanOrEqual(40); // Z codes
  });

  it('places codes in their chapter', () => {
    expect(icd10ByCode('J06.9')?.chapter).toBe('X');
    expect(icd10ByCode('H66.9')?.chapter).toBe('VIII');
    expect(icd10ByCode('H10.9')?.chapter).toBe('VII');
    expect(icd10ByCode('D50.9')?.chapter).toBe('III');
    expect(icd10ByCode('D25.9')?.chapter).toBe('II');
    expect(icd10ByCode('T78.4')?.chapter).toBe('XIX');
    expect(icd10ByCode('W54')?.chapter).toBe('XX');
    expect(icd10ByCode('U07.1')?.chapter).toBe('XXII');
  });

  it('knows the codes of the everyday diagnoses', () => {
    expect(icd10ByCode('I10')).toMatchObject({ name: '特发性（原发性）高血压', nameEn: 'Essential (primary) hypertension' });
    expect(icd10ByCode('E11.9')?.nameEn).toBe('Type 2 diabetes mellitus without complications');
    expect(icd10ByCode('J00')?.name).toContain('普通感冒');
    expect(icd10ByCode('R50.9')?.name).toBe('发热');
  });
});

describe('normalizeIcd10Code and icd10ByCode', () => {
  it('accepts the spellings people type', () => {
    expect(normalizeIcd10Code('j069')).toBe('J06.9');
    expect(normalizeIcd10Code(' J06.9 ')).toBe('J06.9');
    expect(normalizeIcd10Code('Ｊ０６．９')).toBe('J06.9');
    expect(normalizeIcd10Code('i10')).toBe('I10');
    expect(normalizeIcd10Code('J0')).toBeNull();
    expect(normalizeIcd10Code('感冒')).toBeNull();
    expect(icd10ByCode('j069')?.code).toBe('J06.9');
  });
  it('does not know codes outside the table', () => {
    expect(icd10ByCode('J06.7')).toBeUndefined();
    expect(icd10ByCode('XYZ')).toBeUndefined();
  });
});

describe('searchIcd10', () => {
  const codes = (q: string, limit?: number) => searchIcd10(q, limit).map((c) => c.code);

  it('by code prefix, exact code first', () => {
    expect(codes('J06')).toEqual(['J06.0', 'J06.9']);
    expect(codes('j069')[0]).toBe('J06.9');
    expect(codes('E11').every((c) => c.startsWith('E11'))).toBe(true);
    expect(codes('E11')).toHaveLength(7);
  });

  it('by Chinese text, names starting with it first', () => {
    expect(codes('上呼吸道')).toContain('J06.9');
    const r = codes('高血压');
    expect(r.length).toBeGreaterThanOrEqual(3);
    expect(r).toContain('I10');
    const gastritis = searchIcd10('胃炎');
    expect(gastritis[0]!.name.startsWith('胃炎')).toBe(true);
  });

  it('by pinyin initials of the Chinese name', () => {
    expect(codes('jxshxdgr')).toEqual(['J06.9']); // 急性上呼吸道感染
    // 高血压性心脏病/肾脏病 start with g-x-y; 特发性（原发性）高血压 only contains it: after them.
    const r = codes('gxy');
    expect([...r.slice(0, 2)].sort()).toEqual(['I11.9', 'I12.9']);
    expect(r).toContain('I10');
  });

  it('ranks the condition named by the text above those named after it, and the codes this clinic uses most first', () => {
    const r = codes('高血压');
    expect(r.indexOf('I10')).toBeLessThan(r.indexOf('I11.9'));
    expect(searchIcd10('高血压', 20, new Map([['I10', 3], ['I15.9', 1]])).map((c) => c.code).slice(0, 2)).toEqual(['I10', 'I15.9']);
    expect(searchIcd10('gxy', 20, new Map([['I10', 3]]))[0]!.code).toBe('I10');
    // An exact code stays first whatever is used.
    expect(searchIcd10('I11.9', 20, new Map([['I10', 99]]))[0]!.code).toBe('I11.9');
  });

  it('by pinyin initials from any position', () => {
    expect(codes('fxgxy')).toContain('I10'); // 特发性（原发性）高血压: t f x y f x g x y
  });

  it('by English text, case-insensitive', () => {
    expect(codes('migraine')).toEqual(expect.arrayContaining(['G43.0', 'G43.1', 'G43.9']));
    expect(codes('Hypertension')).toContain('I10');
    expect(codes('common cold')).toEqual(['J00']);
  });

  it('limits the answer and finds nothing for blank or unknown text', () => {
    expect(searchIcd10('炎', 5)).toHaveLength(5);
    expect(searchIcd10('   ')).toEqual([]);
    expect(searchIcd10('zzzzqqq')).toEqual([]);
  });
});
