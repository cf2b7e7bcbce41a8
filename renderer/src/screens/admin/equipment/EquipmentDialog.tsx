import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { FormError } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';
import { equipmentFieldError } from './errors';

export type Item = Output<'equipment.list'>['items'][number];
const FIELDS = ['assetNo', 'name', 'model', 'manufacturer', 'serialNo', 'departmentId', 'purchaseDate', 'lastMaintenanceDate', 'nextMaintenanceDue', 'intervalMonths', 'notes'];

/** A new item of equipment, or changes to one (its status is changed from the list). */
export function EquipmentDialog({ item, onClose }: { item: Item | null; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const [d, setD] = useState({
    assetNo: item?.assetNo ?? '', name: item?.name ?? '', model: item?.model ?? '', manufacturer: item?.manufacturer ?? '', serialNo: item?.serialNo ?? '',
    departmentId: item?.departmentId ?? null, purchaseDate: item?.purchaseDate ?? '', lastMaintenanceDate: item?.lastMaintenanceDate ?? '',
    nextMaintenanceDue: item?.nextMaintenanceDue ?? '', intervalMonths: item?.intervalMonths ?? null, notes: item?.notes ?? '',
  });
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }));
  const done = (x: Item) => { notifications.show({ color: 'teal', message: t('equipment.saved', { name: x.name }) }); onClose(); };
  const create = useApiMutation('equipment.create', { onSuccess: done });
  const update = useApiMutation('equipment.update', { onSuccess: done });
  const err = create.error ?? update.error;
  const orNull = (s: string) => (s === '' ? null : s);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      ...d, purchaseDate: orNull(d.purchaseDate), lastMaintenanceDate: orNull(d.lastMaintenanceDate), nextMaintenanceDue: orNull(d.nextMaintenanceDue),
    };
    if (item) update.mutate({ id: item.id, ...input });
    else create.mutate(input);
  };
  const fe = (f: string) => equipmentFieldError(err, f);
  const text = (k: 'assetNo' | 'name' | 'model' | 'manufacturer' | 'serialNo', required = false) => (
    <TextInput label={t(`equipment.col.${k}`)} value={d[k]} onChange={(e) => set(k, e.currentTarget.value)} required={required} name={k} error={fe(k)} />
  );
  const date = (k: 'purchaseDate' | 'lastMaintenanceDate' | 'nextMaintenanceDue', label: string) => (
    <TextInput type="date" label={label} value={d[k]} onChange={(e) => set(k, e.currentTarget.value)} name={k} error={fe(k)} />
  );
  return (
    <Modal opened onClose={onClose} title={t(item ? 'equipment.editItem' : 'equipment.newItem')} centered size="lg" data-testid="equipment-dialog">
      <Stack component="form" onSubmit={submit}>
        <SimpleGrid cols={2}>
          {text('assetNo', true)}
          {text('name', true)}
          {text('model')}
          {text('manufacturer')}
          {text('serialNo')}
          <Select label={t('equipment.col.department')} data={departments} value={d.departmentId} onChange={(v) => set('departmentId', v)} clearable
            clearButtonProps={{ 'aria-label': t('common.action.clear') }} name="departmentId" error={fe('departmentId')} />
          {date('purchaseDate', t('equipment.col.purchaseDate'))}
          {date('lastMaintenanceDate', t('equipment.col.lastMaintenance'))}
          {date('nextMaintenanceDue', t('equipment.col.nextDue'))}
          <NumberInput label={t('equipment.col.intervalMonths')} value={d.intervalMonths ?? ''} min={1} max={120} allowDecimal={false}
            onChange={(v) => set('intervalMonths', typeof v === 'number' ? v : null)} name="intervalMonths" error={fe('intervalMonths')} />
        </SimpleGrid>
        <Textarea label={t('equipment.col.notes')} value={d.notes} onChange={(e) => set('notes', e.currentTarget.value)} name="notes" autosize minRows={2} error={fe('notes')} />
        <FormError error={err} fields={FIELDS} />
        <Group justify="flex-end"><Button type="submit" loading={create.isPending || update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
