import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../i18n/translateError';
import { ErrorNote } from './ErrorNote';

/** Ask for a reason, then do something that needs one (cancel, refund …). */
export function ReasonDialog(props: {
  opened: boolean; title: string; label: string; submit: string; busy: boolean; error: unknown;
  onClose: () => void; onSubmit: (reason: string) => void; color?: string;
}) {
  const [reason, setReason] = useState('');
  const go = (e: FormEvent) => { e.preventDefault(); props.onSubmit(reason); };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack component="form" onSubmit={go}>
        <TextInput label={props.label} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autoFocus
          error={fieldError(props.error, 'reason')} name="reason" />
        <ErrorNote message={formError(props.error, ['reason'])} />
        <Group justify="flex-end">
          <Button type="submit" color={props.color ?? 'red'} loading={props.busy}>{props.submit}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
