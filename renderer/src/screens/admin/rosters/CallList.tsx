import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { dateTime } from '../../../ui/format';

export type CallEntry = Output<'rosters.callList'>['items'][number];

/** The booked patients a desk must phone about a session: name, record number, the full phone number. */
export function CallList({ items }: { items: readonly CallEntry[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text size="sm" c="dimmed" data-testid="call-list-empty">{t('admin.rosters.callListEmpty')}</Text>;
  return (
    <Table striped data-testid="call-list">
      <Table.Thead><Table.Tr>
        <Table.Th>#</Table.Th><Table.Th>{t('admin.rosters.patient')}</Table.Th><Table.Th>{t('admin.rosters.recordNo')}</Table.Th>
        <Table.Th>{t('admin.rosters.phone')}</Table.Th><Table.Th>{t('admin.rosters.bookedAt')}</Table.Th><Table.Th>{t('admin.rosters.status')}</Table.Th>
      </Table.Tr></Table.Thead>
      <Table.Tbody>
        {items.map((c) => (
          <Table.Tr key={c.appointmentId} data-testid="call-row">
            <Table.Td className="tabular">{c.bookingNo}</Table.Td>
            <Table.Td>{c.patientName}</Table.Td>
            <Table.Td className="tabular">{c.recordNo}</Table.Td>
            <Table.Td className="tabular" fw={600}>{c.phone ?? t('admin.common.none')}</Table.Td>
            <Table.Td className="tabular">{dateTime(c.bookedAt)}</Table.Td>
            <Table.Td>{t(`enums.appointmentStatus.${c.status}`)} · {t(`admin.rosters.callReason.${c.reason}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
