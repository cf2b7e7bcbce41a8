import { Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_TYPES, type Output, type VisitType } from '../../../../main/api/contract';
import { fieldError, formError } from '../../i18n/translateError';
import { useBuiltInKind } from '../../ui/dictionary';
import { ErrorNote } from '../../ui/ErrorNote';

export type Registered = Output<'frontdesk.checkIn'>;

export interface VisitChoices {
  visitType: VisitType;
  priority: boolean;
  /** A priority_reason code of the data dictionary. */
  priorityReason?: string;
}

/** First visit or follow-up, and priority with its reason: asked at check-in and at walk-in. */
export function VisitOptions({ value, onChange, error }: { value: VisitChoices; onChange: (v: VisitChoices) => void; error: unknown }) {
  const { t } = useTranslation();
  const reasons = useBuiltInKind('priority_reason');
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={500}>{t('frontdesk.checkIn.visitType')}</Text>
        <SegmentedControl value={value.visitType} onChange={(v) => onChange({ ...value, visitType: v as VisitType })}
          data={VISIT_TYPES.map((v) => ({ value: v, label: t(`enums.visitType.${v}`) }))} />
      </Stack>
      <Checkbox label={t('frontdesk.checkIn.priority')} checked={value.priority}
        onChange={(e) => onChange({ ...value, priority: e.currentTarget.checked })} />
      {value.priority && (
        <Select label={t('frontdesk.checkIn.priorityReason')} value={value.priorityReason ?? null} required
          onChange={(v) => onChange({ ...value, ...(v ? { priorityReason: v } : {}) })} data-testid="select-priorityReason"
          data={reasons.choices} error={fieldError(error, 'priorityReason')} />
      )}
    </Stack>
  );
}

export function choicesInput(c: VisitChoices) {
  return { visitType: c.visitType, priority: c.priority, ...(c.priority && c.priorityReason ? { priorityReason: c.priorityReason } : {}) };
}

/** Shared frame of the check-in and walk-in dialogs. */
export function VisitDialog(props: {
  opened: boolean; title: string; submit: string; busy: boolean; error: unknown; onClose: () => void;
  onSubmit: (c: VisitChoices) => void; children?: ReactNode; fields?: string[];
}) {
  const [choices, setChoices] = useState<VisitChoices>({ visitType: 'first', priority: false });
  const go = (e: FormEvent) => { e.preventDefault(); props.onSubmit(choices); };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered data-testid="visit-dialog">
      <Stack component="form" onSubmit={go}>
        {props.children}
        <VisitOptions value={choices} onChange={setChoices} error={props.error} />
        <ErrorNote message={formError(props.error, ['priorityReason', ...(props.fields ?? [])])} />
        <Group justify="flex-end"><Button type="submit" loading={props.busy}>{props.submit}</Button></Group>
      </Stack>
    </Modal>
  );
}

export function announce(t: (k: 'frontdesk.checkIn.done', o: { name: string; queueNo: string }) => string, r: Registered): void {
  notifications.show({ color: 'teal', message: t('frontdesk.checkIn.done', { name: r.visit.patientName, queueNo: r.visit.queueNo }) });
}
