import { Badge, Group, Paper, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { useBilling } from '../../state/billing';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';

/** Visits whose consultation is over and that still owe money, oldest first. */
export function AwaitingList() {
  const { t } = useTranslation();
  const { visitId, open } = useBilling();
  const q = useApiQuery('billing.awaiting', { page: { limit: 100, offset: 0 } }, { refetchInterval: 15_000 });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={160} />;
  if (q.data.items.length === 0) return <EmptyState title={t('billing.awaiting.empty')} hint={t('billing.awaiting.emptyHint')} />;
  return (
    <Stack gap={6}>
      {q.data.items.map((v) => (
        <UnstyledButton key={v.id} onClick={() => open(v.id)} data-testid="awaiting-row">
          <Paper withBorder p="xs" bg={visitId === v.id ? 'var(--mantine-color-teal-light)' : undefined}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text fw={600}>{v.patientName} <Text span size="xs" c="dimmed" className="tabular">{v.recordNo}</Text></Text>
                <Text size="xs" c="dimmed">{v.queueNo} · {v.doctorName} · {v.departmentName}</Text>
              </div>
              <Stack gap={2} align="flex-end">
                {v.openDueFen > 0 && <Badge color="orange" variant="light" className="tabular">{t('billing.awaiting.due', { amount: money(v.openDueFen) })}</Badge>}
                {v.unbilledFen > 0 && <Badge color="gray" variant="light" className="tabular">{t('billing.awaiting.unbilled', { amount: money(v.unbilledFen) })}</Badge>}
              </Stack>
            </Group>
          </Paper>
        </UnstyledButton>
      ))}
    </Stack>
  );
}
