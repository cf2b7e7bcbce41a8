import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';

export type RecordTemplate = Output<'master.recordTemplates'>['items'][number];
const TEXTS = ['complaint', 'presentIllness', 'pastHistory', 'findings', 'plan'] as const;
type TextField = (typeof TEXTS)[number];
const FIELDS = ['departmentId', 'name', ...TEXTS];

/** Create or edit a record template: its department (fixed once made), name and the five texts a record starts from. */
export function RecordTemplateDialog({ template, departmentId, onClose }: { template: RecordTemplate | null; departmentId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const [dept, setDept] = useState<string | null>(template?.departmentId ?? departmentId);
  const [name, setName] = useState(template?.name ?? '');
  const [texts, setTexts] = useState<Record<TextField, string>>(() =>
    Object.fromEntries(TEXTS.map((k) => [k, template?.[k] ?? ''])) as Record<TextField, string>);
  const done = (x: RecordTemplate) => { notifications.show({ color: 'teal', message: t('patientSide.templates.saved', { name: x.name }) }); onClose(); };
  const create = useApiMutation('master.createRecordTemplate', { onSuccess: done });
  const update = useApiMutation('master.updateRecordTemplate', { onSuccess: done });
  const err = create.error ?? update.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (template) update.mutate({ id: template.id, name, ...texts });
    else create.mutate({ departmentId: dept ?? '', name, ...texts });
  };
  // An inactive department of an existing template is still shown by name.
  const deptData = template && !departments.some((d) => d.value === template.departmentId)
    ? [...departments, { value: template.departmentId, label: template.departmentName }] : departments;
  return (
    <Modal opened onClose={onClose} title={t(template ? 'patientSide.templates.editTemplate' : 'patientSide.templates.newTemplate')} centered size="lg" data-testid="template-dialog">
      <Stack component="form" onSubmit={submit} gap="sm">
        <SimpleGrid cols={2}>
          <Select label={t('patientSide.templates.department')} value={dept} onChange={setDept} data={deptData} required allowDeselect={false}
            disabled={template !== null} description={template ? t('patientSide.templates.departmentFixed') : undefined}
            name="departmentId" error={fieldError(err, 'departmentId')} data-testid="template-department" />
          <TextInput label={t('patientSide.templates.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={60}
            name="name" error={fieldError(err, 'name')} data-testid="template-name" />
        </SimpleGrid>
        {TEXTS.map((k) => (
          <Textarea key={k} label={t(`patientSide.templates.${k}`)} value={texts[k]} onChange={(e) => { const v = e.currentTarget.value; setTexts((x) => ({ ...x, [k]: v })); }}
            autosize minRows={k === 'complaint' ? 1 : 2} maxRows={5} maxLength={2000} name={k} error={fieldError(err, k)} data-testid={`template-${k}`} />
        ))}
        <FormError error={err} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.action.cancel')}</Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="template-save">{t('admin.common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
