import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { checkPersonName, disallowedNameChars } from './personName';

function refusal(name: string): DomainError {
  try {
    checkPersonName(name);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error(`${name} was accepted`);
}

describe('checkPersonName', () => {
  it('takes Chinese, Latin letters with accents, the middle dot, spaces and hyphens', () => {
    for (const name of ['王芳', '欧阳娜娜', '阿卜杜拉·买买提', 'John Smith', 'Zoë Müller-Lüdenscheidt', 'Jean-Luc', '〇一']) {
      expect(checkPersonName(name)).toBe(name);
    }
  });

  it('stores the dots people type for 中点 as ·', () => {
    expect(checkPersonName('阿卜杜拉・买买提')).toBe('阿卜杜拉·买买提');
    expect(checkPersonName('阿卜杜拉•买买提')).toBe('阿卜杜拉·买买提');
    expect(checkPersonName('阿卜杜拉‧买买提')).toBe('阿卜杜拉·买买提');
  });

  it('refuses emoji, digits and symbols with INVALID_NAME naming each bad character once', () => {
    const e = refusal('张三😀😀');
    expect(e.code).toBe('INVALID_NAME');
    expect(e.details).toEqual({ field: 'name', value: '张三😀😀', chars: ['😀'] });
    expect(refusal('王芳2').details?.['chars']).toEqual(['2']);
    expect(refusal('李@娜#').details?.['chars']).toEqual(['@', '#']);
    expect(refusal('Иван').details?.['chars']).toEqual(['И', 'в', 'а', 'н']);
    expect(refusal('王_芳').details?.['chars']).toEqual(['_']);
    expect(refusal('王\u200b芳').details?.['chars']).toEqual(['\u200b']);
  });

  it('refuses a name of only dots, spaces or hyphens', () => {
    const e = refusal('·-');
    expect(e.code).toBe('INVALID_NAME');
    expect(e.details).toEqual({ field: 'name', value: '·-', chars: [] });
  });

  it('names the field it was asked about', () => {
    try {
      checkPersonName('紧急😀', 'emergencyName');
      expect.unreachable();
    } catch (err) {
      expect((err as DomainError).details?.['field']).toBe('emergencyName');
    }
  });

  it('lists nothing for a good name', () => {
    expect(disallowedNameChars('王芳')).toEqual([]);
  });
});
