import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { modals } from '../../ui/Confirm';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { dateTime, money } from '../../ui/format';
import { PrintButton } from '../../print/PrintButton';
import { hasRole, useSession } from '../../state/session';
import { DayClosesAll } from './DayClosesAll';
import { TotalsTable } from './DayTotalsTable';

/** My totals since my last close, the close itself, and past closes. */
export function DayClose() {
  const { t } = useTranslation();
  const preview = useApiQuery('billing.dayPreview', {});
  const history = useApiQuery('billing.dayCloses', { page: { limit: 10, offset: 0 } });
  const close = useApiMutation('billing.closeDay', { onSuccess: (c) => notifications.show({ color: 'teal', message: t('billing.day.closed', { closeNo: c.closeNo }) }) });
  const ask = () => modals.confirm(t('billing.day.confirm'), () => close.mutate({}));
  // Everyone's closes: main/api/policy.ts seesEveryonesDayClose (an administrator or a head cashier).
  const everyone = hasRole(useSession((x) => x.me), 'admin', 'head_cashier');
  return (
    <Stack>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <div>
            <Title order={4}>{t('billing.day.title')}</Title>
            {preview.data && <Text size="xs" c="dimmed">{preview.data.fromAt ? t('billing.day.since', { time: dateTime(preview.data.fromAt) }) : t('billing.day.sinceStart')}</Text>}
          </div>
          <Button onClick={ask} loading={close.isPending} data-testid="close-day">{t('billing.day.close')}</Button>
        </Group>
        {preview.error && <ErrorNote error={preview.error} />}
        {close.error && <ErrorNote error={close.error} />}
        {!preview.data && !preview.error && <Skeleton h={160} />}
        {preview.data && <TotalsTable totals={preview.data.totals} />}
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">{t('billing.day.history')}</Title>
        {history.data?.items.length === 0 && <EmptyState title={t('billing.day.noHistory')} />}
        {history.data?.items.map((c) => (
          <Group key={c.id} justify="space-between" py={4} wrap="nowrap" data-testid="day-close-row">
            <Text size="sm" className="tabular">{c.closeNo} · {c.businessDate} · {c.cashierName}</Text>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" className="tabular" fw={600}>{money(c.totals.netFen)}</Text>
              <PrintButton job={{ document: 'dayReport', dayCloseId: c.id }} variant="subtle" />
            </Group>
          </Group>
        ))}
      </Paper>
      {everyone && <DayClosesAll />}
    </Stack>
  );
}
