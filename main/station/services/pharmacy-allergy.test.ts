import { describe, expect, it } from 'vitest';
import { allergensOf, allergyMatches, genericName } from './pharmacy-allergy';

const amoxicillin = { name: '阿莫西林胶囊', nameEn: 'Amoxicillin Capsules' };
const cefaclor = { name: '头孢克洛胶囊', nameEn: '' };
const ibuprofen = { name: '布洛芬缓释胶囊', nameEn: 'Ibuprofen SR Capsules' };
const smz = { name: '复方磺胺甲噁唑片', nameEn: '' };
const levo = { name: '左氧氟沙星片', nameEn: 'Levofloxacin Tablets' };

describe('allergensOf', () => {
  it('splits a history into allergens and trims the words around them', () => {
    expect(allergensOf('青霉素、磺胺类过敏')).toEqual(['青霉素', '磺胺']);
    expect(allergensOf('对头孢类药物过敏；海鲜')).toEqual(['头孢', '海鲜']);
    expect(allergensOf('阿莫西林和布洛芬')).toEqual(['阿莫西林', '布洛芬']);
    expect(allergensOf('Penicillin allergy, sulfa')).toEqual(['Penicillin', 'sulfa']);
  });
  it('reads "none" answers and blanks as no allergens', () => {
    for (const none of ['无', '否认', '否认药物过敏史', 'NKDA', 'none', '', '  ', null, undefined]) expect(allergensOf(none)).toEqual([]);
  });
  it('drops fragments too short to mean anything', () => {
    expect(allergensOf('药、a、青')).toEqual([]);
  });
});

describe('genericName', () => {
  it('strips the dosage form', () => {
    expect(genericName('阿莫西林胶囊')).toBe('阿莫西林');
    expect(genericName('布洛芬缓释胶囊')).toBe('布洛芬');
    expect(genericName('注射用头孢曲松钠')).toBe('头孢曲松钠');
    expect(genericName('片')).toBe('片');
  });
});

describe('allergyMatches', () => {
  it('matches the drug itself by its generic or full name', () => {
    expect(allergyMatches('阿莫西林过敏', amoxicillin)).toEqual(['阿莫西林']);
    expect(allergyMatches('阿莫西林克拉维酸钾', amoxicillin)).toEqual(['阿莫西林克拉维酸钾']);
    expect(allergyMatches('ibuprofen', ibuprofen)).toEqual(['ibuprofen']);
  });
  it('matches members of a named drug class', () => {
    expect(allergyMatches('青霉素过敏', amoxicillin)).toEqual(['青霉素']);
    expect(allergyMatches('penicillin', amoxicillin)).toEqual(['penicillin']);
    expect(allergyMatches('头孢类', cefaclor)).toEqual(['头孢']);
    expect(allergyMatches('磺胺', smz)).toEqual(['磺胺']);
    expect(allergyMatches('喹诺酮类', levo)).toEqual(['喹诺酮']);
    expect(allergyMatches('非甾体抗炎药', ibuprofen)).toEqual(['非甾体抗炎']);
  });
  it('does not warn about unrelated drugs or without a history', () => {
    expect(allergyMatches('青霉素过敏', ibuprofen)).toEqual([]);
    expect(allergyMatches('头孢', amoxicillin)).toEqual([]);
    expect(allergyMatches('海鲜、花粉', amoxicillin)).toEqual([]);
    expect(allergyMatches('无', amoxicillin)).toEqual([]);
    expect(allergyMatches(null, amoxicillin)).toEqual([]);
  });
});
