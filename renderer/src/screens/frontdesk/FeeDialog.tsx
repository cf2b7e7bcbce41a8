import { Modal, Skeleton, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { ErrorNote } from '../../ui/ErrorNote';
import { focusFirstField } from '../../ui/focusFirstField';
import { PaymentForm } from '../billing/PaymentForm';

/** Collect a visit's registration fee at the desk (the open registration bill). */
export function FeeDialog({ visitId, onClose }: { visitId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useApiQuery('billing.visit', { visitId: visitId ?? '' }, { enabled: visitId !== null });
  const bill = q.data?.bills.find((b) => b.kind === 'registration' && b.status === 'open' && b.dueFen > 0);
  const v = q.data?.visit;
  // The dialog opens before the bill is read: its first field takes focus when the form is there.
  const body = useRef<HTMLDivElement>(null);
  const billId = bill?.id;
  useEffect(() => { if (billId) focusFirstField(body.current); }, [billId]);
  return (
    <Modal opened={visitId !== null} onClose={onClose} title={t('payment.title')} size="lg" centered data-testid="fee-dialog">
      {q.error && <ErrorNote error={q.error} />}
      {!q.data && !q.error && <Skeleton h={180} />}
      {v && (
        <Stack gap="sm" ref={body}>
          <Text fw={600}>{v.patientName} · {v.queueNo} · {v.doctorName}</Text>
          {bill ? <PaymentForm bill={bill} onPaid={(p) => { if (p.bill.dueFen === 0) onClose(); }} /> : <Text c="teal">{t('payment.settled')}</Text>}
        </Stack>
      )}
    </Modal>
  );
}
