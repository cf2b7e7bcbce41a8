import { describe, expect, it } from 'vitest';
import { emptyDraft, fromIdNumber, toInput } from './registerForm';

describe('registration form', () => {
  it('fills sex and birth date from a complete, valid ID number only', () => {
    expect(fromIdNumber('110101198503071235', '2026-11-22')).toEqual({ sex: 'M', birthDate: '1985-03-07' });
    expect(fromIdNumber('310104199211302469', '2026-11-22')).toEqual({ sex: 'F', birthDate: '1992-11-30' });
    expect(fromIdNumber(' 44030520190601035x ', '2026-11-22')).toBeNull(); // wrong check character
    expect(fromIdNumber('11010119850307123', '2026-11-22')).toBeNull(); // not complete yet
    expect(fromIdNumber('110101198503071235', '1980-01-01')).toBeNull(); // born after "today"
  });

  it('sends blank birth date as null, leaves sex out until chosen, and confirms only acknowledged duplicates', () => {
    const d = { ...emptyDraft('张三'), phone: '13800138000' };
    const input = toInput(d, []);
    expect(input).toMatchObject({ name: '张三', birthDate: null, phone: '13800138000', confirmDuplicate: false, acknowledgedDuplicateIds: [] });
    expect('sex' in input).toBe(false);
    const id = '0190c0de-0000-7000-8000-000000000001';
    expect(toInput({ ...d, sex: 'F' }, [id])).toMatchObject({ sex: 'F', confirmDuplicate: true, acknowledgedDuplicateIds: [id] });
  });

  it('sends no document type and no dictionary codes as null, and those chosen as they are', () => {
    expect(toInput(emptyDraft('John Smith'), [])).toMatchObject({ idDocType: null, idDocNumber: '', maritalStatus: null, ethnicity: null, occupation: null });
    expect(toInput({ ...emptyDraft('John Smith'), idDocType: 'passport', idDocNumber: 'E12345678', maritalStatus: '20', ethnicity: '01', occupation: 'teacher' }, []))
      .toMatchObject({ idDocType: 'passport', idDocNumber: 'E12345678', maritalStatus: '20', ethnicity: '01', occupation: 'teacher' });
  });
});
