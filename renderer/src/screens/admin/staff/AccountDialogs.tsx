import { Button, Checkbox, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Output, type Role } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError } from '../ui/HubState';

export type Account = Output<'org.accounts'>['items'][number];

function RolePicker({ value, onChange, error }: { value: Role[]; onChange: (r: Role[]) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('admin.staff.roles')} value={value} onChange={(v) => onChange(v as Role[])} error={error} required data-testid="roles">
      <Group mt={6} gap="md">{ROLES.map((r) => <Checkbox key={r} value={r} label={t(`enums.role.${r}`)} />)}</Group>
    </Checkbox.Group>
  );
}

/** A log-in for a person: username, first password, roles. */
export function CreateAccountDialog({ staff, onClose }: { staff: { id: string; name: string; position: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(staff && (ROLES as readonly string[]).includes(staff.position) ? [staff.position as Role] : []);
  const create = useApiMutation('org.createAccount', {
    onSuccess: (a) => { notifications.show({ color: 'teal', message: t('admin.staff.accountCreated', { name: staff?.name ?? '', username: a.username }) }); onClose(); },
  });
  const err = create.error;
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate({ username, password, roles, staffId: staff?.id ?? null }); };
  return (
    <Modal opened onClose={onClose} title={staff ? t('admin.staff.createAccountFor', { name: staff.name }) : t('admin.staff.createAccount')} centered data-testid="account-dialog">
      <Stack component="form" onSubmit={submit}>
        <TextInput label={t('admin.staff.username')} description={t('admin.staff.usernameHint')} value={username} onChange={(e) => setUsername(e.currentTarget.value)}
          required name="username" autoComplete="off" error={fieldError(err, 'username')} data-autofocus />
        <PasswordInput label={t('admin.staff.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required name="password"
          autoComplete="new-password" error={fieldError(err, 'password')} />
        <RolePicker value={roles} onChange={setRoles} error={fieldError(err, 'roles')} />
        <FormError error={err} fields={['username', 'password', 'roles']} />
        <Group justify="flex-end"><Button type="submit" disabled={roles.length === 0} loading={create.isPending}>{t('admin.staff.createAccount')}</Button></Group>
      </Stack>
    </Modal>
  );
}

export function RolesDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const update = useApiMutation('org.updateAccount', { onSuccess: () => { notifications.show({ color: 'teal', message: t('admin.common.saved') }); onClose(); } });
  const submit = (e: FormEvent) => { e.preventDefault(); update.mutate({ id: account.id, roles }); };
  return (
    <Modal opened onClose={onClose} title={`${t('admin.staff.editRoles')}${t('common.punct.colon')}${account.username}`} centered data-testid="roles-dialog">
      <Stack component="form" onSubmit={submit}>
        <RolePicker value={roles} onChange={setRoles} error={fieldError(update.error, 'roles')} />
        <FormError error={update.error} fields={['roles']} />
        <Group justify="flex-end"><Button type="submit" disabled={roles.length === 0} loading={update.isPending}>{t('admin.common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

export function ResetPasswordDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const reset = useApiMutation('org.resetPassword', {
    onSuccess: (a) => { notifications.show({ color: 'teal', message: t('admin.staff.passwordReset', { username: a.username }) }); onClose(); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); reset.mutate({ id: account.id, password }); };
  return (
    <Modal opened onClose={onClose} title={`${t('admin.staff.resetPassword')}${t('common.punct.colon')}${account.username}`} centered data-testid="reset-dialog">
      <Stack component="form" onSubmit={submit}>
        <PasswordInput label={t('admin.staff.newPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required name="password"
          autoComplete="new-password" error={fieldError(reset.error, 'password')} data-autofocus />
        <FormError error={reset.error} fields={['password']} />
        <Group justify="flex-end"><Button type="submit" loading={reset.isPending}>{t('admin.staff.resetPassword')}</Button></Group>
      </Stack>
    </Modal>
  );
}
