import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SEXES, STAFF_POSITIONS, STAFF_STATUSES, type Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { yuanInput } from '../../../ui/format';
import { tryFen } from '../../../ui/yuan';
import { FormError } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';

export type StaffMember = Output<'org.staff'>['items'][number];
type Position = (typeof STAFF_POSITIONS)[number];
type Status = (typeof STAFF_STATUSES)[number];
type SexT = (typeof SEXES)[number];
const FIELDS = ['name', 'sex', 'position', 'title', 'departmentId', 'specialty', 'registrationFeeFen', 'status', 'phone'];

/** A new person, or changes to one: name, sex, position, title, department, specialty, registration fee, status. */
export function StaffDialog({ member, onClose, onCreated }: { member: StaffMember | null; onClose: () => void; onCreated?: (m: StaffMember) => void }) {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const [name, setName] = useState(member?.name ?? '');
  const [sex, setSex] = useState<SexT>(member?.sex ?? 'U');
  const [position, setPosition] = useState<Position>(member?.position ?? 'doctor');
  const [title, setTitle] = useState(member?.title ?? '');
  const [departmentId, setDepartmentId] = useState<string | null>(member?.departmentId ?? null);
  const [specialty, setSpecialty] = useState(member?.specialty ?? '');
  const [fee, setFee] = useState(member ? yuanInput(member.registrationFeeFen) : '0');
  const [status, setStatus] = useState<Status>(member?.status ?? 'active');
  const [phone, setPhone] = useState(member?.phone ?? '');
  const create = useApiMutation('org.createStaff', {
    onSuccess: (m) => { notifications.show({ color: 'teal', message: t('admin.org.saved', { name: m.name }) }); onClose(); onCreated?.(m); },
  });
  const update = useApiMutation('org.updateStaff', {
    onSuccess: (m) => { notifications.show({ color: 'teal', message: t('admin.org.saved', { name: m.name }) }); onClose(); },
  });
  const feeFen = tryFen(fee);
  const err = create.error ?? update.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (feeFen === null) return;
    const body = { name, sex, position, title, departmentId, specialty, registrationFeeFen: feeFen, status, phone: phone.trim() === '' ? null : phone };
    if (member) update.mutate({ id: member.id, ...body });
    else create.mutate(body);
  };
  const opts = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((v) => ({ value: v, label: label(v) }));
  return (
    <Modal opened onClose={onClose} title={t(member ? 'admin.staff.editStaff' : 'admin.staff.newStaff')} centered size="lg" data-testid="staff-dialog">
      <Stack component="form" onSubmit={submit}>
        <SimpleGrid cols={2}>
          <TextInput label={t('admin.staff.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required name="name" error={fieldError(err, 'name')} data-autofocus />
          <Select label={t('admin.staff.sex')} value={sex} onChange={(v) => setSex((v ?? 'U') as SexT)} allowDeselect={false}
            data={opts(SEXES, (s) => t(`enums.sex.${s}`))} name="sex" error={fieldError(err, 'sex')} />
          <Select label={t('admin.staff.position')} value={position} onChange={(v) => setPosition((v ?? 'doctor') as Position)} allowDeselect={false}
            data={opts(STAFF_POSITIONS, (p) => t(`admin.position.${p}`))} name="position" error={fieldError(err, 'position')} data-testid="staff-position" />
          <TextInput label={t('admin.staff.jobTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} name="title" error={fieldError(err, 'title')} />
          <Select label={t('admin.common.department')} data={departments} value={departmentId} onChange={setDepartmentId} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} searchable
            name="departmentId" error={fieldError(err, 'departmentId')} data-testid="staff-department" />
          <TextInput label={t('admin.staff.specialty')} value={specialty} onChange={(e) => setSpecialty(e.currentTarget.value)} name="specialty" error={fieldError(err, 'specialty')} />
          <TextInput label={t('admin.staff.fee')} value={fee} onChange={(e) => setFee(e.currentTarget.value)} inputMode="decimal" name="fee"
            error={fieldError(err, 'registrationFeeFen') ?? (feeFen === null ? t('errors.INVALID_MONEY') : undefined)} />
          <Select label={t('admin.common.status')} value={status} onChange={(v) => setStatus((v ?? 'active') as Status)} allowDeselect={false}
            data={opts(STAFF_STATUSES, (s) => t(`admin.staffStatus.${s}`))} name="status" error={fieldError(err, 'status')} />
          <TextInput label={t('admin.staff.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} type="tel" inputMode="tel" name="phone" error={fieldError(err, 'phone')} />
        </SimpleGrid>
        <FormError error={err} fields={FIELDS} />
        <Group justify="flex-end"><Button type="submit" disabled={feeFen === null} loading={create.isPending || update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
