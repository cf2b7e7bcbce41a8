import { Badge, Group, Radio, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';
import { nextRovingIndex, rovingStop } from '../../ui/roving';

export type Session = Output<'catalog.sessions'>['items'][number];

/** A day's roster sessions with their seats ("12/30"); stopped, full and past ones cannot be chosen. */
export function SessionPicker({ date, value, onChange, error, autoFocus = false }: {
  date: string; value: string | null; onChange: (s: Session) => void; error?: string | undefined;
  /** The dialog's first field: focus its Tab stop once the sessions have come (the dialog opened before they did). */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const q = useApiQuery('catalog.sessions', { from: date, to: date });
  const list = useRef<HTMLDivElement>(null);
  const loaded = q.data !== undefined;
  useEffect(() => {
    if (autoFocus && loaded) list.current?.querySelector<HTMLElement>('[data-testid="session-option"][tabindex="0"]')?.focus();
  }, [autoFocus, loaded]);
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={120} />;
  const items = q.data.items;
  if (items.length === 0) return <EmptyState title={t('frontdesk.book.noSessions')} />;
  const open = (i: number) => { const s = items[i]; return s !== undefined && !(s.stopped || s.past || s.seatsLeft === 0); };
  // One Tab stop for the list (the chosen session, else the first open one); the arrows choose, as
  // radio buttons do, skipping closed sessions; Enter on the chosen one submits the dialog.
  const stop = rovingStop(items.findIndex((s) => s.id === value), items.length, open);
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const cards = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-testid="session-option"]'));
    const from = cards.findIndex((c) => c === e.target);
    if (from < 0) return;
    if (e.key === 'Enter' && items[from]?.id === value) {
      e.preventDefault();
      e.stopPropagation();
      cards[from]?.closest('form')?.requestSubmit();
      return;
    }
    const to = nextRovingIndex(from, e.key, items.length, open);
    if (to === null && !['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(e.key)) return;
    e.preventDefault();
    e.stopPropagation();
    if (to === null) return;
    cards[to]?.focus();
    const s = items[to];
    if (s) onChange(s);
  };
  return (
    <Stack gap={4}>
      <ScrollArea.Autosize mah={320}>
        <Radio.Group value={value} onChange={(id) => { const s = items.find((x) => x.id === id); if (s) onChange(s); }}
          label={t('frontdesk.book.session')}>
          <Stack gap={6} onKeyDownCapture={onKeyDownCapture} ref={list}>
            {items.map((s, i) => {
              const closed = !open(i);
              return (
                <Radio.Card key={s.id} value={s.id} disabled={closed} p="xs" radius="sm" data-testid="session-option" tabIndex={i === stop ? 0 : -1}
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
