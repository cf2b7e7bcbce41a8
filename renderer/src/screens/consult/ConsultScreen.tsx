import { Grid, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConsult } from '../../state/consult';
import { EmptyState } from '../../ui/EmptyState';
import { MyQueue } from './MyQueue';
import { VisitWorkspace } from './VisitWorkspace';

export function ConsultScreen() {
  const { t } = useTranslation();
  const visitId = useConsult((s) => s.visitId);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 4 }}><MyQueue /></Grid.Col>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        {visitId ? <VisitWorkspace key={visitId} visitId={visitId} />
          : <Paper withBorder p="md"><EmptyState title={t('consult.visit.none')} hint={t('consult.visit.noneHint')} /></Paper>}
      </Grid.Col>
    </Grid>
  );
}
