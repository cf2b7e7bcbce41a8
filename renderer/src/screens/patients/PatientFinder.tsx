import { Button, Group, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiQuery } from '../../api/query';
import { useRoute } from '../../state/route';
import { usePatientSearch } from '../../state/search';
import { hasRole, useSession } from '../../state/session';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';

type Found = Output<'patients.search'>['items'][number];

/**
 * One result. Plain elements with the finder's own classes (app.css), not Mantine components:
 * the list is redrawn on every keystroke and twenty Mantine rows cost more than the search.
 */
const Row = memo(function Row({ p, active, onPick }: { p: Found; active: boolean; onPick: (p: Found) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="finder-row" data-active={active || undefined} data-testid="finder-result" onClick={() => onPick(p)}>
      <span className="finder-row-main">
        <span className="finder-row-name">{p.name} <span className="finder-row-dim">{t(`enums.sex.${p.sex}`)}{p.ageYears !== null ? ` · ${t('patients.card.years', { count: p.ageYears })}` : ''}</span></span>
        <span className="finder-row-ids tabular">{p.recordNo} · {p.phoneMasked ?? '—'} · {p.idNumberMasked ?? '—'}</span>
      </span>
      <span className="finder-row-badge">{t(`patients.finder.matchedBy.${p.matchedBy}`)}</span>
    </button>
  );
});

/** Find a patient as you type, from anywhere (Ctrl+K or F2). */
export function PatientFinder() {
  const { t } = useTranslation();
  const { opened, close, select, startRegister } = usePatientSearch();
  const me = useSession((s) => s.me);
  const go = useRoute((s) => s.go);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  // Closed by a pick, the finder leaves focus to the picked patient's next action (it does not go
  // back to where it was, which could be another patient's button); closed by Escape, it goes back.
  const [picked, setPicked] = useState(false);
  // No debounce: the search is local (a few ms at a million patients), so every keystroke asks
  // and the list keeps the previous answer on screen until the new one arrives.
  const term = q.trim();
  const query = useApiQuery('patients.search', { q: term, limit: 20 }, { enabled: opened && term.length > 0, placeholderData: keepPreviousData });
  const items = term.length > 0 ? query.data?.items ?? [] : [];
  const isReception = hasRole(me, 'receptionist');

  useEffect(() => setActive(0), [term]);
  useEffect(() => { if (opened) { setQ(''); setPicked(false); } }, [opened]);

  const pick = useCallback((p: Found) => {
    setPicked(true);
    select(p.id);
    if (isReception) go('frontdesk');
  }, [select, go, isReception]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, items.length - 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    if (e.key === 'Enter' && items[active]) { e.preventDefault(); pick(items[active]); }
  };
  const register = () => {
    setPicked(true);
    startRegister(/^[\p{Script=Han}a-zA-Z·\s]+$/u.test(q.trim()) ? q.trim() : '');
    go('frontdesk');
  };

  return (
    <Modal opened={opened} onClose={close} returnFocus={!picked} title={t('patients.finder.title')} size="lg" yOffset="10vh" data-testid="patient-finder">
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
              {items.map((p, i) => <Row key={p.id} p={p} active={i === active} onPick={pick} />)}
            </Stack>
          </ScrollArea.Autosize>
        )}
        {items.length > 0 && query.data?.truncated && <Text size="xs" c="dimmed">{t('patients.finder.truncated', { count: items.length })}</Text>}
        {isReception && items.length > 0 && (
          <Group justify="flex-end"><Button variant="subtle" size="xs" onClick={register}>{t('patients.finder.register')}</Button></Group>
        )}
      </Stack>
    </Modal>
  );
}
