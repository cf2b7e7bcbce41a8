/**
 * Asks the person for their own password once, for the API layer (renderer/src/api/query.ts):
 * the step-up of account, role, device and pairing changes, and the hub log-in of a session
 * that began while the hub was unreachable. Resolves to the password, or null when cancelled.
 */
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { create } from 'zustand';
import i18next from 'i18next';

export type PasswordPurpose = 'stepUp' | 'hub';
interface Ask { purpose: PasswordPurpose; answer: (password: string | null) => void }
const useAsk = create<{ ask: Ask | null; set: (a: Ask | null) => void }>((set) => ({ ask: null, set: (ask) => set({ ask }) }));

export function askPassword(purpose: PasswordPurpose): Promise<string | null> {
  return new Promise((resolve) => {
    useAsk.getState().ask?.answer(null);
    useAsk.getState().set({ purpose, answer: resolve });
  });
}

export function PasswordPromptHost() {
  const { ask, set } = useAsk();
  const [password, setPassword] = useState('');
  const close = (value: string | null) => {
    ask?.answer(value);
    set(null);
    setPassword('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) close(password);
  };
  const purpose = ask?.purpose ?? 'stepUp';
  const title = purpose === 'hub' ? i18next.t('common.proof.hubTitle') : i18next.t('common.proof.stepUpTitle');
  const body = purpose === 'hub' ? i18next.t('common.proof.hubBody') : i18next.t('common.proof.stepUpBody');
  return (
    <Modal opened={ask !== null} onClose={() => close(null)} centered title={title} zIndex={1000} data-testid="password-prompt">
      <Stack component="form" onSubmit={submit}>
        <Text size="sm">{body}</Text>
        <PasswordInput label={i18next.t('common.proof.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required
          name="confirmPassword" autoComplete="current-password" data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => close(null)}>{i18next.t('common.action.cancel')}</Button>
          <Button type="submit" disabled={!password}>{i18next.t('common.action.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
