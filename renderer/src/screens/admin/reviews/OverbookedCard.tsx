/** A session booked past capacity: the session, every booking holding a seat, and a way to cancel or move one. */
import { Badge, Button, Group, Menu, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query';
import { hasRole, useSession } from '../../../state/session';
import { ErrorNote } from '../../../ui/ErrorNote';
import { dateTime } from '../../../ui/format';
import { ReasonDialog } from '../../../ui/ReasonDialog';
import { TaskFrame } from './TaskFrame';
import type { OverbookedTask } from './types';

type Booking = OverbookedTask['bookings'][number];

export function OverbookedCard({ task }: { task: OverbookedTask }) {
  const { t, i18n } = useTranslation();
  const me = useSession((s) => s.me);
  const desk = hasRole(me, 'receptionist');
  const open = task.resolvedAt === null;
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [done, setDone] = useState(false);
  const cancel = useApiMutation('appointments.cancel', { onSuccess: () => { setCancelling(null); setDone(true); } });
  const cancelVisit = useApiMutation('frontdesk.cancelVisit', { onSuccess: () => { setCancelling(null); setDone(true); } });
  const move = useApiMutation('appointments.reschedule', { onSuccess: () => setDone(true) });
  const s = task.session;
  const title = s
    ? t('reviews.overbooked.title', {
      date: s.date, period: t(`enums.period.${s.period}`), doctor: s.doctorName,
      department: i18n.language.startsWith('zh') ? s.departmentName : s.departmentNameEn,
    })
    : t('reviews.overbooked.sessionGone');
  const status = (b: Booking) => (b.kind === 'appointment' ? t(`enums.appointmentStatus.${b.status as 'pending'}`) : t(`enums.visitStatus.${b.status as 'waiting'}`));
  const cancelPending = cancel.isPending || cancelVisit.isPending;

  return (
    <TaskFrame task={task} color="red" title={title} hint={open ? t('reviews.overbooked.hint') : undefined}>
      {s && (
        <Group gap="xs">
          <Badge color={s.held > s.capacity ? 'red' : 'teal'} variant="light" size="lg" data-testid="seats">
            {t('reviews.overbooked.capacity', { capacity: s.capacity, held: s.held })}
          </Badge>
        </Group>
      )}
      <Table striped data-testid="bookings">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('reviews.overbooked.patient')}</Table.Th><Table.Th>{t('reviews.overbooked.kind')}</Table.Th>
          <Table.Th>{t('reviews.overbooked.status')}</Table.Th><Table.Th>{t('reviews.overbooked.bookedAt')}</Table.Th>
          <Table.Th>{t('reviews.overbooked.desk')}</Table.Th>{open && desk && <Table.Th>{t('admin.common.actions')}</Table.Th>}
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {task.bookings.map((b) => (
            <Table.Tr key={b.id} data-testid="booking-row">
              <Table.Td>{b.patientName} <Text span size="xs" c="dimmed" ff="monospace">{b.recordNo}</Text></Table.Td>
              <Table.Td>{b.kind === 'appointment' ? t('reviews.overbooked.appointment') : t('reviews.overbooked.walkIn')}</Table.Td>
              <Table.Td>{status(b)}</Table.Td>
              <Table.Td className="tabular">{dateTime(b.bookedAt)}</Table.Td>
              <Table.Td ff="monospace">{b.bookedOn ?? t('admin.common.none')}</Table.Td>
              {open && desk && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {b.kind === 'appointment' && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="compact-xs" variant="light" data-testid="move" loading={move.isPending && move.variables.id === b.id}>
                            {t('reviews.overbooked.move')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Label>{t('reviews.overbooked.moveTo')}</Menu.Label>
                          {task.alternatives.length === 0 && <Menu.Item disabled>{t('reviews.overbooked.noAlternative')}</Menu.Item>}
                          {task.alternatives.map((a) => (
                            <Menu.Item key={a.id} data-testid="move-target"
                              onClick={() => move.mutate({ id: b.id, sessionId: a.id, reason: t('reviews.overbooked.moveReason') })}>
                              {t('reviews.overbooked.seatsLeft', { date: a.date, period: t(`enums.period.${a.period}`), doctor: a.doctorName, seats: a.seatsLeft })}
                            </Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setCancelling(b)} data-testid="cancel-booking">
                      {t('reviews.overbooked.cancel')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ErrorNote error={move.error} />
      {done && <Text size="sm" c="teal" data-testid="booking-done">{t('reviews.pendingSync')}</Text>}
      {open && !desk && <Text size="sm" c="dimmed">{t('reviews.overbooked.receptionOnly')}</Text>}
      <ReasonDialog key={cancelling?.id ?? 'none'} opened={cancelling !== null} onClose={() => setCancelling(null)} busy={cancelPending}
        error={cancelling?.kind === 'walk_in' ? cancelVisit.error : cancel.error}
        title={cancelling ? t(cancelling.kind === 'walk_in' ? 'reviews.overbooked.cancelVisitTitle' : 'reviews.overbooked.cancelTitle', { name: cancelling.patientName }) : ''}
        label={t('reviews.overbooked.cancelReason')} submit={t('reviews.overbooked.cancelSubmit')}
        onSubmit={(reason) => {
          if (!cancelling) return;
          if (cancelling.kind === 'walk_in') cancelVisit.mutate({ visitId: cancelling.id, reason });
          else cancel.mutate({ id: cancelling.id, reason });
        }} />
    </TaskFrame>
  );
}
