/** Coded allergies written as 'other' (pure): read like the free-text history, kept through parse and serialize. */
import { describe, expect, it } from 'vitest';
import { parseAllergyList, serializeAllergyList, type CodedAllergy } from '../../domain/allergies';
import { allergyStops, type SafetyDrug } from './rx-safety';

const amoxicillin: SafetyDrug = { id: 'd1', name: '阿莫西林胶囊', nameEn: 'Amoxicillin Capsules', ingredients: ['阿莫西林'], classes: ['penicillin'], doseUnit: '粒', maxDose: null };
const other = (allergen: string): CodedAllergy => ({ kind: 'other', allergen, reaction: 'rash', note: null });
const stopsFor = (...coded: CodedAllergy[]) => allergyStops({ coded, text: null }, { itemId: 'i1', drug: amoxicillin }).map((s) => s.allergen);

describe("an allergen written as 'other'", () => {
  it('names a class in words, an ingredient, or the drug: a stop', () => {
    expect(stopsFor(other('青霉素'))).toEqual(['青霉素']);
    expect(stopsFor(other('阿莫西林克拉维酸钾'))).toEqual(['阿莫西林克拉维酸钾']);
    expect(stopsFor(other('amoxicillin'))).toEqual(['amoxicillin']);
  });

  it('names something else (a food, pollen, another class): no stop', () => {
    expect(stopsFor(other('花粉'), other('海鲜'), other('头孢'))).toEqual([]);
  });

  it('is kept through serialize and parse, where an unknown kind is unreadable', () => {
    const stored = serializeAllergyList([other('花粉')]);
    expect(parseAllergyList(stored)).toEqual({ items: [other('花粉')], unreadable: false });
    expect(parseAllergyList(JSON.stringify([{ kind: 'food', allergen: '花生', reaction: 'rash' }])).unreadable).toBe(true);
  });
});

describe('a coded allergy and the history naming the same thing', () => {
  const coded = (kind: CodedAllergy['kind'], allergen: string): CodedAllergy => ({ kind, allergen, reaction: 'rash', note: null });
  const stops = (text: string, ...list: CodedAllergy[]) => allergyStops({ coded: list, text }, { itemId: 'i1', drug: amoxicillin }).map((s) => s.allergen);

  it('make one stop, the coded one (the repeat dialog listed it twice)', () => {
    expect(stops('青霉素', coded('class', 'penicillin'))).toEqual(['penicillin']);
    expect(stops('阿莫西林过敏', coded('ingredient', '阿莫西林'))).toEqual(['阿莫西林']);
  });

  it('still stop on history words that name something the code does not', () => {
    expect(stops('阿莫西林', coded('class', 'cephalosporin'))).toEqual(['阿莫西林']);
    expect(stops('青霉素', coded('ingredient', '头孢氨苄'))).toEqual(['青霉素']);
    expect(stops('青霉素')).toEqual(['青霉素']);
  });
});
