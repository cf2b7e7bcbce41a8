import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A part of a screen whose station procedure does not exist yet. */
export function Pending({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-gray-0)" data-testid="pending">
      <Text size="sm" c="dimmed">{t('shell.pending', { what })}</Text>
    </Paper>
  );
}
