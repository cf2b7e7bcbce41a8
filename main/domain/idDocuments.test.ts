import { describe, expect, it } from 'vitest';
import { ID_DOC_TYPES } from './enums';
import {
  checkForeignPermanentResidence, checkHkMacauPermit, checkIdDocument, checkPassport, checkTaiwanPermit, docNumberSearchKey, tidyDocNumber,
} from './idDocuments';
import { residentIdCheckChar } from './residentId';
import { codeOf } from './testing';

describe('tidyDocNumber', () => {
  it('drops spaces and hyphens, upper-cases, folds full-width', () => {
    expect(tidyDocNumber(' e1234 5678 ')).toBe('E12345678');
    expect(tidyDocNumber('Ｈ１２３４５６７８')).toBe('H12345678');
    expect(tidyDocNumber('h-1234-5678')).toBe('H12345678');
  });
});

describe('passport', () => {
  it('takes Chinese and foreign passport numbers', () => {
    expect(checkPassport('E12345678')).toBe('E12345678');
    expect(checkPassport('ea1234567')).toBe('EA1234567');
    expect(checkPassport('G 1234 5678')).toBe('G12345678');
    expect(checkPassport('533380006')).toBe('533380006'); // a US passport
    expect(checkPassport('X00A12345')).toBe('X00A12345');
  });
  it('refuses letters only, too short, too long and other characters', () => {
    for (const bad of ['ABCDEFGH', '1234', 'E123456789012345678', 'E1234/5678', '护照E1234567', '']) {
      expect(codeOf(() => checkPassport(bad))).toMatchObject({ code: 'INVALID_ID_DOCUMENT', details: { field: 'idDocNumber', reason: 'passport', docType: 'passport' } });
    }
  });
});

describe('Mainland travel permit for Hong Kong and Macau residents', () => {
  it('takes H or M and 8 digits, dropping the issue count', () => {
    expect(checkHkMacauPermit('H12345678')).toBe('H12345678');
    expect(checkHkMacauPermit('m87654321')).toBe('M87654321');
    expect(checkHkMacauPermit('H1234567801')).toBe('H12345678');
  });
  it('refuses another letter, 7 or 9 digits', () => {
    for (const bad of ['A12345678', 'H1234567', 'H123456789', '12345678', 'HM1234567']) {
      expect(codeOf(() => checkHkMacauPermit(bad)).details).toMatchObject({ reason: 'hk_macau_permit' });
    }
  });
});

describe('Mainland travel permit for Taiwan residents', () => {
  it('takes 8 digits', () => {
    expect(checkTaiwanPermit('01234567')).toBe('01234567');
    expect(checkTaiwanPermit('0123 4567')).toBe('01234567');
  });
  it('refuses letters and other lengths', () => {
    for (const bad of ['T1234567', '1234567', '123456789', 'H12345678']) {
      expect(codeOf(() => checkTaiwanPermit(bad)).details).toMatchObject({ reason: 'taiwan_permit' });
    }
  });
});

describe("foreigner's permanent residence card", () => {
  const new17 = '93112419800101001';
  const newCard = new17 + residentIdCheckChar(new17);
  it('takes the 2017 card (3 letters, 12 digits) and the 2023 card (18, from 9, checked)', () => {
    expect(checkForeignPermanentResidence('usa110680101001')).toBe('USA110680101001');
    expect(checkForeignPermanentResidence(newCard)).toBe(newCard);
  });
  it('refuses a 2023 number whose check character is wrong', () => {
    const wrong = new17 + (residentIdCheckChar(new17) === '0' ? '1' : '0');
    expect(codeOf(() => checkForeignPermanentResidence(wrong)).details).toMatchObject({ reason: 'checksum', docType: 'foreign_permanent_residence' });
  });
  it('refuses other shapes, a resident ID among them', () => {
    for (const bad of ['US110680101001', 'USA11068010100', '11010519491231002X', '8' + newCard.slice(1)]) {
      expect(codeOf(() => checkForeignPermanentResidence(bad)).code).toBe('INVALID_ID_DOCUMENT');
    }
  });
});

describe('checkIdDocument', () => {
  it('applies each type its own rule', () => {
    expect(checkIdDocument('passport', 'e12345678')).toBe('E12345678');
    expect(checkIdDocument('hk_macau_permit', 'H12345678')).toBe('H12345678');
    expect(checkIdDocument('taiwan_permit', '01234567')).toBe('01234567');
    expect(checkIdDocument('foreign_permanent_residence', 'USA110680101001')).toBe('USA110680101001');
    // A number good for one type is refused under another.
    expect(codeOf(() => checkIdDocument('taiwan_permit', 'H12345678')).details).toMatchObject({ reason: 'taiwan_permit' });
    expect(ID_DOC_TYPES.length).toBe(4);
  });
});

describe('docNumberSearchKey', () => {
  it('is the tidy number for letters with digits, null for names and short text', () => {
    expect(docNumberSearchKey('e1234 5678')).toBe('E12345678');
    expect(docNumberSearchKey('abc')).toBeNull();
    expect(docNumberSearchKey('wangfang')).toBeNull();
  });
});
