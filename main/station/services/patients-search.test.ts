import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, phoneSearchDigits } from './patients-fields';
import { planSearch, prefixUpperBound } from './patients-search';

describe('planSearch', () => {
  it('reads a record number, any case, padded as stored', () => {
    expect(planSearch('a1-123')).toEqual([{ kind: 'record_no', column: 'record_no', mode: 'exact', key: 'A1-0000123' }]);
    expect(planSearch(' A1-0000123 ')).toEqual([{ kind: 'record_no', column: 'record_no', mode: 'exact', key: 'A1-0000123' }]);
  });

  it('reads Chinese as a name: the whole name first, then names holding it', () => {
    expect(planSearch(' 张三 ')).toEqual([{ kind: 'name', key: '=张三' }, { kind: 'name', key: '张三' }]);
    expect(planSearch('张 三')).toEqual([{ kind: 'name', key: '=张三' }, { kind: 'name', key: '张三' }]);
    expect(planSearch('芳')).toEqual([{ kind: 'name', key: '=芳' }, { kind: 'name', key: '芳' }]);
    expect(planSearch('欧阳娜娜')).toEqual([{ kind: 'name', key: '=欧阳娜娜' }, { kind: 'name', key: '欧阳娜', contains: '欧阳娜娜' }]);
  });

  it('reads letters as pinyin initials, then full pinyin (spaces ignored, full-width folded)', () => {
    expect(planSearch('ZSF')).toEqual([
      { kind: 'pinyin_initials', key: '$zsf' },
      { kind: 'pinyin_initials', key: '^zsf' },
      { kind: 'pinyin_full', column: 'pinyin_full', mode: 'prefix', key: 'zsf' },
    ]);
    expect(planSearch('zhang san')[2]).toEqual({ kind: 'pinyin_full', column: 'pinyin_full', mode: 'prefix', key: 'zhangsan' });
    expect(planSearch('ｓｔｆ')[0]).toEqual({ kind: 'pinyin_initials', key: '$stf' });
  });

  it('reads 18 characters as an ID number (x upper-cased), 13–17 digits as its beginning', () => {
    expect(planSearch('11010119900307123x')).toEqual([{ kind: 'id_number', column: 'id_number', mode: 'exact', key: '11010119900307123X' }]);
    expect(planSearch('1101011990030')).toEqual([{ kind: 'id_number', column: 'id_number', mode: 'prefix', key: '1101011990030' }]);
  });

  it("reads letters with digits, 8 digits and an 18-character number from 9 as another identity document's number too", () => {
    expect(planSearch('e1234 5678')[0]).toEqual({ kind: 'id_doc_number', column: 'id_doc_number', mode: 'exact', key: 'E12345678' });
    expect(planSearch('H12345678')[0]).toEqual({ kind: 'id_doc_number', column: 'id_doc_number', mode: 'exact', key: 'H12345678' });
    expect(planSearch('01234567').map((s) => s.kind)).toEqual(['id_doc_number', 'phone', 'phone']);
    expect(planSearch('931124198001010014').map((s) => s.kind)).toEqual(['id_number', 'id_doc_number']);
    expect(planSearch('5678').map((s) => s.kind)).toEqual(['phone', 'phone']);
    expect(planSearch('zhang').some((s) => s.kind === 'id_doc_number')).toBe(false);
  });

  it('reads 4–12 digits (or a whole phone in any format) as the end of a phone number, 3–12 digits as its beginning', () => {
    expect(planSearch('5678')).toEqual([
      { kind: 'phone', column: 'phone_rev', mode: 'prefix', key: '8765' },
      { kind: 'phone', column: 'phone', mode: 'prefix', key: '5678' },
    ]);
    expect(planSearch('+86 138-1234-5678')).toEqual([{ kind: 'phone', column: 'phone_rev', mode: 'prefix', key: '87654321831' }]);
    expect(planSearch('010-6234 5678')).toEqual([{ kind: 'phone', column: 'phone_rev', mode: 'prefix', key: '87654326010' }]);
    expect(planSearch('138')).toEqual([{ kind: 'phone', column: 'phone', mode: 'prefix', key: '138' }]);
    expect(planSearch('0106234')).toEqual([
      { kind: 'phone', column: 'phone_rev', mode: 'prefix', key: '4326010' },
      { kind: 'phone', column: 'phone', mode: 'prefix', key: '010-6234' },
    ]);
    expect(planSearch('13')).toEqual([]);
  });

  it('falls back to the name as typed for other text', () => {
    expect(planSearch('Müller')).toEqual([{ kind: 'name', key: '=müller' }, { kind: 'name', key: 'mül', contains: 'müller' }]);
    expect(planSearch('   ')).toEqual([]);
  });
});

describe('prefixUpperBound', () => {
  it('is the prefix with its last character moved up one', () => {
    expect(prefixUpperBound('zsf')).toBe('zsg');
    expect(prefixUpperBound('张')).toBe('弡');
    expect(prefixUpperBound('\ud7ff')).toBe('\ue000');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('\u{10ffff}')).toBeNull();
  });

  it('bounds every string starting with the prefix, even with characters beyond the BMP', () => {
    const bound = prefixUpperBound('张')!;
    for (const s of ['张', '张三', '张\uffff', '张\u{2a6d6}']) expect(Buffer.compare(Buffer.from(s), Buffer.from(bound))).toBe(-1);
    expect(Buffer.compare(Buffer.from('弡'), Buffer.from(bound))).toBe(0);
  });
});

describe('masks', () => {
  it('hide the middle of mobiles and ID numbers, and all but four digits of landlines', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('010-62345678')).toBe('*******5678');
    expect(maskPhone('0755-2345678-8001')).toBe('*******5678');
    expect(maskPhone(null)).toBeNull();
    expect(maskIdNumber('11010119900307123X')).toBe('110101********123X');
    expect(phoneSearchDigits('0755-2345678-8001')).toBe('07552345678');
  });
});
