import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <SegmentedControl
      size="xs" aria-label={t('shell.header.language')} value={i18n.language}
      onChange={(v) => setLanguage(v as Language)}
      data={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'EN' }]}
    />
  );
}
