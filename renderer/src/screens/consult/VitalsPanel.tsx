import { Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { ApiError } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ErrorNote } from '../../ui/ErrorNote';
import { time } from '../../ui/format';

type Reading = Output<'vitals.ofVisit'>['readings'][number];
type Flagged = keyof Reading['flags'];
const FIELDS = ['temperatureC', 'systolic', 'diastolic', 'pulse', 'respiration', 'spo2', 'weightKg', 'heightCm'] as const;
type Field = (typeof FIELDS)[number];
const DECIMALS: Record<Field, number> = { temperatureC: 1, systolic: 0, diastolic: 0, pulse: 0, respiration: 0, spo2: 0, weightKg: 1, heightCm: 1 };

function Value({ r, field, value, unit }: { r: Reading; field: Flagged; value: string | null; unit?: string }) {
  const flag = r.flags[field];
  if (value === null) return <Text span c="dimmed">—</Text>;
  return (
    <Text span c={flag ? 'red' : undefined} fw={flag ? 700 : 400} className="tabular" data-flag={flag ?? ''}>
      {value}{unit ?? ''}{flag === 'high' ? '↑' : flag === 'low' ? '↓' : ''}
    </Text>
  );
}

/** The visit's vital signs: the readings taken so far (flags outside adult ranges) and a row to enter a new one. */
export function VitalsPanel({ visitId, canEnter }: { visitId: string; canEnter: boolean }) {
  const { t } = useTranslation();
  const q = useApiQuery('vitals.ofVisit', { visitId });
  const [form, setForm] = useState<Record<Field, number | ''>>(() => Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, number | ''>);
  const record = useApiMutation('vitals.record', {
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('consult.vitals.saved') });
      setForm(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, number | ''>);
    },
  });
  const err = record.error instanceof ApiError ? record.error : null;
  const errorOf = (f: Field): string | undefined => {
    if (!err || err.code !== 'VALIDATION' || err.field !== f) return undefined;
    const reason = String(err.details?.['reason'] ?? '');
    const key = ['out_of_range', 'diastolic_not_below_systolic', 'pair_required', 'empty'].includes(reason) ? reason : 'invalid';
    return t(`consult.vitals.errors.${key as 'invalid'}`, { min: err.details?.['min'], max: err.details?.['max'] });
  };
  const shownOnField = err !== null && FIELDS.some((f) => errorOf(f) !== undefined);
  const submit = () => {
    const values = Object.fromEntries(FIELDS.map((f) => [f, form[f] === '' ? null : form[f]]));
    record.mutate({ visitId, ...values });
  };
  const readings = q.data?.readings ?? [];
  return (
    <Stack gap="xs" data-testid="vitals-panel">
      <Group justify="space-between">
        <Text fw={600} size="sm">{t('consult.vitals.title')}</Text>
        {q.data && !q.data.adultRanges && <Text size="xs" c="dimmed">{t('consult.vitals.childNoFlags')}</Text>}
      </Group>
      {readings.length === 0
        ? <Text size="sm" c="dimmed">{t('consult.vitals.none')}</Text>
        : (
          <Table withTableBorder fz="sm" verticalSpacing={4} data-testid="vitals-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consult.vitals.time')}</Table.Th><Table.Th>{t('consult.vitals.temperature')}</Table.Th><Table.Th>{t('consult.vitals.bp')}</Table.Th>
                <Table.Th>{t('consult.vitals.pulse')}</Table.Th><Table.Th>{t('consult.vitals.respiration')}</Table.Th><Table.Th>SpO2</Table.Th>
                <Table.Th>{t('consult.vitals.weightHeight')}</Table.Th><Table.Th>BMI</Table.Th><Table.Th>{t('consult.vitals.takenBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {readings.map((r) => (
                <Table.Tr key={r.id} data-testid="vitals-row">
                  <Table.Td className="tabular">{time(r.takenAt)}</Table.Td>
                  <Table.Td><Value r={r} field="temperatureC" value={r.temperatureC === null ? null : r.temperatureC.toFixed(1)} unit="℃" /></Table.Td>
                  <Table.Td>
                    {r.systolic === null ? <Text span c="dimmed">—</Text> : <><Value r={r} field="systolic" value={String(r.systolic)} />/<Value r={r} field="diastolic" value={String(r.diastolic)} /></>}
                  </Table.Td>
                  <Table.Td><Value r={r} field="pulse" value={r.pulse === null ? null : String(r.pulse)} /></Table.Td>
                  <Table.Td><Value r={r} field="respiration" value={r.respiration === null ? null : String(r.respiration)} /></Table.Td>
                  <Table.Td><Value r={r} field="spo2" value={r.spo2 === null ? null : String(r.spo2)} unit="%" /></Table.Td>
                  <Table.Td className="tabular">{r.weightKg ?? '—'} kg / {r.heightCm ?? '—'} cm</Table.Td>
                  <Table.Td><Value r={r} field="bmi" value={r.bmi === null ? null : r.bmi.toFixed(1)} /></Table.Td>
                  <Table.Td>{r.takenByName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      {canEnter && (
        <>
          <Group gap="xs" align="flex-start" wrap="wrap">
            {FIELDS.map((f) => (
              <NumberInput key={f} w={104} size="xs" label={t(`consult.vitals.field.${f}`)} name={`vitals-${f}`} value={form[f]} decimalScale={DECIMALS[f]}
                hideControls onChange={(v) => setForm((x) => ({ ...x, [f]: typeof v === 'number' ? v : v === '' ? '' : Number(v) }))} error={errorOf(f)} />
            ))}
          </Group>
          <Group justify="flex-end">
            <Button size="xs" variant="light" onClick={submit} loading={record.isPending} data-testid="vitals-save">{t('consult.vitals.save')}</Button>
          </Group>
          {record.error && !shownOnField && <ErrorNote error={record.error} />}
        </>
      )}
    </Stack>
  );
}
