import { AppShell, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminScreen } from '../screens/admin/AdminScreen';
import { BillingScreen } from '../screens/billing/BillingScreen';
import { ConsultScreen } from '../screens/consult/ConsultScreen';
import { DisplayScreen } from '../screens/display/DisplayScreen';
import { FrontDeskScreen } from '../screens/frontdesk/FrontDeskScreen';
import { PatientDrawer } from '../screens/patients/PatientDrawer';
import { PatientFinder } from '../screens/patients/PatientFinder';
import { PharmacyScreen } from '../screens/pharmacy/PharmacyScreen';
import { useRoute, WORKSPACE_ROLES, workspacesFor, type Workspace } from '../state/route';
import { usePatientSearch } from '../state/search';
import { useSession } from '../state/session';
import { ConfirmHost } from '../ui/Confirm';
import { joinList } from '../ui/punct';
import { Header } from './Header';

const SCREENS: Record<Workspace, ComponentType> = {
  frontdesk: FrontDeskScreen,
  consult: ConsultScreen,
  billing: BillingScreen,
  pharmacy: PharmacyScreen,
  display: DisplayScreen,
  admin: AdminScreen,
};

function Forbidden({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  return (
    <Center py={80}>
      <Paper withBorder p="xl" maw={520} data-testid="forbidden">
        <Stack>
          <Title order={3}>{t('shell.forbidden.title')}</Title>
          <Text>{t('shell.forbidden.body', {
            roles: joinList((me?.roles ?? []).map((r) => t(`enums.role.${r}`))), workspace: t(`shell.workspace.${workspace}`),
          })}</Text>
        </Stack>
      </Paper>
    </Center>
  );
}

export function Workbench() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const { workspace, go } = useRoute();
  const openSearch = usePatientSearch((s) => s.open);
  const allowed = workspacesFor(me?.roles ?? []);
  useHotkeys([['mod+K', openSearch], ['F2', openSearch]], []);

  useEffect(() => {
    if (workspace === null && allowed[0]) go(allowed[0]);
  }, [workspace, allowed, go]);

  const may = workspace !== null && WORKSPACE_ROLES[workspace].some((r) => me?.roles.includes(r));
  const Screen = workspace ? SCREENS[workspace] : null;

  if (workspace === 'display' && may && Screen) return <><Screen /><PatientFinder /></>;
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header><Header /></AppShell.Header>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        {allowed.length === 0 && <Center py={80}><Text>{t('shell.noWorkspace')}</Text></Center>}
        {workspace && !may && <Forbidden workspace={workspace} />}
        {may && Screen && <Screen />}
      </AppShell.Main>
      <PatientFinder />
      <PatientDrawer />
      <ConfirmHost />
    </AppShell>
  );
}
