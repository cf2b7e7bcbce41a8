import { AppShell, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { PatientDrawer } from '../screens/patients/PatientDrawer';
import { PatientFinder } from '../screens/patients/PatientFinder';
import { useRoute, WORKSPACE_ROLES, workspacesFor, type Workspace } from '../state/route';
import { usePatientSearch } from '../state/search';
import { useSession } from '../state/session';
import { ConfirmHost } from '../ui/Confirm';
import { setClinicTimeZone } from '../ui/format';
import { useClinic } from '../ui/useClinic';
import { PasswordPromptHost } from '../ui/PasswordPrompt';
import { joinList } from '../ui/punct';
import { Header } from './Header';

/**
 * Each workspace is its own chunk, loaded when first opened (the log-in page does not wait for
 * the admin screens and their charts); after log-in the chunks of the person's workspaces are
 * fetched ahead, so switching is instant.
 */
const LOADERS: Record<Workspace, () => Promise<ComponentType>> = {
  frontdesk: () => import('../screens/frontdesk/FrontDeskScreen').then((m) => m.FrontDeskScreen),
  consult: () => import('../screens/consult/ConsultScreen').then((m) => m.ConsultScreen),
  billing: () => import('../screens/billing/BillingScreen').then((m) => m.BillingScreen),
  pharmacy: () => import('../screens/pharmacy/PharmacyScreen').then((m) => m.PharmacyScreen),
  display: () => import('../screens/display/DisplayScreen').then((m) => m.DisplayScreen),
  admin: () => import('../screens/admin/AdminScreen').then((m) => m.AdminScreen),
};
const screen = (w: Workspace) => lazy(() => LOADERS[w]().then((c) => ({ default: c })));
const SCREENS: Record<Workspace, ComponentType> = {
  frontdesk: screen('frontdesk'), consult: screen('consult'), billing: screen('billing'),
  pharmacy: screen('pharmacy'), display: screen('display'), admin: screen('admin'),
};

function ScreenLoading() {
  return <Center py={80}><Loader type="dots" aria-label="…" /></Center>;
}

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
  // Every time shown below follows the clinic's zone: set before the screens render, again when the setting changes.
  setClinicTimeZone(useClinic().data?.timeZone);
  const allowed = workspacesFor(me?.roles ?? []);
  useHotkeys([['mod+K', openSearch], ['F2', openSearch]], []);

  useEffect(() => {
    if (workspace === null && allowed[0]) go(allowed[0]);
  }, [workspace, allowed, go]);
  const allowedKey = allowed.join(',');
  useEffect(() => {
    for (const w of allowedKey.split(',')) if (w in LOADERS) void LOADERS[w as Workspace]().catch(() => undefined);
  }, [allowedKey]);

  const may = workspace !== null && WORKSPACE_ROLES[workspace].some((r) => me?.roles.includes(r));
  const Screen = workspace ? SCREENS[workspace] : null;

  if (workspace === 'display' && may && Screen) return <><Suspense fallback={<ScreenLoading />}><Screen /></Suspense><PatientFinder /></>;
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header><Header /></AppShell.Header>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        {allowed.length === 0 && <Center py={80}><Text>{t('shell.noWorkspace')}</Text></Center>}
        {workspace && !may && <Forbidden workspace={workspace} />}
        {may && Screen && <Suspense fallback={<ScreenLoading />}><Screen /></Suspense>}
      </AppShell.Main>
      <PatientFinder />
      <PatientDrawer />
      <ConfirmHost />
      <PasswordPromptHost />
    </AppShell>
  );
}
