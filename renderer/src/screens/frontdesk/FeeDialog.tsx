import { Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { PrintButton } from '../../print/PrintButton';
import { usePrintSettings } from '../../print/settings';
import { ErrorNote } from '../../ui/ErrorNote';
import { money, time } from '../../ui/format';
import { focusFirstField } from '../../ui/focusFirstField';
import { PaymentForm } from '../billing/PaymentForm';

/**
 * A visit's registration fee at the desk: collect it (the open registration bill), then print its
 * receipt; opened again from the visit, the receipt is reprinted (a copy).
 */
export function FeeDialog({ visitId, onClose }: { visitId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const paper = usePrintSettings((x) => x.receiptPaper);
  const q = useApiQuery('billing.visit', { visitId: visitId ?? '' }, { enabled: visitId !== null });
  const registration = q.data?.bills.filter((b) => b.kind === 'registration' && b.status !== 'void') ?? [];
  const open = registration.find((b) => b.status === 'open' && b.dueFen > 0);
  const paid = registration.filter((b) => b.status !== 'open').flatMap((b) => b.payments);
  const receipts = paid.filter((p, i) => paid.findIndex((x) => x.receiptNo === p.receiptNo) === i);
  const v = q.data?.visit;
  // The dialog opens before the bill is read: its first field takes focus when the form is there.
  const body = useRef<HTMLDivElement>(null);
  const billId = open?.id;
  useEffect(() => { if (billId) focusFirstField(body.current); }, [billId]);
  // Paid: the form gives way to the receipt, and focus goes on to printing it (not lost with the form).
  const settled = v !== undefined && !open;
  useEffect(() => {
    if (settled) body.current?.querySelector<HTMLElement>('[data-testid="print-receipt"], [data-testid="fee-close"]')?.focus();
  }, [settled]);
  return (
    <Modal opened={visitId !== null} onClose={onClose} title={t('payment.title')} size="lg" centered data-testid="fee-dialog">
      {q.error && <ErrorNote error={q.error} />}
      {!q.data && !q.error && <Skeleton h={180} />}
      {v && (
        <Stack gap="sm" ref={body}>
          <Text fw={600}>{v.patientName} · {v.queueNo} · {v.doctorName}</Text>
          {open ? <PaymentForm key={`${open.id}-${open.dueFen}`} bill={open} onPaid={() => undefined} /> : (
            <Stack gap="xs" data-testid="fee-settled">
              <Text c="teal" fw={600}>{t('payment.settled')}</Text>
              {receipts.map((p) => (
                <Group key={p.id} justify="space-between" wrap="nowrap" data-testid="fee-receipt">
                  <Text size="sm" className="tabular">{time(p.createdAt)} {p.receiptNo} · {money(paid.filter((x) => x.receiptNo === p.receiptNo).reduce((s, x) => s + x.amountFen, 0))}</Text>
                  <PrintButton job={{ document: 'receipt', paymentId: p.id, paper }} />
                </Group>
              ))}
              <Group justify="flex-end"><Button variant="default" onClick={onClose} data-testid="fee-close">{t('payment.close')}</Button></Group>
            </Stack>
          )}
        </Stack>
      )}
    </Modal>
  );
}
