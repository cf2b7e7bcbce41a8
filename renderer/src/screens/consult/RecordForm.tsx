import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { modals } from '../../ui/Confirm';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_TEXT_FIELDS, type Output, type RecordTextField } from '../../../../main/api/contract';
import { useApiMutation } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { useSession } from '../../state/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { dateTime } from '../../ui/format';
import { PrintButton } from '../../print/PrintButton';
import { Diagnoses } from './Diagnoses';
import { fillFromTemplate, replaceFields } from './templateFill';
import { useApiQuery } from '../../api/query';
import { joinList } from '../../ui/punct';

type Chart = Output<'consultation.getRecord'>;
type Texts = Record<RecordTextField, string>;

function textsOf(r: Chart['record']): Texts {
  return Object.fromEntries(RECORD_TEXT_FIELDS.map((f) => [f, r?.[f] ?? ''])) as Texts;
}

function Amend({ visitId, record, onClose }: { visitId: string; record: NonNullable<Chart['record']>; onClose: () => void }) {
  const { t } = useTranslation();
  const [field, setField] = useState<RecordTextField>('plan');
  const [text, setText] = useState(record.plan);
  const [reason, setReason] = useState('');
  const amend = useApiMutation('consultation.amend', { onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('consult.record.amend')} size="lg" centered>
      <Stack>
        <Select label={t('consult.record.amendField')} value={field} allowDeselect={false}
          onChange={(v) => { if (v) { setField(v as RecordTextField); setText(record[v as RecordTextField]); } }}
          data={RECORD_TEXT_FIELDS.map((f) => ({ value: f, label: t(`consult.record.${f}`) }))} />
        <Textarea label={t('consult.record.amendText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} error={fieldError(amend.error, 'newText')} />
        <TextInput label={t('consult.record.amendReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required error={fieldError(amend.error, 'reason')} />
        <ErrorNote message={formError(amend.error, ['newText', 'reason'])} />
        <Group justify="flex-end"><Button loading={amend.isPending} onClick={() => amend.mutate({ visitId, field, newText: text, reason })}>{t('consult.record.amend')}</Button></Group>
      </Stack>
    </Modal>
  );
}

/** The medical record: texts, diagnoses, sign; after signing, amendments. */
export function RecordForm({ chart }: { chart: Chart }) {
  const { t } = useTranslation();
  const visitId = chart.visit.id;
  const record = chart.record;
  const [texts, setTexts] = useState<Texts>(() => textsOf(record));
  const [amending, setAmending] = useState(false);
  const save = useApiMutation('consultation.saveRecord', { onSuccess: () => notifications.show({ color: 'teal', message: t('consult.record.saved') }) });
  const sign = useApiMutation('consultation.sign', { onSuccess: () => notifications.show({ color: 'teal', message: t('consult.record.signed') }) });
  const signed = record?.status === 'signed';
  const editable = chart.editable && !signed;
  const err = save.error ?? sign.error;
  const mine = useSession((x) => x.me?.staffId) === record?.doctorId;
  const templates = useApiQuery('consultation.recordTemplates', { visitId }, { enabled: editable });
  // A template fills the empty fields at once; text already typed is replaced only if the doctor agrees.
  const pickTemplate = (id: string | null) => {
    const tpl = templates.data?.items.find((x) => x.id === id);
    if (!tpl) return;
    const r = fillFromTemplate(texts, tpl, RECORD_TEXT_FIELDS);
    setTexts(r.texts);
    if (r.filled.length > 0) notifications.show({ color: 'teal', message: t('consult.record.templateFilled', { name: tpl.name }) });
    if (r.conflicts.length > 0) {
      const fields = joinList(r.conflicts.map((f) => t(`consult.record.${f}`)));
      modals.confirm(t('consult.record.templateReplace', { name: tpl.name, fields }), () => setTexts((cur) => replaceFields(cur, tpl, r.conflicts)));
    }
  };
  // Signing saves what is on the screen first: the texts, then the signature.
  const doSign = async () => {
    sign.reset();
    const ok = await save.mutateAsync({ visitId, ...texts }).then(() => true, () => false);
    if (ok) sign.mutate({ visitId });
  };

  return (
    <Stack gap="sm" data-testid="record-form">
      {!chart.editable && !signed && <Alert color="gray">{t('consult.record.readOnly')}</Alert>}
      {signed && record?.signedAt && <Alert color="teal" data-testid="record-signed">{t('consult.record.signedAt', { time: dateTime(record.signedAt) })}</Alert>}
      {editable && (
        <Select size="xs" w={320} label={t('consult.record.template')} placeholder={templates.data?.items.length === 0 ? t('consult.record.templateNone') : t('consult.record.templatePlaceholder')}
          data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} value={null} onChange={pickTemplate} data-testid="record-template" />
      )}
      {RECORD_TEXT_FIELDS.map((f) => (
        <Textarea key={f} label={t(`consult.record.${f}`)} value={texts[f]} readOnly={!editable} autosize minRows={f === 'complaint' ? 1 : 2}
          name={f} onChange={(e) => { const v = e.currentTarget.value; setTexts((x) => ({ ...x, [f]: v })); }} error={fieldError(err, f)} />
      ))}
      <Diagnoses visitId={visitId} diagnoses={record?.diagnoses ?? []} editable={editable} />
      {record === null && chart.editable && <Text size="xs" c="dimmed">{t('consult.record.notWritten')}</Text>}
      <ErrorNote message={formError(err, [...RECORD_TEXT_FIELDS])} />
      {editable && (
        <Group justify="flex-end">
          <Button variant="light" loading={save.isPending} onClick={() => save.mutate({ visitId, ...texts })} data-testid="save-record">{t('consult.record.save')}</Button>
          <Button loading={sign.isPending} onClick={() => modals.confirm(t('consult.record.signConfirm'), () => void doSign())} disabled={record === null || record.diagnoses.length === 0} data-testid="sign-record">{t('consult.record.sign')}</Button>
        </Group>
      )}
      {signed && record && (
        <Group justify="flex-end">
          {mine && <Button variant="light" onClick={() => setAmending(true)}>{t('consult.record.amend')}</Button>}
          <PrintButton job={{ document: 'medicalRecord', visitId }} size="sm" />
        </Group>
      )}
      {record && record.amendments.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">{t('consult.record.amendments')}</Text>
          {record.amendments.map((a) => (
            <Text key={a.id} size="xs" c="dimmed">{t(`consult.record.${a.field}`)} — {t('consult.record.amendedBy', { name: a.authorName, time: dateTime(a.createdAt), reason: a.reason })}</Text>
          ))}
        </Stack>
      )}
      {amending && record && <Amend visitId={visitId} record={record} onClose={() => setAmending(false)} />}
    </Stack>
  );
}
