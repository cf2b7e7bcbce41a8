import { describe, expect, it } from 'vitest';
import { asciiLower, initialsLookups, nameLookups, phonePrefixKey, searchKeysOf } from './patients-search-keys';

describe('searchKeysOf', () => {
  it('keys a three-character name by each character and pair, the whole name, and its initials', () => {
    expect(searchKeysOf('王芳芳', 'wff').sort()).toEqual(['$wff', '=王芳芳', '^w', '^wf', '王', '王芳', '芳', '芳芳'].sort());
  });

  it('keys a longer name by its triples too, and a one-character name by itself only', () => {
    expect(searchKeysOf('欧阳娜娜', 'oynn')).toEqual(expect.arrayContaining(['欧阳娜', '阳娜娜', '欧阳', '娜娜', '=欧阳娜娜', '^oyn', '$oynn']));
    expect(searchKeysOf('欧阳娜娜', 'oynn')).not.toContain('欧阳娜娜');
    expect(searchKeysOf('芳', 'f')).toEqual(['=芳', '$f']);
  });

  it('lower-cases ASCII letters only, as SQLite lower() does', () => {
    expect(asciiLower('Müller ÄB')).toBe('müller Äb');
    expect(searchKeysOf('Li', 'l')).toEqual(['l', 'i', '=li', '$l']);
  });
});

describe('lookups', () => {
  it('a name: whole name first, then a part of up to three characters as its own key', () => {
    expect(nameLookups('娜')).toEqual([{ key: '=娜' }, { key: '娜' }]);
    expect(nameLookups('王芳')).toEqual([{ key: '=王芳' }, { key: '王芳' }]);
    expect(nameLookups('张三丰')).toEqual([{ key: '=张三丰' }, { key: '张三丰' }]);
  });

  it('a part longer than three characters walks its first three and checks the name holds the rest', () => {
    expect(nameLookups('阿卜杜拉·买')).toEqual([{ key: '=阿卜杜拉·买' }, { key: '阿卜杜', contains: '阿卜杜拉·买' }]);
    expect(nameLookups('')).toEqual([]);
  });

  it('every part of a stored name finds it: the lookup key is one of its keys', () => {
    const name = '阿卜杜拉·买买提';
    const keys = new Set(searchKeysOf(name, 'abdlmmt'));
    const chars = [...name];
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 1; j <= chars.length; j++) {
        const part = chars.slice(i, j).join('');
        const ls = nameLookups(part);
        const hit = ls.some((l) => keys.has(l.key) && (l.contains === undefined || name.includes(l.contains)));
        expect(hit, part).toBe(true);
      }
    }
  });

  it('initials: exactly them first, then initials starting with them', () => {
    expect(initialsLookups('wf')).toEqual([{ key: '$wf' }, { key: '^wf' }]);
    expect(initialsLookups('')).toEqual([]);
  });

  it('a phone beginning is written as stored: area code and dash for landlines', () => {
    expect(phonePrefixKey('138001')).toBe('138001');
    expect(phonePrefixKey('0106234')).toBe('010-6234');
    expect(phonePrefixKey('0215')).toBe('021-5');
    expect(phonePrefixKey('07552345')).toBe('0755-2345');
    expect(phonePrefixKey('0755')).toBe('0755');
    expect(phonePrefixKey('010')).toBe('010');
  });
});
