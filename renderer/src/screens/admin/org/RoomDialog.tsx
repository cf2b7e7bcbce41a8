import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';

export type Room = Output<'org.rooms'>['items'][number];

export function RoomDialog({ room, onClose }: { room: Room | null; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const [departmentId, setDepartmentId] = useState<string | null>(room?.departmentId ?? null);
  const [name, setName] = useState(room?.name ?? '');
  const done = (r: Room) => { notifications.show({ color: 'teal', message: t('admin.org.saved', { name: r.name }) }); onClose(); };
  const create = useApiMutation('org.createRoom', { onSuccess: done });
  const update = useApiMutation('org.updateRoom', { onSuccess: done });
  const err = create.error ?? update.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!departmentId) return;
    if (room) update.mutate({ id: room.id, name, departmentId });
    else create.mutate({ departmentId, name });
  };
  return (
    <Modal opened onClose={onClose} title={t(room ? 'admin.org.editRoom' : 'admin.org.newRoom')} centered data-testid="room-dialog">
      <Stack component="form" onSubmit={submit}>
        <Select label={t('admin.common.department')} data={departments} value={departmentId} onChange={setDepartmentId} required searchable
          name="departmentId" error={fieldError(err, 'departmentId')} data-testid="room-department" />
        <TextInput label={t('admin.org.roomName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required name="roomName" error={fieldError(err, 'name')} />
        <FormError error={err} fields={['departmentId', 'name']} />
        <Group justify="flex-end"><Button type="submit" disabled={!departmentId} loading={create.isPending || update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
