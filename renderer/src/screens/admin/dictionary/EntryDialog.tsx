import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_KINDS, ID_DOC_TYPES, type Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError } from '../ui/HubState';

export type Entry = Output<'master.dictionary'>['items'][number];
export type Kind = (typeof DICTIONARY_KINDS)[number];

/** A new entry of a list, or changes to one (its code and kind never change: rows hold the code). */
export function EntryDialog({ entry, kind, onClose }: { entry: Entry | null; kind: Kind; onClose: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(entry?.code ?? '');
  const [name, setName] = useState(entry?.name ?? '');
  const [nameEn, setNameEn] = useState(entry?.nameEn ?? '');
  const [sortOrder, setSortOrder] = useState<number | ''>(entry?.sortOrder ?? '');
  const done = (x: Entry) => { notifications.show({ color: 'teal', message: t('admin.org.saved', { name: x.name }) }); onClose(); };
  const create = useApiMutation('master.createDictionaryEntry', { onSuccess: done });
  const update = useApiMutation('master.updateDictionaryEntry', { onSuccess: done });
  const err = create.error ?? update.error;
  const order = sortOrder === '' ? {} : { sortOrder };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (entry) update.mutate({ id: entry.id, name, nameEn, ...order });
    else create.mutate({ kind, code, name, nameEn, ...order });
  };
  // ID document types: only those the desk has a rule for.
  const codeField = kind === 'id_doc_type' && !entry
    ? <Select label={t('admin.common.code')} value={code || null} onChange={(v) => setCode(v ?? '')} required name="code" error={fieldError(err, 'code')}
      data={ID_DOC_TYPES.map((c) => ({ value: c, label: `${c} · ${t(`patients.idDocType.${c}`)}` }))} />
    : <TextInput label={t('admin.common.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required disabled={entry !== null} name="code"
      error={fieldError(err, 'code')} className="tabular" />;
  return (
    <Modal opened onClose={onClose} title={t(entry ? 'admin.dictionary.edit' : 'admin.dictionary.new', { kind: t(`admin.dictionary.kind.${kind}`) })} centered data-testid="entry-dialog">
      <Stack component="form" onSubmit={submit}>
        <SimpleGrid cols={2}>
          {codeField}
          <NumberInput label={t('admin.dictionary.order')} value={sortOrder} onChange={(v) => setSortOrder(v === '' ? '' : Number(v))} min={0} max={100000}
            allowDecimal={false} name="sortOrder" error={fieldError(err, 'sortOrder')} />
          <TextInput label={t('admin.common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required name="name" error={fieldError(err, 'name')} />
          <TextInput label={t('admin.common.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} name="nameEn" error={fieldError(err, 'nameEn')} />
        </SimpleGrid>
        <FormError error={err} fields={['code', 'name', 'nameEn', 'sortOrder']} />
        <Group justify="flex-end"><Button type="submit" loading={create.isPending || update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
