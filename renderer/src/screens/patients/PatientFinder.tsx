import { Badge, Button, Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiQuery } from '../../api/query';
import { useRoute } from '../../state/route';
import { usePatientSearch } from '../../state/search';
import { hasRole, useSession } from '../../state/session';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';

type Found = Output<'patients.search'>['items'][number];

function Row({ p, active, onPick }: { p: Found; active: boolean; onPick: () => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      onClick={onPick} p="xs" data-testid="finder-result" data-active={active || undefined}
      style={{ borderRadius: 6, background: active ? 'var(--mantine-color-teal-light)' : undefined }}
    >
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text fw={600}>{p.name} <Text span c="dimmed" size="sm">{t(`enums.sex.${p.sex}`)}{p.ageYears !== null ? ` · ${t('patients.card.years', { count: p.ageYears })}` : ''}</Text></Text>
          <Text size="xs" c="dimmed" className="tabular">{p.recordNo} · {p.phoneMasked ?? '—'} · {p.idNumberMasked ?? '—'}</Text>
        </div>
        <Badge variant="light" size="sm">{t(`patients.finder.matchedBy.${p.matchedBy}`)}</Badge>
      </Group>
    </UnstyledButton>
  );
}

/** Find a patient as you type, from anywhere (Ctrl+K or F2). */
export function PatientFinder() {
  const { t } = useTranslation();
  const { opened, close, select, startRegister } = usePatientSearch();
  const me = useSession((s) => s.me);
  const go = useRoute((s) => s.go);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  // No debounce: the search is local (a few ms at a million patients), so every keystroke asks
  // and the list keeps the previous answer on screen until the new one arrives.
  const term = q.trim();
  const query = useApiQuery('patients.search', { q: term, limit: 20 }, { enabled: opened && term.length > 0, placeholderData: keepPreviousData });
  const items = term.length > 0 ? query.data?.items ?? [] : [];
  const isReception = hasRole(me, 'receptionist');

  useEffect(() => setActive(0), [term]);
  useEffect(() => { if (opened) setQ(''); }, [opened]);

  const pick = (p: Found) => {
    select(p.id);
    if (isReception) go('frontdesk');
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, items.length - 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    if (e.key === 'Enter' && items[active]) { e.preventDefault(); pick(items[active]); }
  };
  const register = () => {
    startRegister(/^[\p{Script=Han}a-zA-Z·\s]+$/u.test(q.trim()) ? q.trim() : '');
    go('frontdesk');
  };

  return (
    <Modal opened={opened} onClose={close} title={t('patients.finder.title')} size="lg" yOffset="10vh" data-testid="patient-finder">
      <Stack gap="sm">
        <TextInput
          data-autofocus placeholder={t('patients.finder.placeholder')} value={q} onKeyDown={onKey}
          onChange={(e) => setQ(e.currentTarget.value)} aria-label={t('patients.finder.title')} data-testid="finder-input"
        />
        {query.error && <ErrorNote error={query.error} />}
        {term.length === 0 && <Text size="sm" c="dimmed">{t('patients.finder.typeToSearch')}</Text>}
        {term.length > 0 && query.isSuccess && !query.isPlaceholderData && items.length === 0 && (
          <EmptyState
            title={t('patients.finder.empty', { q: term })} hint={t('patients.finder.emptyHint')}
            action={isReception ? <Button variant="light" onClick={register}>{t('patients.finder.register')}</Button> : undefined}
          />
        )}
        {items.length > 0 && (
          <ScrollArea.Autosize mah="55vh">
            <Stack gap={2}>
              {items.map((p, i) => <Row key={p.id} p={p} active={i === active} onPick={() => pick(p)} />)}
            </Stack>
          </ScrollArea.Autosize>
        )}
        {query.data?.truncated && <Text size="xs" c="dimmed">{t('patients.finder.truncated', { count: items.length })}</Text>}
        {isReception && items.length > 0 && (
          <Group justify="flex-end"><Button variant="subtle" size="xs" onClick={register}>{t('patients.finder.register')}</Button></Group>
        )}
      </Stack>
    </Modal>
  );
}
