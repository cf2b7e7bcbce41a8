import { Badge, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, SESSION_PERIODS } from '../../../../../main/api/contract';
import { useApiQuery } from '../../../api/query';
import { useClinicToday } from '../../../ui/useClinic';
import { QueryState } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';
import { Panel } from '../ui/Panel';
import { daysFrom, isoWeekday, mondayOf } from './dates';
import { CallListDialog, EditSessionDialog, StopSessionDialog, type Session } from './SessionDialogs';
import { useWeekdayLabel } from './weekdays';

type Open = { kind: 'edit' | 'stop' | 'calls'; session: Session } | null;

function SessionCard({ s, onOpen }: { s: Session; onOpen: (o: Open) => void }) {
  const { t } = useTranslation();
  const full = s.booked >= s.capacity;
  return (
    <Paper withBorder p={6} radius="sm" data-testid="calendar-session" data-session-id={s.id}
      bg={s.stopped ? 'var(--mantine-color-red-0)' : full ? 'var(--mantine-color-orange-0)' : undefined}>
      <Text size="xs" fw={600} lineClamp={1}>{s.doctorName}</Text>
      {s.doctorPhone && <Text size="xs" c="dimmed" className="tabular" lineClamp={1} data-testid="session-doctor-phone">{s.doctorPhone}</Text>}
      <Text size="xs" c="dimmed" lineClamp={1}>{t(`enums.period.${s.period}`)}{s.roomName ? ` · ${s.roomName}` : ''}</Text>
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Text size="xs" className="tabular" fw={600} data-testid="session-seats">{s.booked}/{s.capacity}</Text>
        {s.stopped && <Badge size="xs" color="red" variant="filled">{t('admin.rosters.stoppedMark')}</Badge>}
      </Group>
      {!s.past && (
        <Group gap={2} mt={2} wrap="nowrap">
          {!s.stopped && <UnstyledButton fz="xs" c="blue.9" onClick={() => onOpen({ kind: 'edit', session: s })} data-testid="session-edit-open"
            aria-label={`${t('admin.common.edit')} ${s.doctorName} ${s.date}`}>{t('admin.common.edit')}</UnstyledButton>}
          {!s.stopped && <UnstyledButton fz="xs" c="red.9" ml={6} onClick={() => onOpen({ kind: 'stop', session: s })} data-testid="session-stop-open"
            aria-label={`${t('admin.rosters.stop')} ${s.doctorName} ${s.date}`}>{t('admin.rosters.stop')}</UnstyledButton>}
          {s.stopped && <UnstyledButton fz="xs" c="blue.9" onClick={() => onOpen({ kind: 'calls', session: s })} data-testid="session-calls-open">{t('admin.rosters.callList')}</UnstyledButton>}
        </Group>
      )}
    </Paper>
  );
}

/** One week: a column per day, the day's sessions in period order. */
function Week({ days, sessions, today, onOpen }: { days: string[]; sessions: Session[]; today: string; onOpen: (o: Open) => void }) {
  const weekday = useWeekdayLabel();
  const order = (s: Session) => SESSION_PERIODS.indexOf(s.period);
  return (
    <SimpleGrid cols={7} spacing={6} data-testid="calendar-week">
      {days.map((d) => {
        const mine = sessions.filter((s) => s.date === d).sort((a, b) => order(a) - order(b) || a.doctorName.localeCompare(b.doctorName));
        return (
          <Stack key={d} gap={4} data-testid="calendar-day" data-date={d} style={{ minWidth: 0 }}>
            <Text size="xs" fw={d === today ? 700 : 500} c={d === today ? "teal.9" : undefined} ta="center"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
              {weekday(isoWeekday(d))} {d.slice(5)}
            </Text>
            {mine.map((s) => <SessionCard key={s.id} s={s} onOpen={onOpen} />)}
          </Stack>
        );
      })}
    </SimpleGrid>
  );
}

/** The admin calendar: a week or two of sessions with booked/capacity; edit, stop, call list. */
export function Calendar() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const [start, setStart] = useState(() => mondayOf(today));
  const [weeks, setWeeks] = useState<'1' | '2'>('1');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const n = Number(weeks) * 7;
  const q = useApiQuery('rosters.sessions', { from: start, to: addDays(start, n - 1), ...(departmentId ? { departmentId } : {}) });
  const departments = useDepartmentOptions();
  return (
    <Panel title={t('admin.rosters.calendar')} testId="calendar" actions={<>
      <Select size="xs" data={departments} value={departmentId} onChange={setDepartmentId} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} placeholder={t('admin.common.allDepartments')}
        aria-label={t('admin.common.department')} w={160} />
      <SegmentedControl size="xs" value={weeks} onChange={(v) => setWeeks(v as '1' | '2')} aria-label={t('admin.rosters.span')}
        data={[{ value: '1', label: t('admin.rosters.week') }, { value: '2', label: t('admin.rosters.twoWeeks') }]} />
      <Button size="xs" variant="default" onClick={() => setStart(addDays(start, -7))}>{t('admin.rosters.prev')}</Button>
      <Button size="xs" variant="default" onClick={() => setStart(mondayOf(today))}>{t('admin.rosters.thisWeek')}</Button>
      <Button size="xs" variant="default" onClick={() => setStart(addDays(start, 7))}>{t('admin.rosters.next')}</Button>
    </>}>
      <QueryState query={q} height={240}>{(d) => (
        <Stack gap="md">
          {d.items.length === 0 && <Text size="sm" c="dimmed">{t('admin.rosters.noSessions')}</Text>}
          {Array.from({ length: Number(weeks) }, (_, w) => (
            <Week key={w} days={daysFrom(addDays(start, w * 7), 7)} sessions={d.items} today={today} onOpen={setOpen} />
          ))}
        </Stack>
      )}</QueryState>
      {open?.kind === 'edit' && <EditSessionDialog session={open.session} onClose={() => setOpen(null)} />}
      {open?.kind === 'stop' && <StopSessionDialog session={open.session} onClose={() => setOpen(null)} />}
      {open?.kind === 'calls' && <CallListDialog session={open.session} onClose={() => setOpen(null)} />}
    </Panel>
  );
}
