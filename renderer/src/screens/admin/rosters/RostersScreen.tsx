import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Calendar } from './Calendar';
import { GeneratePanel } from './GeneratePanel';
import { Holidays } from './Holidays';
import { Templates } from './Templates';

/** Rosters: the calendar of sessions, the weekly templates, generating sessions, holidays. */
export function RostersScreen() {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="calendar" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="calendar" data-testid="rosters-tab-calendar">{t('admin.rosters.calendar')}</Tabs.Tab>
        <Tabs.Tab value="templates" data-testid="rosters-tab-templates">{t('admin.rosters.templates')}</Tabs.Tab>
        <Tabs.Tab value="generate" data-testid="rosters-tab-generate">{t('admin.rosters.generate')}</Tabs.Tab>
        <Tabs.Tab value="holidays" data-testid="rosters-tab-holidays">{t('admin.rosters.holidays')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="calendar"><Calendar /></Tabs.Panel>
      <Tabs.Panel value="templates"><Templates /></Tabs.Panel>
      <Tabs.Panel value="generate"><GeneratePanel /></Tabs.Panel>
      <Tabs.Panel value="holidays"><Holidays /></Tabs.Panel>
    </Tabs>
  );
}
