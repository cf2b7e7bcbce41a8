/** Rows written on a record after it was merged away: both records, and a button that moves the rows. */
import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query';
import { hasRole, useSession } from '../../../state/session';
import { ErrorNote } from '../../../ui/ErrorNote';
import { PatientColumn } from './PatientColumn';
import { TaskFrame } from './TaskFrame';
import type { LeftoversTask } from './types';

export function LeftoversCard({ task }: { task: LeftoversTask }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [moved, setMoved] = useState<number | null>(null);
  const run = useApiMutation('patients.mergeLeftovers', { onSuccess: (out) => setMoved(Object.values(out.moved).reduce((a, b) => a + b, 0)) });
  const open = task.resolvedAt === null;
  const { patient, into } = task;
  return (
    <TaskFrame task={task} color="grape" title={t('reviews.leftovers.title', { name: patient?.name ?? '' })} hint={open ? t('reviews.leftovers.hint') : undefined}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {patient && <PatientColumn p={patient} header={<Text fw={600} size="sm">{t('reviews.leftovers.from')}</Text>} />}
        {into && <PatientColumn p={into} highlight header={<Text fw={600} size="sm">{t('reviews.leftovers.into')}</Text>} />}
      </SimpleGrid>
      {moved !== null && (
        <Alert color={moved > 0 ? 'teal' : 'orange'} variant="light" data-testid="leftovers-done">
          {moved > 0 ? `${t('reviews.leftovers.moved', { count: moved })} ${t('reviews.pendingSync')}` : t('reviews.leftovers.nothingHere')}
        </Alert>
      )}
      {open && patient && hasRole(me, 'admin', 'receptionist') && (
        <Stack gap="xs">
          <Group><Button color="grape" onClick={() => run.mutate({ patientId: patient.id })} loading={run.isPending} data-testid="move-leftovers">{t('reviews.leftovers.move')}</Button></Group>
          <ErrorNote error={run.error} />
        </Stack>
      )}
    </TaskFrame>
  );
}
