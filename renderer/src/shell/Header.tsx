import { Badge, Button, Group, Indicator, Menu, Popover, SegmentedControl, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { SyncErrorCode } from '../../../main/api/contract';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../api/query';
import { workspacesFor, useRoute, type Workspace } from '../state/route';
import { useSession } from '../state/session';
import { useStation } from '../state/station';
import { usePatientSearch } from '../state/search';
import { dateTime, time } from '../ui/format';
import { useClinic } from '../ui/useClinic';
import { ChangePassword } from './ChangePassword';
import { LanguageSwitch } from './LanguageSwitch';
import { skewParts, syncBadge } from './syncBadge';
import { SYNC_REFUSAL_TEXT_CODES as SYNC_CODES } from '../i18n/areas/common';
import { openDisplayWindow } from '../screens/display/openDisplay';
import { Shortcut } from '../ui/Shortcut';
import { ariaKeys, SHORTCUTS } from '../ui/shortcuts';

function SyncBadge() {
  const { t } = useTranslation();
  const sync = useStation((s) => s.sync);
  const state = syncBadge(sync);
  const label = state.label === 'shell.sync.pending' || state.label === 'shell.sync.setAside' ? t(state.label, { count: state.count ?? 0 }) : t(state.label);
  const badge = <Badge variant="light" tt="none" color={state.tone} data-testid="sync-state" data-refused={state.refused ?? undefined}
    data-set-aside={state.setAside || undefined} style={state.setAside > 0 ? { cursor: 'pointer' } : undefined}>{label}</Badge>;
  const why = state.refused ? `${t(`shell.sync.why.${state.refused}`)}${state.count ? ` (${t('shell.sync.pending', { count: state.count })})` : ''}` : null;
  const last = sync?.lastSyncAt ? t('shell.sync.lastSync', { time: dateTime(sync.lastSyncAt) }) : null;
  const tip = [why, last].filter(Boolean).join(' · ');
  const shown = state.setAside > 0 && sync?.setAside ? <SetAside aside={sync.setAside} badge={badge} /> : tip ? <Tooltip label={tip} multiline maw={360}>{badge}</Tooltip> : badge;
  return <>{state.clockOffMs !== null && <ClockOff offMs={state.clockOffMs} />}{shown}</>;
}

type SetAsideT = NonNullable<NonNullable<ReturnType<typeof useStation.getState>['sync']>['setAside']>;

/** The changes the hub refused, with why, on a click of the badge. */
function SetAside({ aside, badge }: { aside: SetAsideT; badge: ReactNode }) {
  const { t } = useTranslation();
  const whyOf = (code: string) => (SYNC_CODES.has(code) ? t(`shell.sync.why.${code as SyncErrorCode}`) : code);
  return (
    <Popover width={380} position="bottom-end" shadow="md">
      <Popover.Target><UnstyledButton data-testid="set-aside-open">{badge}</UnstyledButton></Popover.Target>
      <Popover.Dropdown data-testid="set-aside">
        <Stack gap={6}>
          <Text size="sm" fw={600}>{t('shell.sync.setAsideTitle')}</Text>
          {aside.latest.map((c) => <Text key={c.id} size="xs" data-code={c.code}>{t('shell.sync.setAsideItem', { table: c.table, why: whyOf(c.code) })}</Text>)}
          {aside.count > aside.latest.length && <Text size="xs" c="dimmed">{t('shell.sync.setAsideMore', { count: aside.count - aside.latest.length })}</Text>}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** "This PC's clock is 1 d fast": the desk stamps its changes with the hub's time meanwhile. */
function ClockOff({ offMs }: { offMs: number }) {
  const { t } = useTranslation();
  const amount = skewParts(offMs).map((p) => t(`shell.clock.${p.unit}`, { count: p.count })).join(' ');
  return (
    <Tooltip label={t('shell.clock.hint')} multiline maw={320}>
      <Badge variant="filled" color="orange" tt="none" data-testid="clock-off">{t(offMs > 0 ? 'shell.clock.fast' : 'shell.clock.slow', { amount })}</Badge>
    </Tooltip>
  );
}

function Notices() {
  const { t } = useTranslation();
  const { notices, markRead } = useStation();
  const unread = notices.filter((n) => !n.read).length;
  return (
    <Indicator disabled={unread === 0} label={unread} size={16} color="red">
      <Popover width={340} position="bottom-end" shadow="md" onClose={markRead}>
        {/* The button itself opens the popover (aria-expanded belongs on a button, not the indicator). */}
        <Popover.Target>
          <Button variant="subtle" size="xs" data-testid="notices">{t('shell.header.notices')}</Button>
        </Popover.Target>
        <Popover.Dropdown>
          {notices.length === 0 ? <Text size="sm" c="dimmed">{t('shell.header.noNotices')}</Text> : (
            <Stack gap="xs">
              {notices.map((n) => (
                <div key={n.id}>
                  <Text size="xs" c="dimmed">{time(n.at)}</Text>
                  <Text size="sm" c={n.kind === 'info' ? undefined : 'red'}>{n.message}</Text>
                </div>
              ))}
            </Stack>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { me, setLocked, signOut } = useSession();
  const go = useRoute((s) => s.go);
  const [changing, setChanging] = useState(false);
  if (!me) return null;
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu">
          <Text size="sm" fw={600}>{t('shell.header.loggedInAs', { name: me.displayName })}</Text>
          <Text size="xs" c="dimmed">{me.roles.map((r) => t(`enums.role.${r}`)).join(' · ')}</Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => { if (!openDisplayWindow()) go('display'); }} data-testid="open-display">{t('display.open')}</Menu.Item>
        <Menu.Item onClick={() => { void apiCall('accounts.lock', {}).then(() => setLocked(true)); }}>{t('shell.header.lockNow')}</Menu.Item>
        <Menu.Item onClick={() => setChanging(true)}>{t('shell.header.changePassword')}</Menu.Item>
        <Menu.Item color="red" onClick={() => { void apiCall('accounts.logout', {}).finally(signOut); }}>{t('shell.header.logout')}</Menu.Item>
      </Menu.Dropdown>
      {changing && <ChangePassword onClose={() => setChanging(false)} />}
    </Menu>
  );
}

export function Header() {
  const { t, i18n } = useTranslation();
  const clinic = useClinic();
  const me = useSession((s) => s.me);
  const { workspace, go } = useRoute();
  const openSearch = usePatientSearch((s) => s.open);
  const spaces = workspacesFor(me?.roles ?? []);
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="lg" wrap="nowrap">
        <div>
          <Title order={4} style={{ whiteSpace: 'nowrap' }} lh={1.1}>{t('common.app.name')}</Title>
          {clinic.data && <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{i18n.language === 'en' ? clinic.data.clinicNameEn : clinic.data.clinicName}</Text>}
        </div>
        {spaces.length > 1 && (
          <SegmentedControl
            data-testid="workspace-switch" value={workspace ?? ''} onChange={(v) => go(v as Workspace)}
            data={spaces.map((w) => ({ value: w, label: t(`shell.workspace.${w}`) }))}
          />
        )}
        <Button variant="default" size="xs" onClick={openSearch} rightSection={<Shortcut name="find" />} aria-keyshortcuts={ariaKeys(SHORTCUTS.find)} data-testid="open-search">
          {t('shell.header.searchHint')}
        </Button>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <SyncBadge />
        <Notices />
        <LanguageSwitch />
        <UserMenu />
      </Group>
    </Group>
  );
}
