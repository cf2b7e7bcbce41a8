import { Badge, Grid, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';

/** Drugs at or below their threshold, and batches about to expire. */
export function Alerts() {
  const { t } = useTranslation();
  const low = useApiQuery('pharmacy.lowStock', { limit: 100, offset: 0 });
  const exp = useApiQuery('pharmacy.expiring', { limit: 100, offset: 0 });
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md" data-testid="low-stock">
          <Title order={5} mb="xs">{t('pharmacy.alerts.low')}</Title>
          {low.error && <ErrorNote error={low.error} />}
          {!low.data && !low.error && <Skeleton h={80} />}
          {low.data?.items.length === 0 && <EmptyState title={t('pharmacy.alerts.lowEmpty')} />}
          <Stack gap={4}>
            {low.data?.items.map((d) => (
              <Text key={d.id} size="sm">
                <Text span fw={600}>{d.name}</Text> <Text span size="xs" c="dimmed">{d.spec}</Text>{' '}
                <Badge color={d.available === 0 ? 'red' : 'orange'} variant="light">{d.available}{d.unit}</Badge>{' '}
                <Text span size="xs" c="dimmed">{t('pharmacy.alerts.threshold', { count: d.threshold })}</Text>
              </Text>
            ))}
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md" data-testid="expiring">
          <Title order={5} mb="xs">{t('pharmacy.alerts.expiring', { days: exp.data?.withinDays ?? 90 })}</Title>
          {exp.error && <ErrorNote error={exp.error} />}
          {!exp.data && !exp.error && <Skeleton h={80} />}
          {exp.data?.items.length === 0 && <EmptyState title={t('pharmacy.alerts.expiringEmpty')} />}
          <Stack gap={4}>
            {exp.data?.items.map((b) => (
              <Text key={b.batchId} size="sm">
                <Text span fw={600}>{b.drug.name}</Text> <Text span size="xs" c="dimmed" className="tabular">{b.batchNo} · {b.expiryDate} · {b.onHand}{b.drug.unit}</Text>{' '}
                <Badge color={b.daysLeft < 0 ? 'red' : 'yellow'} variant="light">{b.daysLeft < 0 ? t('pharmacy.alerts.expiredAgo') : t('pharmacy.alerts.daysLeft', { count: b.daysLeft })}</Badge>
              </Text>
            ))}
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
