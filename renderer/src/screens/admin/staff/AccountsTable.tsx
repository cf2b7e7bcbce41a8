import { Badge, Button, Group, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query';
import { modals } from '../../../ui/Confirm';
import { joinList } from '../../../ui/punct';
import { AdminError } from '../ui/HubState';
import { ResetPasswordDialog, RolesDialog, type Account } from './AccountDialogs';

/** Accounts with their roles and person; change roles, reset the password, disable or enable. */
export function AccountsTable({ items }: { items: Account[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{ kind: 'roles' | 'reset'; account: Account } | null>(null);
  const setActive = useApiMutation('org.setAccountActive');
  const toggle = (a: Account) => {
    if (a.active) modals.confirm(t('admin.staff.disableConfirm', { username: a.username }), () => setActive.mutate({ id: a.id, active: false }));
    else setActive.mutate({ id: a.id, active: true });
  };
  return (
    <>
      <AdminError error={setActive.error} />
      <Table striped highlightOnHover data-testid="accounts-table">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('admin.staff.username')}</Table.Th><Table.Th>{t('admin.staff.name')}</Table.Th><Table.Th>{t('admin.staff.roles')}</Table.Th>
          <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="account-row">
              <Table.Td className="tabular">{a.username}</Table.Td>
              <Table.Td>{a.staffName ?? t('admin.common.none')}</Table.Td>
              <Table.Td>{joinList(a.roles.map((r) => t(`enums.role.${r}`)))}</Table.Td>
              <Table.Td>{a.active ? <Badge variant="light" color="teal">{t('admin.common.active')}</Badge> : <Badge variant="light" color="gray">{t('admin.staff.disabled')}</Badge>}</Table.Td>
              <Table.Td><Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="subtle" onClick={() => setOpen({ kind: 'roles', account: a })}>{t('admin.staff.editRoles')}</Button>
                <Button size="compact-xs" variant="subtle" onClick={() => setOpen({ kind: 'reset', account: a })}>{t('admin.staff.resetPassword')}</Button>
                <Button size="compact-xs" variant="subtle" color={a.active ? 'red' : 'teal'} onClick={() => toggle(a)}>{t(a.active ? 'admin.staff.disable' : 'admin.staff.enable')}</Button>
              </Group></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open?.kind === 'roles' && <RolesDialog account={open.account} onClose={() => setOpen(null)} />}
      {open?.kind === 'reset' && <ResetPasswordDialog account={open.account} onClose={() => setOpen(null)} />}
    </>
  );
}
