import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkResidentId, makeResidentId, parseResidentId, residentIdCheckChar } from './residentId';
import { codeOf } from './testing';


const TODAY = '2025-06-01';
/** The example number printed in GB 11643-1999. */
const GB_EXAMPLE = '11010519491231002X';
/** Builds an 18-character number with a correct check character over any 17 digits. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('residentIdCheckChar', () => {
  it('computes ISO 7064 MOD 11-2', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(residentIdCheckChar('00000000000000000')).toBe('1');
  });
  it('refuses anything but 17 digits', () => {
    expect(codeOf(() => residentIdCheckChar('1234')).details).toMatchObject({ reason: 'format' });
  });
});

describe('parseResidentId', () => {
  it('parses the GB example', () => {
    expect(parseResidentId(GB_EXAMPLE, TODAY)).toEqual({
      idNumber: GB_EXAMPLE,
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'F',
    });
  });
  it('uppercases x and trims spaces', () => {
    expect(parseResidentId('  11010519491231002x ', TODAY).idNumber).toBe(GB_EXAMPLE);
  });
  it('reads sex from the 17th digit: odd M, even F', () => {
    expect(parseResidentId(withCheck('11010519800101001'), TODAY).sex).toBe('M');
    expect(parseResidentId(withCheck('11010519800101002'), TODAY).sex).toBe('F');
    expect(parseResidentId(withCheck('11010519800101999'), TODAY).sex).toBe('M');
    expect(parseResidentId(withCheck('11010519800101000'), TODAY).sex).toBe('F');
  });
  it.each([
    '',
    '11010519491231002', // 17
    '11010519491231002X1', // 19
    '1101051949123100XX',
    'X10105194912310021',
    '11010519491231002Y',
    '110105 19491231002X',
    '１１０１０５１９４９１２３１００２Ｘ', // full-width
    '110105-19491231-002X',
  ])('refuses %j: format', (s) => {
    expect(codeOf(() => parseResidentId(s, TODAY))).toEqual({
      code: 'INVALID_ID_NUMBER',
      details: { reason: 'format', value: s },
    });
  });
  it('refuses a non-string: format', () => {
    expect(codeOf(() => parseResidentId(null as unknown as string, TODAY)).details).toMatchObject({ reason: 'format' });
  });
  it.each(['110105194912310021', '110105194912310020', '11010519491231003X'])('refuses %s: checksum', (s) => {
    expect(codeOf(() => parseResidentId(s, TODAY))).toEqual({
      code: 'INVALID_ID_NUMBER',
      details: { reason: 'checksum', value: s },
    });
  });
  it.each([
    ['11010519490230002', '1949-02-30'], // not a date
    ['11010520230229002', '2023-02-29'],
    ['11010519491301002', '1949-13-01'],
    ['11010519490000002', '1949-00-00'],
    ['44052418800101001', '1880-01-01'], // before 1900
    ['11010518991231002', '1899-12-31'],
    ['11010520250602002', '2025-06-02'], // after today
    ['11010530000101002', '3000-01-01'],
  ])('refuses %s (born %s): birth_date', (first17, birthDate) => {
    const id = withCheck(first17);
    expect(codeOf(() => parseResidentId(id, TODAY))).toEqual({
      code: 'INVALID_ID_NUMBER',
      details: { reason: 'birth_date', value: id, birthDate },
    });
  });
  it('accepts the limits: born 1900-01-01 and born today', () => {
    expect(parseResidentId(withCheck('11010519000101002'), TODAY).birthDate).toBe('1900-01-01');
    expect(parseResidentId(withCheck('11010520250601002'), TODAY).birthDate).toBe('2025-06-01');
    expect(parseResidentId(withCheck('11010520240229002'), TODAY).birthDate).toBe('2024-02-29');
  });
  it('checks format, then checksum, then birth date', () => {
    // bad checksum and impossible date: checksum reported
    expect(codeOf(() => parseResidentId('110105194902300021', TODAY)).details).toMatchObject({ reason: 'checksum' });
  });
  it('refuses an invalid todayIso', () => {
    expect(codeOf(() => parseResidentId(GB_EXAMPLE, '2025-6-1'))).toEqual({
      code: 'INVALID_DATE',
      details: { field: 'todayIso', value: '2025-6-1' },
    });
  });
  it('detects every single-digit substitution and adjacent transposition (property)', () => {
    const valid = makeResidentId('110105', '1980-07-15', 123, 'M');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        return codeOf(() => parseResidentId(changed, TODAY)).details?.reason === 'checksum';
      }),
    );
    for (let i = 0; i < 16; i++) {
      if (valid[i] === valid[i + 1]) continue;
      const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
      expect(codeOf(() => parseResidentId(swapped, TODAY)).details?.reason).toBe('checksum');
    }
  });
});

describe('makeResidentId', () => {
  it('builds the GB example', () => {
    expect(makeResidentId('110105', '1949-12-31', 2, 'F')).toBe(GB_EXAMPLE);
  });
  it('round-trips through parseResidentId (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2025, 5, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
        fc.integer({ min: 0, max: 499 }),
        fc.constantFrom('M' as const, 'F' as const),
        (region, birth, half, sex) => {
          const sequence = half * 2 + (sex === 'M' ? 1 : 0);
          const id = makeResidentId(region, birth, sequence, sex);
          expect(parseResidentId(id, TODAY)).toEqual({ idNumber: id, regionCode: region, birthDate: birth, sex });
        },
      ),
    );
  });
  it('refuses a sequence whose parity disagrees with sex', () => {
    expect(codeOf(() => makeResidentId('110105', '1980-01-01', 2, 'M'))).toEqual({
      code: 'VALIDATION',
      details: { field: 'sequence', reason: 'sex_parity', value: 2, sex: 'M' },
    });
    expect(codeOf(() => makeResidentId('110105', '1980-01-01', 1, 'F')).details).toMatchObject({ reason: 'sex_parity' });
  });
  it.each([
    ['11010', '1980-01-01', 1, 'M', 'VALIDATION', 'regionCode'],
    ['1101055', '1980-01-01', 1, 'M', 'VALIDATION', 'regionCode'],
    ['abcdef', '1980-01-01', 1, 'M', 'VALIDATION', 'regionCode'],
    ['110105', '1980-02-30', 1, 'M', 'INVALID_DATE', 'birthDate'],
    ['110105', '19800101', 1, 'M', 'INVALID_DATE', 'birthDate'],
    ['110105', '1899-12-31', 1, 'M', 'INVALID_DATE', 'birthDate'],
    ['110105', '1980-01-01', 1000, 'F', 'VALIDATION', 'sequence'],
    ['110105', '1980-01-01', -1, 'M', 'VALIDATION', 'sequence'],
    ['110105', '1980-01-01', 1.5, 'M', 'VALIDATION', 'sequence'],
    ['110105', '1980-01-01', 1, 'U', 'VALIDATION', 'sex'],
  ])('refuses (%s, %s, %s, %s): %s on %s', (region, birth, seq, sex, code, field) => {
    const r = codeOf(() => makeResidentId(region, birth, seq, sex as 'M'));
    expect(r.code).toBe(code);
    expect(r.details).toMatchObject({ field });
  });
});

describe('checkResidentId', () => {
  it('returns the parsed ID when what was typed agrees', () => {
    const parsed = parseResidentId(GB_EXAMPLE, TODAY);
    expect(checkResidentId({ idNumber: GB_EXAMPLE, birthDate: '1949-12-31', sex: 'F', todayIso: TODAY })).toEqual(parsed);
  });
  it('ignores what was not typed, and sex U', () => {
    for (const birthDate of [undefined, null, '']) {
      for (const sex of [undefined, null, 'U'] as const) {
        expect(checkResidentId({ idNumber: GB_EXAMPLE, birthDate, sex, todayIso: TODAY }).sex).toBe('F');
      }
    }
  });
  it('refuses a different birth date', () => {
    expect(codeOf(() => checkResidentId({ idNumber: GB_EXAMPLE, birthDate: '1949-12-30', todayIso: TODAY }))).toEqual({
      code: 'ID_NUMBER_MISMATCH',
      details: { field: 'birthDate', fromId: '1949-12-31', typed: '1949-12-30' },
    });
  });
  it('refuses a different sex', () => {
    expect(codeOf(() => checkResidentId({ idNumber: GB_EXAMPLE, sex: 'M', todayIso: TODAY }))).toEqual({
      code: 'ID_NUMBER_MISMATCH',
      details: { field: 'sex', fromId: 'F', typed: 'M' },
    });
  });
  it('reports the birth date first when both differ', () => {
    const r = codeOf(() => checkResidentId({ idNumber: GB_EXAMPLE, birthDate: '1950-01-01', sex: 'M', todayIso: TODAY }));
    expect(r.details).toMatchObject({ field: 'birthDate' });
  });
  it('refuses a malformed typed birth date as INVALID_DATE', () => {
    expect(codeOf(() => checkResidentId({ idNumber: GB_EXAMPLE, birthDate: '1949/12/31', todayIso: TODAY }))).toEqual({
      code: 'INVALID_DATE',
      details: { field: 'birthDate', value: '1949/12/31' },
    });
  });
  it('passes the ID refusals through', () => {
    expect(codeOf(() => checkResidentId({ idNumber: '123', todayIso: TODAY })).code).toBe('INVALID_ID_NUMBER');
  });
});
