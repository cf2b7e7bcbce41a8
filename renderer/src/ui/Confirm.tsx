/** A yes/no question before something that cannot be undone. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import i18next from 'i18next';

interface Ask { message: string; onYes: () => void }
const useAsk = create<{ ask: Ask | null; set: (a: Ask | null) => void }>((set) => ({ ask: null, set: (ask) => set({ ask }) }));

export const modals = {
  confirm: (message: string, onYes: () => void) => useAsk.getState().set({ message, onYes }),
};

export function ConfirmHost() {
  const { ask, set } = useAsk();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(ask !== null), [ask]);
  return (
    <Modal opened={open} onClose={() => set(null)} centered withCloseButton={false} data-testid="confirm">
      <Stack>
        <Text>{ask?.message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => set(null)}>{i18next.t('common.action.cancel')}</Button>
          <Button onClick={() => { ask?.onYes(); set(null); }}>{i18next.t('common.action.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
