import { Alert, Button, Group, Modal, NumberInput, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError, QueryState } from '../ui/HubState';
import { useRoomOptions } from '../ui/options';
import { CallList, type CallEntry } from './CallList';

export type Session = Output<'rosters.sessions'>['items'][number];
type Overflow = 'keep' | 'cancel_latest';

/** "李明 2026-11-23 上午" — re-rendered with the dialog when the language changes. */
function sessionName(s: Session): string {
  return i18next.t('admin.rosters.sessionName', { doctor: s.doctorName, date: s.date, period: i18next.t(`enums.period.${s.period}`) });
}

/** Change a coming session's capacity or room; below the seats held, the admin says what happens to the extra bookings. */
export function EditSessionDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const rooms = useRoomOptions(session.departmentId);
  const [capacity, setCapacity] = useState<number | string>(session.capacity);
  const [roomId, setRoomId] = useState<string | null>(session.roomId);
  const [overflow, setOverflow] = useState<Overflow | null>(null);
  const [cancelled, setCancelled] = useState<CallEntry[] | null>(null);
  const update = useApiMutation('rosters.updateSession', {
    onSuccess: (r) => {
      notifications.show({ color: 'teal', message: t('admin.common.saved') });
      if (r.cancelled.length > 0) setCancelled(r.cancelled); else onClose();
    },
  });
  const cap = Number(capacity);
  const below = Number.isInteger(cap) && cap < session.booked;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ sessionId: session.id, capacity: cap, roomId, ...(below && overflow ? { overflow } : {}) });
  };
  const err = update.error;
  return (
    <Modal opened onClose={onClose} title={`${t('admin.rosters.editSession')}${t('common.punct.colon')}${sessionName(session)}`} centered size="lg" data-testid="session-edit">
      {cancelled ? (
        <Stack>
          <Alert color="orange" variant="light">{t('admin.rosters.cancelledDone', { count: cancelled.length })}</Alert>
          <CallList items={cancelled} />
          <Group justify="flex-end"><Button onClick={onClose}>{t('common.action.close')}</Button></Group>
        </Stack>
      ) : (
        <Stack component="form" onSubmit={submit}>
          <Text size="sm">{t('admin.rosters.booked', { booked: session.booked, capacity: session.capacity })}</Text>
          <Group grow align="flex-start">
            <NumberInput label={t('admin.common.capacity')} value={capacity} onChange={setCapacity} min={1} max={500} allowDecimal={false} required
              name="capacity" error={fieldError(err, 'capacity')} />
            <Select label={t('admin.common.room')} data={rooms} value={roomId} onChange={setRoomId} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} placeholder={t('admin.rosters.noRoom')}
              name="roomId" error={fieldError(err, 'roomId')} />
          </Group>
          {below && (
            <Radio.Group value={overflow} onChange={(v) => setOverflow(v as Overflow)} label={t('admin.rosters.overflowTitle')}
              description={t('admin.rosters.overflowBody', { booked: session.booked, capacity: cap })} required data-testid="overflow">
              <Stack gap={6} mt={6}>
                <Radio value="keep" label={t('admin.rosters.overflowKeep')} />
                <Radio value="cancel_latest" label={t('admin.rosters.overflowCancel', { count: session.booked - cap })} />
              </Stack>
            </Radio.Group>
          )}
          <FormError error={err} fields={['capacity', 'roomId']} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={below && overflow === null}>{t('admin.common.save')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Stop a coming session with a reason; then the patients to phone. */
export function StopSessionDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [callList, setCallList] = useState<CallEntry[] | null>(null);
  const stop = useApiMutation('rosters.stop', { onSuccess: (r) => setCallList(r.callList) });
  const submit = (e: FormEvent) => { e.preventDefault(); stop.mutate({ sessionId: session.id, reason }); };
  return (
    <Modal opened onClose={onClose} title={`${t('admin.rosters.stop')}${t('common.punct.colon')}${sessionName(session)}`} centered size="lg" data-testid="session-stop">
      {callList ? (
        <Stack>
          <Alert color="red" variant="light" data-testid="stop-done">{t('admin.rosters.stoppedDone', { count: callList.length })}</Alert>
          <CallList items={callList} />
          <Group justify="flex-end"><Button onClick={onClose}>{t('common.action.close')}</Button></Group>
        </Stack>
      ) : (
        <Stack component="form" onSubmit={submit}>
          <Text size="sm">{t('admin.rosters.stopHint', { booked: session.booked })}</Text>
          <Textarea label={t('admin.rosters.stopReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autoFocus
            name="reason" error={fieldError(stop.error, 'reason')} minRows={2} />
          <FormError error={stop.error} fields={['reason']} />
          <Group justify="flex-end"><Button type="submit" color="red" loading={stop.isPending}>{t('admin.rosters.stopSubmit')}</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The patients to phone about a session that was stopped or cut. */
export function CallListDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useApiQuery('rosters.callList', { sessionId: session.id });
  return (
    <Modal opened onClose={onClose} title={`${t('admin.rosters.callList')}${t('common.punct.colon')}${sessionName(session)}`} centered size="lg" data-testid="call-list-dialog">
      <QueryState query={q}>{(d) => <CallList items={d.items} />}</QueryState>
    </Modal>
  );
}
