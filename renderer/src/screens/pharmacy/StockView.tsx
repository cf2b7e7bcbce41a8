import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { dateTime } from '../../ui/format';
import { DrugSearch, type Drug } from './DrugSearch';

type Batch = Output<'pharmacy.stock'>['batches'][number];

function Adjust({ drug, batch, onClose }: { drug: Drug; batch: Batch; onClose: () => void }) {
  const { t } = useTranslation();
  const [qty, setQty] = useState('');
  const [reason, setReason] = useState('');
  const adjust = useApiMutation('pharmacy.adjust', { onSuccess: () => { notifications.show({ color: 'teal', message: t('pharmacy.stock.adjusted') }); onClose(); } });
  return (
    <Modal opened onClose={onClose} centered title={t('pharmacy.stock.adjustTitle', { name: drug.name, batchNo: batch.batchNo })}>
      <Stack>
        <TextInput label={t('pharmacy.stock.adjustQty')} value={qty} onChange={(e) => setQty(e.currentTarget.value)} name="quantity" error={fieldError(adjust.error, 'quantity')} />
        <TextInput label={t('pharmacy.stock.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required name="reason" error={fieldError(adjust.error, 'reason')} />
        <ErrorNote message={formError(adjust.error, ['quantity', 'reason'])} />
        <Group justify="flex-end">
          <Button loading={adjust.isPending} disabled={!/^-?\d+$/.test(qty.trim()) || Number(qty) === 0}
            onClick={() => adjust.mutate({ batchId: batch.batchId, quantity: Number(qty), reason })}>{t('pharmacy.stock.adjust')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DrugStock({ drug }: { drug: Drug }) {
  const { t } = useTranslation();
  const [adjusting, setAdjusting] = useState<Batch | null>(null);
  const stock = useApiQuery('pharmacy.stock', { drugId: drug.id });
  const moves = useApiQuery('pharmacy.movements', { drugId: drug.id, limit: 20, offset: 0 });
  if (stock.error) return <ErrorNote error={stock.error} />;
  if (!stock.data) return <Skeleton h={120} />;
  return (
    <Paper withBorder p="md" data-testid="drug-stock">
      <Group justify="space-between" mb="xs">
        <Text fw={700}>{drug.name} <Text span size="sm" c="dimmed">{drug.spec}</Text></Text>
        <Badge size="lg" variant="light">{t('pharmacy.stock.available', { count: stock.data.available })}</Badge>
      </Group>
      <Table verticalSpacing={4}>
        <Table.Thead><Table.Tr><Table.Th>{t('pharmacy.stock.batch')}</Table.Th><Table.Th>{t('pharmacy.stock.expiry')}</Table.Th><Table.Th>{t('pharmacy.stock.onHand')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {stock.data.batches.map((b) => (
            <Table.Tr key={b.batchId}>
              <Table.Td className="tabular">{b.batchNo}</Table.Td>
              <Table.Td className="tabular">{b.expiryDate} {b.expired && <Badge color="red" size="xs">{t('pharmacy.stock.expired')}</Badge>}</Table.Td>
              <Table.Td className="tabular" c={b.onHand < 0 ? 'red' : undefined}>
                {b.onHand}{drug.unit} {b.onHand < 0 && <Badge color="red" size="xs" data-testid="below-zero">{t('pharmacy.stock.belowZero')}</Badge>}
              </Table.Td>
              <Table.Td><Button size="compact-xs" variant="subtle" onClick={() => setAdjusting(b)}>{t('pharmacy.stock.adjust')}</Button></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600} size="sm" mt="sm">{t('pharmacy.stock.movements')}</Text>
      {moves.data?.items.map((m) => (
        <Text key={m.id} size="xs" c="dimmed" className="tabular">
          {dateTime(m.createdAt)} · {t(`enums.movement.${m.kind}`)} {m.quantity > 0 ? '+' : ''}{m.quantity} · {m.batchNo}{m.reason ? ` · ${m.reason}` : ''}
        </Text>
      ))}
      {adjusting && <Adjust drug={drug} batch={adjusting} onClose={() => setAdjusting(null)} />}
    </Paper>
  );
}

export function StockView() {
  const { t } = useTranslation();
  const [drug, setDrug] = useState<Drug | null>(null);
  return (
    <Stack maw={900}>
      <DrugSearch onPick={setDrug} />
      {drug ? <DrugStock key={drug.id} drug={drug} /> : <EmptyState title={t('pharmacy.stock.pick')} />}
    </Stack>
  );
}
