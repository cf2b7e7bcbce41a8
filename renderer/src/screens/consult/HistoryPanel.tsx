import { Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { colon, joinList } from '../../ui/punct';

/** The patient's earlier visits: complaint, diagnoses, drugs (reading it is audited). */
export function HistoryPanel({ patientId, currentVisitId }: { patientId: string; currentVisitId: string }) {
  const { t } = useTranslation();
  const q = useApiQuery('consultation.history', { patientId, limit: 20, offset: 0 });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={120} />;
  const visits = q.data.visits.filter((v) => v.id !== currentVisitId);
  if (visits.length === 0) return <EmptyState title={t('consult.history.empty')} />;
  return (
    <Stack gap="xs" data-testid="history">
      {visits.map((v) => (
        <Paper key={v.id} withBorder p="sm">
          <Group justify="space-between">
            <Text size="sm" fw={600}>{t('consult.history.visit', { date: v.visitDate, dept: v.departmentName, doctor: v.doctorName })}</Text>
            <Badge variant="light" size="sm">{t(`enums.visitType.${v.visitType}`)}</Badge>
          </Group>
          {v.record ? (
            <>
              <Text size="sm">{v.record.complaint}</Text>
              <Group gap={4} mt={4}>
                {v.record.diagnoses.map((d) => <Badge key={d.id} variant="outline" size="sm">{d.icd10} {d.text}</Badge>)}
              </Group>
            </>
          ) : <Text size="xs" c="dimmed">{t('consult.history.noRecord')}</Text>}
          {v.prescriptions.length > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('consult.history.rx')}{colon()}{joinList(v.prescriptions.flatMap((p) => p.items.map((i) => `${i.drugName} ${i.quantity}${i.unit}`)))}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
