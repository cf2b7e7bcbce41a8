import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';
import { colon } from '../../ui/punct';

type Chart = Output<'consultation.getRecord'>;
type Exam = Chart['examOrders'][number];

function ExamRow({ e, mine }: { e: Exam; mine: boolean }) {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState('');
  const cancel = useApiMutation('consultation.cancelExam');
  const done = useApiMutation('consultation.recordExamResult');
  return (
    <Stack gap={4} data-testid="exam-order">
      <Group justify="space-between">
        <Text size="sm"><Text span fw={600}>{i18n.language === 'en' ? e.nameEn || e.name : e.name}</Text> <Text span size="xs" c="dimmed">{e.code} · {money(e.priceFen)}</Text></Text>
        <Group gap={4}>
          <Badge variant="light">{t(`enums.examStatus.${e.status}`)}</Badge>
          {mine && e.status === 'ordered' && <Button size="compact-xs" variant="subtle" color="red" onClick={() => cancel.mutate({ examOrderId: e.id })}>{t('consult.orders.cancel')}</Button>}
        </Group>
      </Group>
      {e.result && <Text size="sm" c="dimmed">{t('consult.orders.result')}{colon()}{e.result}</Text>}
      {mine && e.status === 'paid' && (
        <Group align="flex-end">
          <TextInput style={{ flex: 1 }} label={t('consult.orders.enterResult')} value={result} onChange={(x) => setResult(x.currentTarget.value)} />
          <Button size="xs" onClick={() => done.mutate({ examOrderId: e.id, result })} loading={done.isPending}>{t('consult.orders.saveResult')}</Button>
        </Group>
      )}
      {(cancel.error ?? done.error) && <ErrorNote error={cancel.error ?? done.error} />}
    </Stack>
  );
}

function Beds({ chart, inRoom }: { chart: Chart; inRoom: boolean }) {
  const { t } = useTranslation();
  const beds = useApiQuery('consultation.beds', {});
  const [bedId, setBedId] = useState<string | null>(null);
  const admit = useApiMutation('consultation.admit', { onSuccess: (a) => notifications.show({ color: 'teal', message: t('consult.orders.admitted', { ward: a.wardName, bed: a.bedLabel }) }) });
  const discharge = useApiMutation('consultation.discharge');
  const current = chart.admissions.find((a) => a.status === 'admitted');
  return (
    <Stack gap="xs">
      <Title order={5}>{t('consult.orders.beds')}</Title>
      {current && (
        <Group justify="space-between">
          <Text size="sm">{t('consult.orders.admitted', { ward: current.wardName, bed: current.bedLabel })}</Text>
          <Button size="compact-xs" variant="light" onClick={() => discharge.mutate({ admissionId: current.id })} loading={discharge.isPending}>{t('consult.orders.discharge')}</Button>
        </Group>
      )}
      {!current && inRoom && (
        <Group align="flex-end">
          <Select style={{ flex: 1 }} label={t('consult.orders.bed')} value={bedId} onChange={setBedId} nothingFoundMessage={t('consult.orders.noBeds')}
            data={(beds.data?.beds ?? []).map((b) => ({
              value: b.bedId, disabled: b.occupant !== null,
              label: `${b.wardName} ${b.label} · ${b.occupant ? t('consult.orders.occupied', { name: b.occupant.patientName }) : t('consult.orders.free')}`,
            }))} />
          <Button onClick={() => bedId && admit.mutate({ visitId: chart.visit.id, bedId })} disabled={!bedId} loading={admit.isPending}>{t('consult.orders.admit')}</Button>
        </Group>
      )}
      {(admit.error ?? discharge.error ?? beds.error) && <ErrorNote error={admit.error ?? discharge.error ?? beds.error} />}
    </Stack>
  );
}

/** Exams ordered for the visit (results once paid) and observation beds. */
export function OrdersPanel({ chart, inRoom, mine }: { chart: Chart; inRoom: boolean; mine: boolean }) {
  const { t, i18n } = useTranslation();
  const items = useApiQuery('catalog.examItems', {}, { staleTime: 300_000 });
  const [itemId, setItemId] = useState<string | null>(null);
  const order = useApiMutation('consultation.orderExam', { onSuccess: () => setItemId(null) });
  return (
    <Stack>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Title order={5}>{t('consult.orders.exams')}</Title>
          {chart.examOrders.length === 0 && <Text size="sm" c="dimmed">{t('consult.orders.noExams')}</Text>}
          {chart.examOrders.map((e) => <ExamRow key={e.id} e={e} mine={mine} />)}
          {inRoom && mine && (
            <Group align="flex-end">
              <Select style={{ flex: 1 }} searchable label={t('consult.orders.item')} value={itemId} onChange={setItemId} data-testid="exam-select"
                data={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i18n.language === 'en' ? i.nameEn || i.name : i.name} · ${t(`enums.examCategory.${i.category}`)} · ${money(i.priceFen)}` }))} />
              <Button onClick={() => itemId && order.mutate({ visitId: chart.visit.id, examItemId: itemId })} disabled={!itemId} loading={order.isPending}>{t('consult.orders.order')}</Button>
            </Group>
          )}
          {order.error && <ErrorNote error={order.error} />}
        </Stack>
      </Paper>
      <Paper withBorder p="sm"><Beds chart={chart} inRoom={inRoom && mine} /></Paper>
    </Stack>
  );
}
