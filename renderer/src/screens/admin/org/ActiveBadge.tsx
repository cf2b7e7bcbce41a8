import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Badge variant="light" color="teal">{t('admin.common.active')}</Badge> : <Badge variant="light" color="gray">{t('admin.common.inactive')}</Badge>;
}
