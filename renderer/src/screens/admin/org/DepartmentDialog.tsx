import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError } from '../ui/HubState';

export type Department = Output<'org.departments'>['items'][number];
const FIELDS = ['code', 'name', 'nameEn'];

export function DepartmentDialog({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(department?.code ?? '');
  const [name, setName] = useState(department?.name ?? '');
  const [nameEn, setNameEn] = useState(department?.nameEn ?? '');
  const done = (d: Department) => { notifications.show({ color: 'teal', message: t('admin.org.saved', { name: d.name }) }); onClose(); };
  const create = useApiMutation('org.createDepartment', { onSuccess: done });
  const update = useApiMutation('org.updateDepartment', { onSuccess: done });
  const err = create.error ?? update.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (department) update.mutate({ id: department.id, code, name, nameEn });
    else create.mutate({ code, name, nameEn });
  };
  return (
    <Modal opened onClose={onClose} title={t(department ? 'admin.org.editDepartment' : 'admin.org.newDepartment')} centered data-testid="department-dialog">
      <Stack component="form" onSubmit={submit}>
        <TextInput label={t('admin.common.code')} description={t('admin.org.codeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)}
          required name="code" error={fieldError(err, 'code')} data-autofocus />
        <TextInput label={t('admin.common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required name="name" error={fieldError(err, 'name')} />
        <TextInput label={t('admin.common.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} required name="nameEn" error={fieldError(err, 'nameEn')} />
        <FormError error={err} fields={FIELDS} />
        <Group justify="flex-end"><Button type="submit" loading={create.isPending || update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
