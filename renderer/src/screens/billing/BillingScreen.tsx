import { Grid, Group, Paper, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PaperSetting } from '../../print/PaperSetting';
import { useBilling } from '../../state/billing';
import { EmptyState } from '../../ui/EmptyState';
import { AwaitingList } from './AwaitingList';
import { DayClose } from './DayClose';
import { VisitBilling } from './VisitBilling';

export function BillingScreen() {
  const { t } = useTranslation();
  const visitId = useBilling((s) => s.visitId);
  return (
    <Tabs defaultValue="awaiting" keepMounted={false}>
      <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap">
        <Tabs.List style={{ flex: 1 }}>
          <Tabs.Tab value="awaiting">{t('billing.tabs.awaiting')}</Tabs.Tab>
          <Tabs.Tab value="day">{t('billing.tabs.day')}</Tabs.Tab>
        </Tabs.List>
        <PaperSetting />
      </Group>
      <Tabs.Panel value="awaiting">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 4 }}><Paper withBorder p="md"><AwaitingList /></Paper></Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            {visitId ? <VisitBilling key={visitId} visitId={visitId} />
              : <Paper withBorder p="md"><EmptyState title={t('billing.visit.none')} hint={t('billing.visit.noneHint')} /></Paper>}
          </Grid.Col>
        </Grid>
      </Tabs.Panel>
      <Tabs.Panel value="day"><DayClose /></Tabs.Panel>
    </Tabs>
  );
}
