import { Badge, Button, Group, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/query';
import { EmptyState } from '../../../ui/EmptyState';
import { money } from '../../../ui/format';
import { QueryState } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';
import { Panel } from '../ui/Panel';
import { CreateAccountDialog, type Account } from './AccountDialogs';
import { AccountsTable } from './AccountsTable';
import { StaffDialog, type StaffMember } from './StaffDialog';
import { StaffFiles } from './StaffFiles';

function StaffTable({ items, accounts, onEdit, onAccount }: {
  items: StaffMember[]; accounts: Account[]; onEdit: (m: StaffMember) => void; onAccount: (m: StaffMember) => void;
}) {
  const { t } = useTranslation();
  const accountOf = (id: string) => accounts.find((a) => a.staffId === id);
  return (
    <Table striped highlightOnHover data-testid="staff-table">
      <Table.Thead><Table.Tr>
        <Table.Th>{t('admin.staff.name')}</Table.Th><Table.Th>{t('admin.staff.position')}</Table.Th><Table.Th>{t('admin.common.department')}</Table.Th><Table.Th>{t('admin.staff.phone')}</Table.Th>
        <Table.Th>{t('admin.staff.fee')}</Table.Th><Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.staff.account')}</Table.Th>
        <Table.Th>{t('admin.common.actions')}</Table.Th>
      </Table.Tr></Table.Thead>
      <Table.Tbody>
        {items.map((m) => {
          const a = accountOf(m.id);
          return (
            <Table.Tr key={m.id} data-testid="staff-row">
              <Table.Td>{m.name} <Text span size="xs" c="dimmed">{t(`enums.sex.${m.sex}`)}{m.title ? ` · ${m.title}` : ''}</Text></Table.Td>
              <Table.Td>{t(`admin.position.${m.position}`)}</Table.Td>
              <Table.Td>{m.departmentName ?? t('admin.common.none')}</Table.Td>
              <Table.Td className="tabular" data-testid="staff-phone">{m.phone ?? ''}</Table.Td>
              <Table.Td className="tabular">{money(m.registrationFeeFen)}</Table.Td>
              <Table.Td><Badge variant="light" color={m.status === 'active' ? 'teal' : m.status === 'on_leave' ? 'yellow' : 'gray'}>{t(`admin.staffStatus.${m.status}`)}</Badge></Table.Td>
              <Table.Td>{a ? <Text size="sm" className="tabular" c={a.active ? undefined : 'dimmed'}>{a.username}</Text> : <Text size="sm" c="dimmed">{t('admin.staff.noAccount')}</Text>}</Table.Td>
              <Table.Td><Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="subtle" onClick={() => onEdit(m)}>{t('admin.common.edit')}</Button>
                {!a && m.status !== 'left' && <Button size="compact-xs" variant="subtle" onClick={() => onAccount(m)} data-testid="create-account">{t('admin.staff.createAccount')}</Button>}
              </Group></Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Staff (with their accounts), accounts, and staff import/export. */
export function StaffScreen() {
  const { t } = useTranslation();
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const staff = useApiQuery('org.staff', departmentId ? { departmentId } : {});
  const accounts = useApiQuery('org.accounts', {});
  const departments = useDepartmentOptions();
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [accountFor, setAccountFor] = useState<StaffMember | null>(null);
  return (
    <Tabs defaultValue="staff" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="staff">{t('admin.staff.title')}</Tabs.Tab>
        <Tabs.Tab value="accounts" data-testid="accounts-tab">{t('admin.staff.accounts')}</Tabs.Tab>
        <Tabs.Tab value="files">{t('admin.catalog.staffImport')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="staff">
        <Panel title={t('admin.staff.title')} testId="staff" actions={<>
          <Select size="xs" data={departments} value={departmentId} onChange={setDepartmentId} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} placeholder={t('admin.common.allDepartments')}
            aria-label={t('admin.common.department')} w={160} />
          <Button size="xs" onClick={() => setEditing('new')} data-testid="new-staff">{t('admin.staff.newStaff')}</Button>
        </>}>
          <QueryState query={staff}>{(s) => s.items.length === 0 ? <EmptyState title={t('admin.common.empty')} />
            : <StaffTable items={s.items} accounts={accounts.data?.items ?? []} onEdit={setEditing} onAccount={setAccountFor} />}</QueryState>
        </Panel>
      </Tabs.Panel>
      <Tabs.Panel value="accounts">
        <Panel title={t('admin.staff.accounts')} testId="accounts">
          <QueryState query={accounts}>{(a) => <AccountsTable items={a.items} />}</QueryState>
        </Panel>
      </Tabs.Panel>
      <Tabs.Panel value="files"><Stack><StaffFiles /></Stack></Tabs.Panel>
      {editing && <StaffDialog member={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onCreated={(m) => { if (m.status === 'active') setAccountFor(m); }} />}
      {accountFor && <CreateAccountDialog staff={accountFor} onClose={() => setAccountFor(null)} />}
    </Tabs>
  );
}
