import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function AdminScreen() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={640}>
      <Stack>
        <Title order={3}>{t('shell.admin.title')}</Title>
        <Text>{t('shell.admin.body')}</Text>
      </Stack>
    </Paper>
  );
}
