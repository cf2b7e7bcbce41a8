import { Badge, Group, Radio, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';

export type Session = Output<'catalog.sessions'>['items'][number];

/** A day's roster sessions with their seats ("12/30"); stopped, full and past ones cannot be chosen. */
export function SessionPicker({ date, value, onChange, error }: { date: string; value: string | null; onChange: (s: Session) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const q = useApiQuery('catalog.sessions', { from: date, to: date });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={120} />;
  const items = q.data.items;
  if (items.length === 0) return <EmptyState title={t('frontdesk.book.noSessions')} />;
  return (
    <Stack gap={4}>
      <ScrollArea.Autosize mah={320}>
        <Radio.Group value={value} onChange={(id) => { const s = items.find((x) => x.id === id); if (s) onChange(s); }}>
          <Stack gap={6}>
            {items.map((s) => {
              const closed = s.stopped || s.past || s.seatsLeft === 0;
              return (
                <Radio.Card key={s.id} value={s.id} disabled={closed} p="xs" radius="sm" data-testid="session-option"
                  style={{ opacity: closed ? 0.6 : 1, cursor: closed ? 'not-allowed' : 'pointer' }}>
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap="sm" wrap="nowrap">
                      <Radio.Indicator disabled={closed} />
                      <div>
                        <Text size="sm" fw={600}>{s.doctorName} <Text span size="xs" c="dimmed">{s.doctorTitle}</Text></Text>
                        <Text size="xs" c="dimmed">{s.departmentName} · {t(`enums.period.${s.period}`)}{s.roomName ? ` · ${s.roomName}` : ''} · {money(s.registrationFeeFen)}</Text>
                        {s.stopped && s.stopReason && <Text size="xs" c="red">{s.stopReason}</Text>}
                      </div>
                    </Group>
                    <Group gap={6} wrap="nowrap">
                      {s.stopped && <Badge color="red" variant="filled" size="sm">{t('frontdesk.book.stopped')}</Badge>}
                      {!s.stopped && s.seatsLeft === 0 && <Badge color="orange" variant="light" size="sm">{t('frontdesk.book.full')}</Badge>}
                      <Text size="sm" fw={600} className="tabular" data-testid="seats">{t('frontdesk.book.seats', { booked: s.booked, capacity: s.capacity })}</Text>
                    </Group>
                  </Group>
                </Radio.Card>
              );
            })}
          </Stack>
        </Radio.Group>
      </ScrollArea.Autosize>
      {error && <Text size="xs" c="red">{error}</Text>}
    </Stack>
  );
}
