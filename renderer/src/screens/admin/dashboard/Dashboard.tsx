import { LineChart } from '@mantine/charts';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../../main/api/contract';
import { useApiQuery } from '../../../api/query';
import { money } from '../../../ui/format';
import { useClinicToday } from '../../../ui/useClinic';
import { minutes } from '../stats/figures';
import { QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { useBuiltInKind } from '../../../ui/dictionary';

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz={28} fw={700} className="tabular" lh={1.3} data-testid={`${testId}-value`}>{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Paper>
  );
}

function RegistrationsChart({ today }: { today: string }) {
  const { t } = useTranslation();
  const q = useApiQuery('stats.registrations', { from: addDays(today, -19), to: today });
  return (
    <Panel title={t('admin.dashboard.chart')} testId="dashboard-chart">
      <QueryState query={q} height={260}>{(d) => (
        // A line per kind of visit over the 20 days: the trend is what the chart is for.
        <LineChart h={260} data={d.rows.map((r) => ({ day: r.date.slice(5), total: r.registrations, first: r.firstVisits, followUp: r.followUps }))} dataKey="day" curveType="monotone"
          series={[{ name: 'total', label: t('admin.stats.col.registrations'), color: 'gray.7' }, { name: 'first', label: t('enums.visitType.first'), color: 'teal.6' },
            { name: 'followUp', label: t('enums.visitType.follow_up'), color: 'blue.5' }]}
          withLegend tickLine="y" gridAxis="y" aria-label={t('admin.dashboard.chart')} role="img" />
      )}</QueryState>
    </Panel>
  );
}

/** Today at a glance: registrations, visits, who waits, income, waits, no-shows; and 20 days of registrations. */
export function Dashboard() {
  const { t } = useTranslation();
  const methods = useBuiltInKind('payment_method');
  const today = useClinicToday();
  const q = useApiQuery('stats.dashboard', {}, { refetchInterval: 30_000 });
  return (
    <Stack>
      <QueryState query={q} height={120}>{(d) => {
        const visits = d.visitsByStatus.filter((v) => v.status !== 'cancelled').reduce((n, v) => n + v.visits, 0);
        const byStatus = d.visitsByStatus.filter((v) => v.visits > 0).map((v) => `${t(`enums.visitStatus.${v.status}`)} ${v.visits}`).join(' · ');
        return (
          <Stack gap="sm">
            <Group justify="space-between"><Title order={3}>{t('admin.dashboard.title', { date: d.date })}</Title></Group>
            <SimpleGrid cols={{ base: 2, lg: 3, xl: 6 }} data-testid="dashboard-figures">
              <Figure testId="fig-registrations" label={t('admin.dashboard.registrations')} value={String(d.registrations)} />
              <Figure testId="fig-visits" label={t('admin.dashboard.visits')} value={String(visits)} {...(byStatus ? { hint: byStatus } : {})} />
              <Figure testId="fig-waiting" label={t('admin.dashboard.waiting')} value={String(d.waitingNow)} />
              <Figure testId="fig-income" label={t('admin.dashboard.income')} value={money(d.incomeNetFen)}
                hint={d.income.filter((m) => m.netFen !== 0).map((m) => `${methods.name(m.method)} ${money(m.netFen)}`).join(' · ')} />
              <Figure testId="fig-wait" label={t('admin.dashboard.avgWait')} value={minutes(d.averageWaitMs)}
                hint={t('admin.dashboard.consultations', { count: d.consultations })} />
              <Figure testId="fig-noshows" label={t('admin.dashboard.noShows')} value={String(d.noShows)} hint={t('admin.dashboard.appointments', { count: d.appointments })} />
            </SimpleGrid>
          </Stack>
        );
      }}</QueryState>
      {/* Without the hub there is no chart either: one notice says so. */}
      {q.data && <RegistrationsChart today={today} />}
    </Stack>
  );
}
