import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { EmptyState } from '../../../ui/EmptyState';
import { money } from '../../../ui/format';
import { tryFen } from '../../../ui/yuan';
import { AdminError, FormError, QueryState } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';
import { Panel } from '../ui/Panel';

type Ward = Output<'master.wards'>['items'][number];

function NewWard() {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [rate, setRate] = useState('0');
  const create = useApiMutation('master.createWard', { onSuccess: () => { setName(''); setRate('0'); } });
  const rateFen = tryFen(rate);
  const submit = (e: FormEvent) => { e.preventDefault(); if (rateFen !== null) create.mutate({ name, departmentId, dailyRateFen: rateFen }); };
  return (
    <Stack gap="xs">
      <Group component="form" onSubmit={submit} align="flex-end">
        <TextInput label={t('admin.catalog.ward')} value={name} onChange={(e) => setName(e.currentTarget.value)} required name="wardName" error={fieldError(create.error, 'name')} />
        <Select label={t('admin.common.department')} data={departments} value={departmentId} onChange={setDepartmentId} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} name="wardDepartment" />
        <TextInput label={t('admin.catalog.dailyFee')} value={rate} onChange={(e) => setRate(e.currentTarget.value)} inputMode="decimal" w={160} name="dailyRate"
          error={fieldError(create.error, 'dailyRateFen') ?? (rateFen === null ? t('errors.INVALID_MONEY') : undefined)} />
        <Button type="submit" loading={create.isPending} disabled={rateFen === null}>{t('admin.catalog.newWard')}</Button>
      </Group>
      <FormError error={create.error} fields={['name', 'dailyRateFen']} />
    </Stack>
  );
}

function WardCard({ ward }: { ward: Ward }) {
  const { t } = useTranslation();
  const [labels, setLabels] = useState('');
  const add = useApiMutation('master.addBeds', { onSuccess: () => setLabels('') });
  const toggle = useApiMutation('master.setBedActive');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = labels.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
    if (list.length > 0) add.mutate({ wardId: ward.id, labels: list });
  };
  return (
    <Paper withBorder p="sm" data-testid="ward">
      <Group justify="space-between" mb={6}>
        <Text fw={600}>{ward.name} <Text span size="xs" c="dimmed">{[ward.departmentName, t('admin.catalog.perDay', { amount: money(ward.dailyRateFen) })].filter(Boolean).join(' · ')}</Text></Text>
        {!ward.active && <Badge color="gray" variant="light">{t('admin.common.inactive')}</Badge>}
      </Group>
      <Group gap={6} mb="xs">
        {ward.beds.length === 0 && <Text size="xs" c="dimmed">{t('admin.common.empty')}</Text>}
        {ward.beds.map((b) => {
          const shown = `${b.label} · ${b.occupied ? t('admin.catalog.occupied') : b.active ? t('admin.catalog.free') : t('admin.common.inactive')}`;
          // The name starts with what the badge shows, then says what a click does.
          const action = t(b.active ? 'admin.catalog.bedDeactivate' : 'admin.catalog.bedActivate', { bed: b.label });
          return (
            <UnstyledButton key={b.id} onClick={() => toggle.mutate({ id: b.id, active: !b.active })} disabled={b.occupied} aria-label={`${shown} ${action}`}>
              <Badge variant={b.active ? 'light' : 'outline'} color={b.occupied ? 'orange' : b.active ? 'teal' : 'gray'} tt="none">{shown}</Badge>
            </UnstyledButton>
          );
        })}
      </Group>
      <Group component="form" onSubmit={submit} gap="xs" align="flex-end">
        <TextInput size="xs" label={t('admin.catalog.newBeds')} placeholder="1, 2, 3" value={labels} onChange={(e) => setLabels(e.currentTarget.value)}
          name={`beds-${ward.id}`} error={fieldError(add.error, 'labels')} />
        <Button size="xs" type="submit" variant="light" loading={add.isPending}>{t('admin.catalog.newBed')}</Button>
      </Group>
      <AdminError error={add.error ?? toggle.error} />
    </Paper>
  );
}

/** Wards with their beds (occupied ones marked); add a ward, add beds, take a free bed out of use. */
export function Wards() {
  const { t } = useTranslation();
  const q = useApiQuery('master.wards', {});
  return (
    <Panel title={t('admin.catalog.wards')} testId="wards">
      <Stack>
        <NewWard />
        <QueryState query={q}>{(d) => d.items.length === 0 ? <EmptyState title={t('admin.common.empty')} /> : (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>{d.items.map((w) => <WardCard key={w.id} ward={w} />)}</SimpleGrid>
        )}</QueryState>
      </Stack>
    </Panel>
  );
}
