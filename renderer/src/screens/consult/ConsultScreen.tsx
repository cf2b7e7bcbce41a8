import { Grid, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConsult } from '../../state/consult';
import { EmptyState } from '../../ui/EmptyState';
import { MyQueue } from './MyQueue';
import { VisitWorkspace } from './VisitWorkspace';

export function ConsultScreen() {
  const { t } = useTranslation();
  const visitId = useConsult((s) => s.visitId);
  // Two panes from 992 px (Mantine's md) up: at 1024 px the doctor keeps her queue beside the record.
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}><MyQueue /></Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {visitId ? <VisitWorkspace key={visitId} visitId={visitId} />
          : <Paper withBorder p="md"><EmptyState title={t('consult.visit.none')} hint={t('consult.visit.noneHint')} /></Paper>}
      </Grid.Col>
    </Grid>
  );
}
