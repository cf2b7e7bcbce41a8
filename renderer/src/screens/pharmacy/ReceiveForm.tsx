import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { tryFen } from '../../ui/yuan';
import { DrugSearch, type Drug } from './DrugSearch';
import { withUnit } from '../../ui/punct';

const FIELDS = ['drugId', 'batchNo', 'expiryDate', 'costFen', 'quantity'];

/** Receive a delivery: drug, batch number, expiry date, unit cost, quantity. */
export function ReceiveForm() {
  const { t } = useTranslation();
  const [drug, setDrug] = useState<Drug | null>(null);
  const [batchNo, setBatchNo] = useState('');
  const [expiryDate, setExpiry] = useState('');
  const [cost, setCost] = useState('');
  const [quantity, setQuantity] = useState('');
  const receive = useApiMutation('pharmacy.receive', {
    onSuccess: (b) => {
      notifications.show({ color: 'teal', message: t('pharmacy.receive.done', { name: drug?.name ?? '', quantity, unit: drug?.unit ?? '', batchNo: b.batchNo }) });
      setBatchNo(''); setExpiry(''); setCost(''); setQuantity('');
    },
  });
  const costFen = tryFen(cost);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (drug) receive.mutate({ drugId: drug.id, batchNo, expiryDate, costFen: costFen ?? -1, quantity: Number(quantity) });
  };
  const err = receive.error;
  return (
    <Paper withBorder p="md" maw={720} component="form" onSubmit={submit} data-testid="receive-form">
      <Stack>
        <DrugSearch onPick={setDrug} label={t('pharmacy.receive.drug')} error={fieldError(err, 'drugId')} />
        {drug ? <Text fw={600}>{drug.name} <Text span size="sm" c="dimmed">{drug.spec} · {t('consult.rx.stock', { count: drug.available })}</Text></Text>
          : <Text size="sm" c="dimmed">{t('pharmacy.receive.pick')}</Text>}
        <SimpleGrid cols={2}>
          <TextInput label={t('pharmacy.receive.batchNo')} value={batchNo} onChange={(e) => setBatchNo(e.currentTarget.value)} required name="batchNo" error={fieldError(err, 'batchNo')} />
          <TextInput label={t('pharmacy.receive.expiryDate')} type="date" value={expiryDate} onChange={(e) => setExpiry(e.currentTarget.value)} required name="expiryDate" error={fieldError(err, 'expiryDate')} />
          <TextInput label={t('pharmacy.receive.cost')} value={cost} onChange={(e) => setCost(e.currentTarget.value)} inputMode="decimal" required name="cost"
            error={fieldError(err, 'costFen') ?? (cost && costFen === null ? t('errors.INVALID_MONEY') : undefined)} />
          <TextInput label={drug ? withUnit(t('pharmacy.receive.quantity'), drug.unit) : t('pharmacy.receive.quantity')} value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)}
            inputMode="numeric" required name="quantity" error={fieldError(err, 'quantity')} />
        </SimpleGrid>
        <ErrorNote message={formError(err, FIELDS)} />
        <Group justify="flex-end"><Button type="submit" disabled={!drug || costFen === null} loading={receive.isPending}>{t('pharmacy.receive.submit')}</Button></Group>
      </Stack>
    </Paper>
  );
}
