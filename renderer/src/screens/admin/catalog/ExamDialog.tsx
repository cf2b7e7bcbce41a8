import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EXAM_CATEGORIES, type Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { yuanInput } from '../../../ui/format';
import { tryFen } from '../../../ui/yuan';
import { FormError } from '../ui/HubState';

export type ExamItem = Output<'master.examItems'>['items'][number];
type Category = (typeof EXAM_CATEGORIES)[number];

export function ExamDialog({ item, onClose }: { item: ExamItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(item?.code ?? '');
  const [name, setName] = useState(item?.name ?? '');
  const [nameEn, setNameEn] = useState(item?.nameEn ?? '');
  const [category, setCategory] = useState<Category>(item?.category ?? 'lab');
  const [price, setPrice] = useState(item ? yuanInput(item.priceFen) : '');
  const done = (x: ExamItem) => { notifications.show({ color: 'teal', message: t('admin.org.saved', { name: x.name }) }); onClose(); };
  const create = useApiMutation('master.createExamItem', { onSuccess: done });
  const update = useApiMutation('master.updateExamItem', { onSuccess: done });
  const priceFen = tryFen(price);
  const err = create.error ?? update.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (priceFen === null) return;
    if (item) update.mutate({ id: item.id, name, nameEn, category, priceFen });
    else create.mutate({ code, name, nameEn, category, priceFen });
  };
  return (
    <Modal opened onClose={onClose} title={t(item ? 'admin.catalog.editExam' : 'admin.catalog.newExam')} centered data-testid="exam-dialog">
      <Stack component="form" onSubmit={submit}>
        <SimpleGrid cols={2}>
          <TextInput label={t('admin.common.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required disabled={item !== null} name="code" error={fieldError(err, 'code')} />
          <Select label={t('admin.catalog.category')} value={category} onChange={(v) => setCategory((v ?? 'lab') as Category)} allowDeselect={false}
            data={EXAM_CATEGORIES.map((c) => ({ value: c, label: t(`enums.examCategory.${c}`) }))} name="category" error={fieldError(err, 'category')} />
          <TextInput label={t('admin.common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required name="name" error={fieldError(err, 'name')} />
          <TextInput label={t('admin.common.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} name="nameEn" error={fieldError(err, 'nameEn')} />
          <TextInput label={t('admin.common.price')} value={price} onChange={(e) => setPrice(e.currentTarget.value)} inputMode="decimal" required name="price"
            error={fieldError(err, 'priceFen') ?? (price && priceFen === null ? t('errors.INVALID_MONEY') : undefined)} />
        </SimpleGrid>
        <FormError error={err} fields={['code', 'name', 'nameEn', 'category', 'priceFen']} />
        <Group justify="flex-end"><Button type="submit" disabled={priceFen === null} loading={create.isPending || update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
