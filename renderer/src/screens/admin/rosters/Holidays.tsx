import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { EmptyState } from '../../../ui/EmptyState';
import { useClinicToday } from '../../../ui/useClinic';
import { FormError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { useWeekdayLabel } from './weekdays';
import { isoWeekday } from './dates';

/** The clinic's holidays of the coming year (generation skips them), and a form to add one. */
export function Holidays() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const weekday = useWeekdayLabel();
  const q = useApiQuery('rosters.holidays', { from: today, to: addDays(today, 365) });
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const add = useApiMutation('rosters.addHoliday', { onSuccess: () => { setDate(''); setName(''); } });
  const submit = (e: FormEvent) => { e.preventDefault(); add.mutate({ date, name }); };
  return (
    <Panel title={t('admin.rosters.holidays')} testId="holidays">
      <Stack>
        <Group component="form" onSubmit={submit} align="flex-end">
          <TextInput type="date" label={t('admin.common.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} required name="date" error={fieldError(add.error, 'date')} />
          <TextInput label={t('admin.rosters.holidayName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required name="holidayName" error={fieldError(add.error, 'name')} />
          <Button type="submit" loading={add.isPending}>{t('admin.rosters.newHoliday')}</Button>
        </Group>
        <FormError error={add.error} fields={['date', 'name']} />
        <QueryState query={q}>{(d) => d.items.length === 0 ? <EmptyState title={t('admin.common.empty')} /> : (
          <Table maw={480}>
            <Table.Tbody>
              {d.items.map((h) => (
                <Table.Tr key={h.id}><Table.Td className="tabular">{h.date}</Table.Td><Table.Td>{weekday(isoWeekday(h.date))}</Table.Td><Table.Td>{h.name}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}</QueryState>
      </Stack>
    </Panel>
  );
}
