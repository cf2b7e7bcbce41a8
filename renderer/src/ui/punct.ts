/** Punctuation that differs between Chinese and English: "：" / ": ", "、" / ", ", "（元）" / " (yuan)". */
import i18next from 'i18next';

export const colon = (): string => i18next.t('common.punct.colon');
export const joinList = (items: readonly string[]): string => items.join(i18next.t('common.punct.list'));
export const withUnit = (label: string, unit: string): string => i18next.t('common.punct.withUnit', { label, unit });
