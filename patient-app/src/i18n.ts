/**
 * The patient app's words, in Chinese and English. The language is the one the patient picked
 * (kept in this phone's storage), else the browser's first language we have, else Chinese.
 * Both dictionaries have the same keys (the type says so); `{name}` in a text is filled in.
 */
import { createContext, useContext } from 'react';
import { en } from './i18n-en';
import { zhCN } from './i18n-zh';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type TextKey = keyof typeof zhCN;
export type Dictionary = Record<TextKey, string>;

const DICTIONARIES: Record<Language, Dictionary> = { 'zh-CN': zhCN, en };
export const LANGUAGE_STORAGE_KEY = 'clinic-patient.language';

/** The stored choice if it is one of ours, else the first of the browser's languages we speak (zh-* or en-*), else Chinese. */
export function pickLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'zh-CN' || stored === 'en') return stored;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}

export type Translate = (key: TextKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const dict = DICTIONARIES[language];
  return (key, values) => dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
}

export interface I18n { language: Language; t: Translate; setLanguage: (l: Language) => void }

export const I18nContext = createContext<I18n>({ language: 'zh-CN', t: translator('zh-CN'), setLanguage: () => undefined });
export const useI18n = (): I18n => useContext(I18nContext);
