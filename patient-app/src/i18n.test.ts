import { describe, expect, it } from 'vitest';
import { pickLanguage, translator } from './i18n';
import { en } from './i18n-en';
import { zhCN } from './i18n-zh';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the patient app in two languages', () => {
  it('has every text in both languages, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, zh] of Object.entries(zhCN)) {
      const english = en[key as keyof typeof zhCN];
      expect(zh.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(zh));
    }
  });

  it("follows the patient's choice, else the browser's first language we speak, else Chinese", () => {
    expect(pickLanguage('en', ['zh-CN'])).toBe('en');
    expect(pickLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLanguage(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(pickLanguage(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(null, ['fr-FR', 'EN-gb'])).toBe('en');
    expect(pickLanguage('de', ['de-DE'])).toBe('zh-CN');
    expect(pickLanguage(null, [])).toBe('zh-CN');
  });

  it('fills in values and leaves unknown placeholders as they are', () => {
    expect(translator('zh-CN')('seatsLeft', { n: 3 })).toBe('余 3');
    expect(translator('en')('seatsLeft', { n: 3 })).toBe('3 left');
    expect(translator('en')('seatsLeft')).toBe('{n} left');
  });
});
