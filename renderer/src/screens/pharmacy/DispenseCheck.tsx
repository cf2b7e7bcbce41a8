/** The check step before dispensing: each line ticked (or scanned) against what is handed over; only then can it be dispensed. */
import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { SafetyStops } from '../consult/SafetyStops';

type Rx = Output<'pharmacy.queue'>['items'][number];

export function DispenseCheck(props: { rx: Rx; opened: boolean; busy: boolean; onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const { rx } = props;
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const all = rx.items.every((i) => checked.has(i.id));
  const toggle = (id: string, on: boolean) => setChecked((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });
  const close = () => { setChecked(new Set()); props.onClose(); };
  return (
    <Modal opened={props.opened} onClose={close} title={t('pharmacy.dispense.checkTitle', { name: rx.patient.name, rxNo: rx.rxNo })} centered size="lg" data-testid="dispense-check">
      <Stack>
        <SafetyStops rx={rx} />
        <Text size="sm" c="dimmed">{t('pharmacy.dispense.checkHint')}</Text>
        {rx.items.map((i) => (
          <Checkbox key={i.id} checked={checked.has(i.id)} onChange={(e) => toggle(i.id, e.currentTarget.checked)} data-testid="check-line"
            label={`${i.drugName} ${i.spec} × ${i.quantity}${i.unit}`} description={t('pharmacy.dispense.checkLine')} />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>{t('common.action.cancel')}</Button>
          <Button onClick={props.onConfirm} disabled={!all} loading={props.busy} data-testid="dispense-confirm">{t('pharmacy.dispense.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
