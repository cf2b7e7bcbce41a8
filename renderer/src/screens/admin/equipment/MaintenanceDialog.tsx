import { Button, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { EmptyState } from '../../../ui/EmptyState';
import { FormError, QueryState } from '../ui/HubState';
import type { Item } from './EquipmentDialog';
import { equipmentFieldError } from './errors';

const KINDS = ['routine', 'repair', 'calibration', 'inspection'] as const;
type Kind = (typeof KINDS)[number];

/** An item's maintenance log, and a form to record one (it sets the last maintenance, and the next due as given or from the interval). */
export function MaintenanceDialog({ item, today, onClose }: { item: Item; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useApiQuery('equipment.get', { id: item.id });
  const [date, setDate] = useState(today);
  const [kind, setKind] = useState<Kind>('routine');
  const [note, setNote] = useState('');
  const [nextDue, setNextDue] = useState('');
  const add = useApiMutation('equipment.addMaintenance', {
    onSuccess: () => { notifications.show({ color: 'teal', message: t('equipment.recorded') }); setNote(''); setNextDue(''); },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ id: item.id, date, kind, note, nextDue: nextDue === '' ? null : nextDue });
  };
  const fe = (f: string) => equipmentFieldError(add.error, f);
  return (
    <Modal opened onClose={onClose} title={`${t('equipment.maintenance')} · ${item.assetNo} ${item.name}`} centered size="lg" data-testid="maintenance-dialog">
      <Stack>
        {item.status !== 'retired' && (
          <Stack component="form" onSubmit={submit} gap="xs" data-testid="maintenance-form">
            <SimpleGrid cols={2}>
              <TextInput type="date" label={t('equipment.date')} value={date} max={today} onChange={(e) => setDate(e.currentTarget.value)} required name="date" error={fe('date')} />
              <Select label={t('equipment.kindLabel')} value={kind} onChange={(v) => setKind((v ?? 'routine') as Kind)} allowDeselect={false}
                data={KINDS.map((k) => ({ value: k, label: t(`equipment.kind.${k}`) }))} name="kind" />
              <TextInput label={t('equipment.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} name="note" error={fe('note')} />
              <TextInput type="date" label={t('equipment.nextDueOptional')} value={nextDue} onChange={(e) => setNextDue(e.currentTarget.value)} name="nextDue" error={fe('nextDue')} />
            </SimpleGrid>
            <FormError error={add.error} fields={['date', 'note', 'nextDue']} />
            <Group justify="flex-end"><Button type="submit" loading={add.isPending} data-testid="maintenance-submit">{t('equipment.addMaintenance')}</Button></Group>
          </Stack>
        )}
        <QueryState query={q}>{(d) => (
          <Stack gap={4}>
            <Text size="sm">{t('equipment.col.lastMaintenance')}: {d.item.lastMaintenanceDate ?? t('equipment.none')} · {t('equipment.col.nextDue')}: {d.item.nextMaintenanceDue ?? t('equipment.none')}</Text>
            {d.maintenance.length === 0 ? <EmptyState title={t('equipment.noMaintenance')} /> : (
              <Table striped data-testid="maintenance-log">
                <Table.Thead><Table.Tr>
                  <Table.Th>{t('equipment.date')}</Table.Th><Table.Th>{t('equipment.kindLabel')}</Table.Th><Table.Th>{t('equipment.note')}</Table.Th><Table.Th>{t('equipment.by')}</Table.Th>
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {d.maintenance.map((m) => (
                    <Table.Tr key={m.id} data-testid="maintenance-row">
                      <Table.Td className="tabular">{m.date}</Table.Td><Table.Td>{t(`equipment.kind.${m.kind}`)}</Table.Td><Table.Td>{m.note}</Table.Td><Table.Td>{m.by}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}</QueryState>
      </Stack>
    </Modal>
  );
}
