/** A service whose screens come later (records, queue, paying, the kiosk): says so, shows nothing made up. */
import type { ReactNode } from 'react';
import { useI18n, type TextKey } from '../i18n';
import type { LaterService } from '../routes';
import { Screen } from '../ui';

export function LaterScreen({ service }: { service: LaterService }): ReactNode {
  const { t } = useI18n();
  return (
    <Screen title={t('laterTitle')}>
      <p data-testid="later">{t('laterText', { service: t(`service_${service}` as TextKey) })}</p>
      <p><a href="#/book">{t('home')}</a></p>
    </Screen>
  );
}

export function NotFoundScreen(): ReactNode {
  const { t } = useI18n();
  return (
    <Screen title={t('notFound')}>
      <p><a href="#/book">{t('home')}</a></p>
    </Screen>
  );
}
