/** An address the app does not know: says so, with the way home. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Screen } from '../ui';

export function NotFoundScreen(): ReactNode {
  const { t } = useI18n();
  return (
    <Screen title={t('notFound')}>
      <p><a href="#/book">{t('home')}</a></p>
    </Screen>
  );
}
