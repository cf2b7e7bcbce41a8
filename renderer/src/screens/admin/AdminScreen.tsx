/** The admin area: a menu of screens on the left, the chosen screen on the right (`#/admin/<screen>`). */
import { Box, Group, NavLink, Paper, Stack } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { DayClosesAll } from '../billing/DayClosesAll';
import { CatalogScreen } from './catalog/CatalogScreen';
import { Dashboard } from './dashboard/Dashboard';
import { DevicesScreen } from './devices/DevicesScreen';
import { DictionaryScreen } from './dictionary/DictionaryScreen';
import { EquipmentScreen } from './equipment/EquipmentScreen';
import { GatewayScreen } from './gateway/GatewayScreen';
import { JobsScreen } from './jobs/JobsScreen';
import { AuditScreen } from './lookups/AuditScreen';
import { LookupsScreen } from './lookups/LookupsScreen';
import { MessagesScreen } from './messages/MessagesScreen';
import { OrgScreen } from './org/OrgScreen';
import { RatingsScreen } from './ratings/RatingsScreen';
import { ReviewsScreen } from './reviews/ReviewsScreen';
import { RostersScreen } from './rosters/RostersScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { StaffScreen } from './staff/StaffScreen';
import { StatsScreen } from './stats/StatsScreen';
import { ADMIN_SECTIONS, useAdminSection, type AdminSection } from './ui/section';

const SCREENS: Record<AdminSection, ComponentType> = {
  dashboard: Dashboard,
  stats: StatsScreen,
  org: OrgScreen,
  staff: StaffScreen,
  rosters: RostersScreen,
  catalog: CatalogScreen,
  equipment: EquipmentScreen,
  dictionary: DictionaryScreen,
  devices: DevicesScreen,
  jobs: JobsScreen,
  messages: MessagesScreen,
  reviews: ReviewsScreen,
  dayCloses: DayClosesAll,
  lookups: LookupsScreen,
  ratings: RatingsScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
  gateway: GatewayScreen,
};

export function AdminScreen() {
  const { t } = useTranslation();
  const [section, go] = useAdminSection();
  const Screen = SCREENS[section];
  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      <Paper withBorder p={4} w={200} style={{ flexShrink: 0, position: 'sticky', top: 76 }} component="nav" aria-label={t('admin.nav.label')}>
        <Stack gap={2}>
          {ADMIN_SECTIONS.map((s) => (
            <NavLink key={s} label={t(`admin.nav.${s}`)} active={s === section} onClick={() => go(s)} href={`#/admin/${s}`}
              aria-current={s === section ? 'page' : undefined} data-testid={`admin-nav-${s}`} variant="light" style={{ borderRadius: 4 }} />
          ))}
        </Stack>
      </Paper>
      <Box style={{ flex: 1, minWidth: 0 }} data-testid={`admin-${section}`}>
        <Screen key={section} />
      </Box>
    </Group>
  );
}
