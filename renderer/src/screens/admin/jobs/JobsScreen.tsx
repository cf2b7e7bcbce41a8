/** The hub's scheduled jobs: what each does, its schedule, next and last run with the result, and "run now". */
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { dateTime } from '../../../ui/format';
import { AdminError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';

type Job = Output<'jobs.list'>['jobs'][number];

/** The i18n key part of a job name ('appointments.lapse' → 'appointments_lapse'): i18next reads dots as nesting. */
const keyOf = (name: string) => name.replace(/\./g, '_');

function Result({ job }: { job: Job }) {
  const { t } = useTranslation();
  if (job.running) return <Badge color="blue" variant="light">{t('admin.jobs.running')}</Badge>;
  if (job.lastResult === null) return <Badge color="gray" variant="light">{t('admin.jobs.never')}</Badge>;
  return job.lastResult === 'ok'
    ? <Badge color="teal" variant="light">{t('admin.jobs.ok')}</Badge>
    : <Badge color="red" variant="light">{t('admin.jobs.failed')}</Badge>;
}

export function JobsScreen() {
  const { t } = useTranslation();
  const q = useApiQuery('jobs.list', {}, { refetchInterval: 15_000 });
  const run = useApiMutation('jobs.runNow', { onSuccess: () => void q.refetch() });
  return (
    <Stack>
      <Panel title={t('admin.jobs.title')} testId="jobs">
        <Text size="sm" c="dimmed">{t('admin.jobs.hint')}</Text>
        <AdminError error={run.error} />
        <QueryState query={q}>{(d) => (
          <Table striped data-testid="jobs-table">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('admin.jobs.job')}</Table.Th><Table.Th>{t('admin.jobs.next')}</Table.Th><Table.Th>{t('admin.jobs.last')}</Table.Th>
              <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.jobs.detail')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.jobs.map((j) => (
                <Table.Tr key={j.name} data-testid="job-row">
                  <Table.Td><Text size="sm" fw={600}>{t(`admin.jobs.names.${keyOf(j.name)}`, { defaultValue: j.name })}</Text>
                    <Text size="xs" c="dimmed">{t(`admin.jobs.when.${keyOf(j.name)}`, { defaultValue: j.schedule })}</Text></Table.Td>
                  <Table.Td className="tabular">{dateTime(j.nextDueAt)}</Table.Td>
                  <Table.Td className="tabular">{j.lastStartedAt === null ? t('admin.jobs.never') : dateTime(j.lastStartedAt)}</Table.Td>
                  <Table.Td><Result job={j} /></Table.Td>
                  <Table.Td><Text size="sm" c={j.lastResult === 'failed' ? 'red' : undefined} data-testid="job-detail">{j.lastDetail ?? ''}</Text></Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="light" data-testid="run-now" disabled={j.running}
                      loading={run.isPending && run.variables?.name === j.name} onClick={() => run.mutate({ name: j.name })}>
                      {t('admin.jobs.runNow')}</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}</QueryState>
      </Panel>
    </Stack>
  );
}
