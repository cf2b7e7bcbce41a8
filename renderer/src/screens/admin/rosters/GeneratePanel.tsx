import { Alert, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, type Output } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { useClinicToday } from '../../../ui/useClinic';
import { FormError } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { mondayOf } from './dates';

type Generated = Output<'rosters.generate'>;

function Summary({ r }: { r: Generated }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" variant="light" data-testid="generate-result" title={t('admin.rosters.generated', { created: r.created })}>
      <List size="sm" spacing={2}>
        <List.Item>{t('admin.rosters.skippedExisting', { count: r.skippedExisting })}</List.Item>
        {r.skippedHolidays.length > 0 && <List.Item>{t('admin.rosters.skippedHolidays', { dates: r.skippedHolidays.join(t('common.punct.list')) })}</List.Item>}
        {r.skippedTemplates.length > 0 && <List.Item>{t('admin.rosters.skippedTemplates', { count: r.skippedTemplates.length })}</List.Item>}
      </List>
    </Alert>
  );
}

/** Make roster sessions from the active templates for a range of dates (next week by default). */
export function GeneratePanel() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const nextMonday = addDays(mondayOf(today), 7);
  const [from, setFrom] = useState(nextMonday);
  const [to, setTo] = useState(addDays(nextMonday, 6));
  const [result, setResult] = useState<Generated | null>(null);
  const generate = useApiMutation('rosters.generate', { onSuccess: setResult });
  const submit = (e: FormEvent) => { e.preventDefault(); setResult(null); generate.mutate({ from, to }); };
  const err = generate.error;
  return (
    <Panel title={t('admin.rosters.generate')} testId="generate">
      <Stack component="form" onSubmit={submit} maw={640}>
        <Text size="sm" c="dimmed">{t('admin.rosters.generateHint')}</Text>
        <Group align="flex-start">
          <TextInput type="date" label={t('admin.rosters.generateFrom')} value={from} min={today} onChange={(e) => setFrom(e.currentTarget.value)}
            required name="from" error={fieldError(err, 'from')} />
          <TextInput type="date" label={t('admin.rosters.generateTo')} value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)}
            required name="to" error={fieldError(err, 'to')} />
        </Group>
        <FormError error={err} fields={['from', 'to']} />
        <Group><Button type="submit" loading={generate.isPending} data-testid="generate-submit">{t('admin.rosters.generateSubmit')}</Button></Group>
        {result && <Summary r={result} />}
      </Stack>
    </Panel>
  );
}
