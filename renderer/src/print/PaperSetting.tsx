import { Group, SegmentedControl, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RECEIPT_PAPERS, type ReceiptPaper } from './documents';
import { usePrintSettings } from './settings';

/** The receipt paper of this station's printer (A5 or 80 mm roll), kept on the machine. */
export function PaperSetting() {
  const { t } = useTranslation();
  const id = useId();
  const { receiptPaper, setReceiptPaper } = usePrintSettings();
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" id={id}>{t('print.paper.label')}</Text>
      <SegmentedControl size="xs" value={receiptPaper} onChange={(v) => setReceiptPaper(v as ReceiptPaper)} aria-labelledby={id}
        data={RECEIPT_PAPERS.map((p) => ({ value: p, label: t(`print.paper.${p}`) }))} data-testid="receipt-paper" />
    </Group>
  );
}
