/** One patient record as a side of a task: its main fields, where it was registered, what hangs on it. */
import { Badge, Group, Mark, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PATIENT_ROW_TABLES } from '../../../../../main/api/contract';
import { dateTime } from '../../../ui/format';
import type { ReviewPatient } from './types';

type Compared = 'name' | 'sex' | 'birthDate' | 'idNumber' | 'phone' | 'address' | 'allergies';

/** `others`: the other sides; a field whose value differs from theirs is marked, so the differences stand out. */
export function PatientColumn({ p, header, highlight, others = [] }: { p: ReviewPatient; header?: ReactNode; highlight?: boolean; others?: ReviewPatient[] }) {
  const { t } = useTranslation();
  const none = t('admin.common.none');
  const cell = (key: Compared, shown: string) => (others.some((o) => o[key] !== p[key])
    ? <Mark color="yellow" fw={600} data-testid={`differs-${key}`}>{shown}</Mark> : shown);
  const fields: [string, ReactNode][] = [
    [t('reviews.field.recordNo'), <Text span ff="monospace" key="r">{p.recordNo}</Text>],
    [t('reviews.field.name'), cell('name', p.name)],
    [t('reviews.field.sex'), cell('sex', t(`enums.sex.${p.sex}`))],
    [t('reviews.field.birthDate'), cell('birthDate', p.birthDate ?? none)],
    [t('reviews.field.idNumber'), cell('idNumber', p.idNumber ?? none)],
    [t('reviews.field.phone'), cell('phone', p.phone ?? none)],
    [t('reviews.field.address'), cell('address', p.address ?? none)],
    [t('reviews.field.allergies'), cell('allergies', p.allergies ?? none)],
    [t('reviews.field.registered'), t('reviews.field.registeredOn', { time: dateTime(p.registeredAt), device: p.registeredOn ?? none })],
  ];
  const rows = PATIENT_ROW_TABLES.filter((k) => p.rows[k] > 0);
  return (
    <Paper withBorder p="sm" bg={highlight ? 'var(--mantine-color-teal-0)' : undefined} data-testid="review-patient" data-patient-id={p.id}>
      <Stack gap="xs">
        {header}
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs">
          <Table.Tbody>
            {fields.map(([label, value]) => (
              <Table.Tr key={label}><Table.Th w={96} c="dimmed" fw={400}>{label}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap={4}>
          <Text size="sm" c="dimmed">{t('reviews.field.rows')}</Text>
          {rows.length === 0 ? <Text size="sm">{none}</Text> : rows.map((k) => (
            <Badge key={k} variant="light" color="gray" data-testid={`rows-${k}`}>{t(`reviews.rows.${k}`)} {p.rows[k]}</Badge>
          ))}
        </Group>
        {p.mergedInto !== null && <Badge color="orange" variant="light">{t('reviews.duplicate.merged')}</Badge>}
      </Stack>
    </Paper>
  );
}
