/** Issuing over safety stops: the stops listed, a reason required (stored, audited, printed, shown to the pharmacist). */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { StopList, type Stop } from './SafetyStops';

export function OverrideDialog(props: { opened: boolean; stops: Stop[]; busy: boolean; error: unknown; onClose: () => void; onSubmit: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const go = (e: FormEvent) => { e.preventDefault(); if (reason.trim() !== '') props.onSubmit(reason.trim()); };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('consult.rx.overrideTitle')} centered size="lg" data-testid="override-dialog">
      <Stack component="form" onSubmit={go}>
        <StopList stops={props.stops} />
        <Text size="sm" c="dimmed">{t('consult.rx.overrideHint')}</Text>
        <Textarea label={t('consult.rx.overrideReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autoFocus autosize minRows={2}
          maxLength={300} error={fieldError(props.error, 'override')} name="override-reason" />
        <ErrorNote message={formError(props.error, ['override'])} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>{t('common.action.cancel')}</Button>
          <Button type="submit" color="red" loading={props.busy} disabled={reason.trim() === ''} data-testid="override-submit">{t('consult.rx.overrideSubmit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
