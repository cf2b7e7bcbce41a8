import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_PERIODS, type Output, type SessionPeriod } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError } from '../ui/HubState';
import { useDoctorOptions, useRoomOptions } from '../ui/options';
import { useWeekdayOptions } from './weekdays';

type Template = Output<'rosters.templates'>['items'][number];
const FIELDS = ['doctorId', 'weekday', 'period', 'roomId', 'capacity'];

/** A new weekly template, or one to change (its doctor stays). */
export function TemplateDialog({ template, onClose }: { template: Template | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [doctorId, setDoctorId] = useState<string | null>(template?.doctorId ?? null);
  const [weekday, setWeekday] = useState<string>(String(template?.weekday ?? 1));
  const [period, setPeriod] = useState<SessionPeriod>(template?.period ?? 'morning');
  const [roomId, setRoomId] = useState<string | null>(template?.roomId ?? null);
  const [capacity, setCapacity] = useState<number | string>(template?.capacity ?? 20);
  const doctors = useDoctorOptions();
  const rooms = useRoomOptions();
  const weekdays = useWeekdayOptions();
  const done = () => { notifications.show({ color: 'teal', message: t('admin.common.saved') }); onClose(); };
  const create = useApiMutation('rosters.createTemplate', { onSuccess: done });
  const update = useApiMutation('rosters.updateTemplate', { onSuccess: done });
  const err = create.error ?? update.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { weekday: Number(weekday), period, roomId, capacity: Number(capacity) };
    if (template) update.mutate({ id: template.id, ...common });
    else if (doctorId) create.mutate({ doctorId, ...common });
  };
  return (
    <Modal opened onClose={onClose} title={t(template ? 'admin.rosters.editTemplate' : 'admin.rosters.newTemplate')} centered data-testid="template-dialog">
      <Stack component="form" onSubmit={submit}>
        <Select label={t('admin.common.doctor')} data={doctors} value={doctorId} onChange={setDoctorId} searchable required
          disabled={template !== null} name="doctorId" error={fieldError(err, 'doctorId')} data-testid="template-doctor" />
        <SimpleGrid cols={2}>
          <Select label={t('admin.rosters.weekday')} data={weekdays} value={weekday} onChange={(v) => setWeekday(v ?? '1')}
            allowDeselect={false} name="weekday" error={fieldError(err, 'weekday')} data-testid="template-weekday" />
          <Select label={t('admin.common.period')} value={period} onChange={(v) => setPeriod((v ?? 'morning') as SessionPeriod)} allowDeselect={false}
            data={SESSION_PERIODS.map((p) => ({ value: p, label: t(`enums.period.${p}`) }))} name="period" error={fieldError(err, 'period')} data-testid="template-period" />
          <Select label={t('admin.common.room')} data={rooms} value={roomId} onChange={setRoomId} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} placeholder={t('admin.rosters.noRoom')}
            name="roomId" error={fieldError(err, 'roomId')} data-testid="template-room" />
          <NumberInput label={t('admin.common.capacity')} value={capacity} onChange={setCapacity} min={1} max={500} allowDecimal={false} required
            name="capacity" error={fieldError(err, 'capacity')} />
        </SimpleGrid>
        <FormError error={err} fields={FIELDS} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending || update.isPending} disabled={!doctorId}>{t('admin.common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
