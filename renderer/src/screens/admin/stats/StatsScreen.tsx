import { Button, Group, Paper, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../../main/api/contract';
import { useClinicToday } from '../../../ui/useClinic';
import { STAT_GROUPS, type StatGroup, type StatisticName } from './names';
import { ReportView } from './ReportView';

/** Statistics over a date range (the last 30 days at first): a group, a report in it, chart, table, export. */
export function StatsScreen() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const [draft, setDraft] = useState({ from: addDays(today, -29), to: today });
  const [range, setRange] = useState(draft);
  const [group, setGroup] = useState<StatGroup>('visits');
  const [name, setName] = useState<StatisticName>('registrations');
  const apply = (e: FormEvent) => { e.preventDefault(); setRange(draft); };
  const pickGroup = (g: StatGroup) => { setGroup(g); setName(STAT_GROUPS[g][0]); };
  return (
    <Stack>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group component="form" onSubmit={apply} align="flex-end" data-testid="stats-range">
            <TextInput type="date" label={t('admin.stats.from')} value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} required name="from" />
            <TextInput type="date" label={t('admin.stats.to')} value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} required name="to" />
            <Button type="submit" data-testid="stats-apply">{t('admin.stats.apply')}</Button>
          </Group>
          <SegmentedControl value={group} onChange={(v) => pickGroup(v as StatGroup)} aria-label={t('admin.stats.group')} data-testid="stats-groups"
            data={(Object.keys(STAT_GROUPS) as StatGroup[]).map((g) => ({ value: g, label: t(`admin.stats.groups.${g}`) }))} />
          <SegmentedControl size="xs" value={name} onChange={(v) => setName(v as StatisticName)} aria-label={t('admin.stats.report.label')} data-testid="stats-reports"
            data={STAT_GROUPS[group].map((n) => ({ value: n, label: t(`admin.stats.report.${n}`) }))} />
        </Stack>
      </Paper>
      <ReportView key={`${name}:${range.from}:${range.to}`} name={name} from={range.from} to={range.to} />
    </Stack>
  );
}
