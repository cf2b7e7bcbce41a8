import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../i18n/translateError';
import { ErrorNote } from './ErrorNote';

/** Ask for a reason, then do something that needs one (cancel, refund …); `suggestions` (e.g. the data dictionary's cancellation reasons) fill it in one click. */
export function ReasonDialog(props: {
  opened: boolean; title: string; label: string; submit: string; busy: boolean; error: unknown;
  onClose: () => void; onSubmit: (reason: string) => void; color?: string; suggestions?: readonly string[];
}) {
  const [reason, setReason] = useState('');
  const go = (e: FormEvent) => { e.preventDefault(); props.onSubmit(reason); };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack component="form" onSubmit={go}>
        <TextInput label={props.label} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autoFocus
          error={fieldError(props.error, 'reason')} name="reason" />
        {props.suggestions && props.suggestions.length > 0 && (
          <Group gap={6} data-testid="reason-suggestions">
            {props.suggestions.map((s) => (
              <Button key={s} size="compact-sm" variant="light" onClick={() => setReason(s)} aria-pressed={reason === s}>{s}</Button>
            ))}
          </Group>
        )}
        <ErrorNote message={formError(props.error, ['reason'])} />
        <Group justify="flex-end">
          <Button type="submit" color={props.color ?? 'red'} loading={props.busy}>{props.submit}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
