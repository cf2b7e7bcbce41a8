import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INSURANCE_CLASSES, procedures, type Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { yuanInput } from '../../../ui/format';
import { tryFen } from '../../../ui/yuan';
import { FormError } from '../ui/HubState';

export type Drug = Output<'master.drugs'>['items'][number];
/** The dispensing units the station accepts, from the contract itself. */
const UNITS = procedures['master.createDrug'].input.shape.unit.options;
type Unit = (typeof UNITS)[number];
type InsuranceClass = (typeof INSURANCE_CLASSES)[number];
const FIELDS = ['code', 'name', 'nameEn', 'spec', 'form', 'unit', 'doseUnit', 'dosesPerUnit', 'priceFen', 'insuranceClass', 'lowStockThreshold',
  'manufacturer', 'approvalNumber', 'contraindications', 'cautions'];

/** A new drug, or changes to one (its price change leaves bills already made alone). */
export function DrugDialog({ drug, onClose }: { drug: Drug | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState({
    code: drug?.code ?? '', name: drug?.name ?? '', nameEn: drug?.nameEn ?? '', spec: drug?.spec ?? '', form: drug?.form ?? '',
    unit: (drug?.unit ?? '盒') as Unit, doseUnit: drug?.doseUnit ?? '', dosesPerUnit: drug?.dosesPerUnit ?? 1,
    insuranceClass: drug?.insuranceClass ?? 'none', lowStockThreshold: drug?.lowStockThreshold ?? 10,
    manufacturer: drug?.manufacturer ?? '', approvalNumber: drug?.approvalNumber ?? '', contraindications: drug?.contraindications ?? '', cautions: drug?.cautions ?? '',
  });
  const [price, setPrice] = useState(drug ? yuanInput(drug.priceFen) : '');
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }));
  const done = (x: Drug) => { notifications.show({ color: 'teal', message: t('admin.org.saved', { name: x.name }) }); onClose(); };
  const create = useApiMutation('master.createDrug', { onSuccess: done });
  const update = useApiMutation('master.updateDrug', { onSuccess: done });
  const priceFen = tryFen(price);
  const err = create.error ?? update.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (priceFen === null) return;
    if (drug) update.mutate({ id: drug.id, ...d, priceFen });
    else create.mutate({ ...d, priceFen });
  };
  const text = (k: 'code' | 'name' | 'nameEn' | 'spec' | 'form' | 'doseUnit' | 'manufacturer' | 'approvalNumber', label: string, required = true, placeholder?: string) => (
    <TextInput label={label} value={d[k]} onChange={(e) => set(k, e.currentTarget.value)} required={required} name={k} error={fieldError(err, k)} placeholder={placeholder} />
  );
  const long = (k: 'contraindications' | 'cautions') => (
    <Textarea label={t(`admin.catalog.${k}`)} value={d[k]} onChange={(e) => set(k, e.currentTarget.value)} name={k} error={fieldError(err, k)} autosize minRows={2} maxRows={5} maxLength={1000} />
  );
  return (
    <Modal opened onClose={onClose} title={t(drug ? 'admin.catalog.editDrug' : 'admin.catalog.newDrug')} centered size="lg" data-testid="drug-dialog">
      <Stack component="form" onSubmit={submit}>
        <SimpleGrid cols={2}>
          {text('code', t('admin.common.code'))}{text('name', t('admin.common.name'))}{text('nameEn', t('admin.common.nameEn'), false)}
          {text('spec', t('admin.catalog.spec'))}{text('form', t('admin.catalog.form'))}
          <Select label={t('admin.catalog.unit')} data={[...UNITS]} value={d.unit} onChange={(v) => set('unit', (v ?? '盒') as Unit)} allowDeselect={false} name="unit" error={fieldError(err, 'unit')} />
          {text('doseUnit', t('admin.catalog.doseUnit'))}
          <NumberInput label={t('admin.catalog.dosesPerUnit')} value={d.dosesPerUnit} onChange={(v) => set('dosesPerUnit', Number(v))} min={1} allowDecimal={false}
            name="dosesPerUnit" error={fieldError(err, 'dosesPerUnit')} />
          <TextInput label={t('admin.common.price')} value={price} onChange={(e) => setPrice(e.currentTarget.value)} inputMode="decimal" required name="price"
            error={fieldError(err, 'priceFen') ?? (price && priceFen === null ? t('errors.INVALID_MONEY') : undefined)} />
          <Select label={t('admin.catalog.insuranceClass')} value={d.insuranceClass} onChange={(v) => set('insuranceClass', (v ?? 'none') as InsuranceClass)} allowDeselect={false}
            data={INSURANCE_CLASSES.map((c) => ({ value: c, label: t(`admin.catalog.class.${c}`) }))} name="insuranceClass" error={fieldError(err, 'insuranceClass')} />
          <NumberInput label={t('admin.catalog.lowStock')} value={d.lowStockThreshold} onChange={(v) => set('lowStockThreshold', Number(v))} min={0} allowDecimal={false}
            name="lowStockThreshold" error={fieldError(err, 'lowStockThreshold')} />
          {text('manufacturer', t('admin.catalog.manufacturer'), false)}
          {text('approvalNumber', t('admin.catalog.approvalNumber'), false, t('admin.catalog.approvalHint'))}
        </SimpleGrid>
        {long('contraindications')}{long('cautions')}
        <FormError error={err} fields={FIELDS} />
        <Group justify="flex-end"><Button type="submit" disabled={priceFen === null} loading={create.isPending || update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
