import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isMobile, isPhone, normalizePhone } from './phone';
import { codeOf } from './testing';


describe('normalizePhone: mobiles', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['19912345678', '19912345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    [' 138 - 1234 - 5678 ', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['(+86) 138 1234 5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'], // full-width
  ])('%j → %s', (s, r) => expect(normalizePhone(s)).toBe(r));
});

describe('normalizePhone: landlines', () => {
  it.each([
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['010 1234 5678', '010-12345678'],
    ['(010) 12345678', '010-12345678'],
    ['021-6123456', '021-6123456'],
    ['0755-12345678', '0755-12345678'],
    ['07551234567', '0755-1234567'],
    ['0571 8765 4321', '0571-87654321'],
    ['+86 10 12345678', '010-12345678'],
    ['+86 010 12345678', '010-12345678'],
    ['0086-755-12345678', '0755-12345678'],
    ['010-12345678-8001', '010-12345678-8001'],
    ['010-12345678 转 8001', '010-12345678-8001'],
    ['010-12345678转8001', '010-12345678-8001'],
    ['010-12345678 ext. 8001', '010-12345678-8001'],
    ['010-12345678 EXT 8001', '010-12345678-8001'],
    ['010-12345678x8001', '010-12345678-8001'],
    ['010-12345678#8001', '010-12345678-8001'],
    ['0755-1234567 分机 1', '0755-1234567-1'],
    ['01012345678 转 123456', '010-12345678-123456'],
  ])('%j → %s', (s, r) => expect(normalizePhone(s)).toBe(r));
});

describe('normalizePhone: refusals', () => {
  it.each([
    '',
    '   ',
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '12812345678', // 12x is not a mobile prefix
    '10012345678',
    '23812345678',
    '+1 212 555 1234',
    '+8513812345678',
    '8613812345678', // bare 86 is not a prefix we accept
    '12345678', // no area code
    '010-1234567890', // local number too long
    '010-123456', // too short
    '010-02345678', // local numbers do not start with 0
    '010-12345678-1234567', // extension too long
    '13812345678 转 8001', // mobiles have no extension
    '0755-123456789',
    'abc',
    '138一二三四五六七八',
    '138.1234.5678a',
    '+86',
    '0086',
    '++8613812345678',
  ])('refuses %j with INVALID_PHONE', (s) => {
    expect(codeOf(() => normalizePhone(s))).toEqual({ code: 'INVALID_PHONE', details: { field: 'phone', value: s } });
  });
  it('refuses a non-string', () => {
    expect(codeOf(() => normalizePhone(13812345678 as unknown as string)).code).toBe('INVALID_PHONE');
  });
});

describe('isMobile / isPhone', () => {
  it('tells mobiles from landlines', () => {
    expect(isMobile('+86 138 1234 5678')).toBe(true);
    expect(isMobile('010-12345678')).toBe(false);
    expect(isMobile('junk')).toBe(false);
    expect(isPhone('010-12345678')).toBe(true);
    expect(isPhone('junk')).toBe(false);
  });
});

describe('properties', () => {
  const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
  const landline = fc.tuple(
    fc.constantFrom('010', '020', '021', '029', '0311', '0755', '0991'),
    fc.stringMatching(/^[1-9]\d{6,7}$/),
  );
  it('mobiles survive any spacing and prefix, and normalising is idempotent', () => {
    fc.assert(
      fc.property(mobile, fc.constantFrom('', '+86', '0086', '+86 '), fc.constantFrom('', ' ', '-'), (m, prefix, sep) => {
        const typed = prefix + [m.slice(0, 3), m.slice(3, 7), m.slice(7)].join(sep);
        const n = normalizePhone(typed);
        return n === m && normalizePhone(n) === n && isMobile(typed);
      }),
    );
  });
  it('landlines split into area code and number one way only, idempotently', () => {
    fc.assert(
      fc.property(landline, fc.constantFrom('', '-', ' '), ([area, num], sep) => {
        const n = normalizePhone(area + sep + num);
        return n === `${area}-${num}` && normalizePhone(n) === n && !isMobile(n);
      }),
    );
  });
});
