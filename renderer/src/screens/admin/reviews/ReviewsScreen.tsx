/**
 * Review tasks: what the desks could not prevent offline (the same resident registered twice, a
 * session booked past capacity, rows left on a merged record, a bill paid twice, a prescription
 * dispensed twice, a record written at two desks, a batch dispensed below zero, a change the hub refused), listed by the hub with both sides to decide on. In the admin area, and on the front desk's tabs for reception.
 */
import { Badge, Button, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/query';
import { EmptyState } from '../../../ui/EmptyState';
import { QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { BelowZeroCard } from './BelowZeroCard';
import { DoubleDispenseCard } from './DoubleDispenseCard';
import { DuplicateCard } from './DuplicateCard';
import { LeftoversCard } from './LeftoversCard';
import { OverbookedCard } from './OverbookedCard';
import { OverpaidCard } from './OverpaidCard';
import { TwoDesksCard } from './TwoDesksCard';
import { RefusedChangeCard } from './RefusedChangeCard';
import type { ReviewTask } from './types';

function TaskCard({ task }: { task: ReviewTask }) {
  switch (task.kind) {
    case 'duplicate_patient': return <DuplicateCard task={task} />;
    case 'session_overbooked': return <OverbookedCard task={task} />;
    case 'merged_patient_rows': return <LeftoversCard task={task} />;
    case 'bill_overpaid': return <OverpaidCard task={task} />;
    case 'prescription_dispensed_twice': return <DoubleDispenseCard task={task} />;
    case 'record_two_desks': return <TwoDesksCard task={task} />;
    case 'stock_below_zero': return <BelowZeroCard task={task} />;
    case 'refused_change': return <RefusedChangeCard task={task} />;
  }
}

export function ReviewsScreen() {
  const { t } = useTranslation();
  const [includeResolved, setIncludeResolved] = useState(false);
  const q = useApiQuery('reviews.list', { includeResolved }, { refetchInterval: 15_000 });
  return (
    <Panel title={t('reviews.title')} testId="reviews" actions={<>
      {q.data && q.data.openCount > 0 && <Badge color="orange" variant="filled" data-testid="reviews-open">{t('reviews.open', { count: q.data.openCount })}</Badge>}
      <Switch label={t('reviews.showResolved')} checked={includeResolved} onChange={(e) => setIncludeResolved(e.currentTarget.checked)} data-testid="show-resolved" />
      <Button size="xs" variant="default" onClick={() => void q.refetch()} loading={q.isFetching} data-testid="reviews-refresh">{t('reviews.refresh')}</Button>
    </>}>
      <Text size="sm" c="dimmed" mb="sm">{t('reviews.intro')}</Text>
      <QueryState query={q}>{(d) => d.items.length === 0
        ? <EmptyState title={t('reviews.empty.title')} hint={t('reviews.empty.hint')} />
        : <Stack gap="md">{d.items.map((task) => <TaskCard key={`${task.key}:${task.updatedAt}`} task={task} />)}</Stack>}
      </QueryState>
    </Panel>
  );
}
