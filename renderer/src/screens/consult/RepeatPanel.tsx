/**
 * Repeating an earlier prescription (issue 14): the patient's earlier prescriptions, each with a
 * "repeat" button that first shows what will be added (with the stops each line brings) and what
 * will be left out and why, then adds the lines to the visit's draft in one action.
 */
import { Button, Group, List, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ErrorNote } from '../../ui/ErrorNote';
import { dateTime } from '../../ui/format';
import { useDoseText, type DoseLine } from '../../ui/doseText';
import { colon } from '../../ui/punct';
import { StopList } from './SafetyStops';

type Rx = Output<'prescriptions.ofPatient'>['items'][number];
type Line = DoseLine & { drugName: string };

function useLineText(): (l: Line) => string {
  const dose = useDoseText();
  return (l) => `${l.drugName} ${dose(l)}`;
}

function RepeatDialog({ rx, visitId, onClose }: { rx: Rx; visitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lineText = useLineText();
  const plan = useApiQuery('prescriptions.repeatPlan', { visitId, sourcePrescriptionId: rx.id });
  const repeat = useApiMutation('prescriptions.repeat', {
    onSuccess: (r) => { notifications.show({ color: 'teal', message: t('consult.repeat.done', { count: r.added.length }) }); onClose(); },
  });
  const p = plan.data;
  return (
    <Modal opened onClose={onClose} title={t('consult.repeat.confirmTitle', { rxNo: rx.rxNo })} centered size="lg" data-testid="repeat-dialog">
      <Stack gap="sm">
        {plan.error && <ErrorNote error={plan.error} />}
        {!p && !plan.error && <Text size="sm" c="dimmed">{t('consult.repeat.checking')}</Text>}
        {p && (p.added.length === 0 ? <ErrorNote message={t('consult.repeat.nothing')} /> : (
          <div>
            <Text size="sm" fw={600}>{t('consult.repeat.added', { into: t(p.intoPrescriptionId ? 'consult.repeat.intoDraft' : 'consult.repeat.intoNew') })}</Text>
            <List size="sm" spacing={4}>
              {p.added.map((l, n) => (
                <List.Item key={`${l.drugId}-${n}`} data-testid="repeat-added">
                  {lineText(l)}
                  {l.stops.length > 0 && <Text component="div" c="red" size="sm"><StopList stops={l.stops} /></Text>}
                </List.Item>
              ))}
            </List>
          </div>
        ))}
        {p && p.leftOut.length > 0 && (
          <div>
            <Text size="sm" fw={600} c="red">{t('consult.repeat.leftOut')}</Text>
            <List size="sm" spacing={4}>
              {p.leftOut.map((l, n) => (
                <List.Item key={`${l.drugId}-${n}`} data-testid="repeat-left-out">
                  {l.drugName}{colon()}{t(`errors.${l.code}`)}{l.available !== null ? t('consult.repeat.available', { count: l.available }) : ''}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {repeat.error && <ErrorNote error={repeat.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.action.cancel')}</Button>
          <Button onClick={() => repeat.mutate({ visitId, sourcePrescriptionId: rx.id })} loading={repeat.isPending} disabled={!p || p.added.length === 0}
            data-testid="repeat-confirm">{t('consult.repeat.submit', { count: p?.added.length ?? 0 })}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The patient's earlier prescriptions with a repeat button each (only while the visit's prescription can be written). */
export function RepeatPanel({ visitId }: { visitId: string }) {
  const { t } = useTranslation();
  const lineText = useLineText();
  const q = useApiQuery('prescriptions.ofPatient', { visitId, limit: 10 });
  const [source, setSource] = useState<Rx | null>(null);
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={40} />;
  return (
    <Stack gap="xs" data-testid="repeat-panel">
      <Text fw={600} size="sm">{t('consult.repeat.title')}</Text>
      {q.data.items.length === 0 && <Text size="sm" c="dimmed">{t('consult.repeat.none')}</Text>}
      {q.data.items.map((rx) => (
        <Paper key={rx.id} withBorder p="xs" data-testid="earlier-rx">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text size="xs" c="dimmed" className="tabular">{rx.issuedAt !== null ? dateTime(rx.issuedAt) : ''} · {rx.rxNo} · {rx.doctorName}</Text>
              {rx.items.map((i) => <Text key={i.id} size="sm">{lineText(i)}</Text>)}
            </div>
            <Button size="compact-sm" variant="light" onClick={() => setSource(rx)} data-testid="repeat-rx">{t('consult.repeat.action')}</Button>
          </Group>
        </Paper>
      ))}
      {source && <RepeatDialog rx={source} visitId={visitId} onClose={() => setSource(null)} />}
    </Stack>
  );
}
