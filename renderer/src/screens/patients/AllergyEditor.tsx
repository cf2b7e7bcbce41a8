/**
 * The coded-allergy editor (issue 14), for the front desk and the doctor: allergens as a drug
 * class, an ingredient or "other" words, each with the reaction seen; the free-text history kept
 * as the patient told it. Saved as a whole through patients.update (audited at the station).
 */
import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLERGEN_KINDS, ALLERGY_REACTIONS, DRUG_CLASSES, type AllergenKind, type AllergyReaction, type CodedAllergy } from '../../../../main/api/contract';
import { useApiMutation } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { useClassName } from '../consult/SafetyStops';

export interface AllergyEditorProps {
  patientId: string;
  name: string;
  allergies: string | null;
  allergyList: CodedAllergy[];
  unreadable?: boolean;
  onClose: () => void;
}

/** The coded allergies as short red badges ("青霉素类 · 荨麻疹"). */
export function AllergyBadges({ list }: { list: readonly CodedAllergy[] }) {
  const { t } = useTranslation();
  const className = useClassName();
  if (list.length === 0) return null;
  return (
    <Group gap={4} data-testid="coded-allergies">
      {list.map((a) => (
        <Badge key={`${a.kind}:${a.allergen}`} color="red" variant="light" size="sm" tt="none">
          {className(a.allergen)}{a.reaction !== 'unknown' ? ` · ${t(`patients.allergy.reactions.${a.reaction}`)}` : ''}
        </Badge>
      ))}
    </Group>
  );
}

const blankRow = () => ({ kind: 'class' as AllergenKind, allergen: '', reaction: 'unknown' as AllergyReaction, note: '' });

export function AllergyEditor(props: AllergyEditorProps) {
  const { t } = useTranslation();
  const className = useClassName();
  const [list, setList] = useState<CodedAllergy[]>(props.allergyList);
  const [text, setText] = useState(props.allergies ?? '');
  const [row, setRow] = useState(blankRow);
  const save = useApiMutation('patients.update', {
    onSuccess: () => { notifications.show({ color: 'teal', message: t('patients.allergy.saved', { name: props.name }) }); props.onClose(); },
  });
  const allergen = row.allergen.trim();
  const canAdd = allergen !== '' && !list.some((a) => a.kind === row.kind && a.allergen === allergen);
  const add = () => {
    if (!canAdd) return;
    setList((l) => [...l, { kind: row.kind, allergen, reaction: row.reaction, note: row.note.trim() === '' ? null : row.note.trim() }]);
    setRow((r) => ({ ...blankRow(), kind: r.kind }));
  };
  const submit = () => save.mutate({ id: props.patientId, allergies: text, allergyList: list });
  const err = save.error;
  return (
    <Modal opened onClose={props.onClose} title={t('patients.allergy.title', { name: props.name })} centered size="xl" data-testid="allergy-editor">
      <Stack gap="sm">
        {props.unreadable && <ErrorNote message={t('patients.allergy.unreadable')} />}
        <Text fw={600} size="sm">{t('patients.allergy.coded')}</Text>
        {list.length === 0 ? <Text size="sm" c="dimmed">{t('patients.allergy.none')}</Text> : (
          <Table withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('patients.allergy.kind')}</Table.Th><Table.Th>{t('patients.allergy.allergen')}</Table.Th>
                <Table.Th>{t('patients.allergy.reaction')}</Table.Th><Table.Th>{t('patients.allergy.note')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a, n) => (
                <Table.Tr key={`${a.kind}:${a.allergen}`} data-testid="allergy-row">
                  <Table.Td>{t(`patients.allergy.kinds.${a.kind}`)}</Table.Td>
                  <Table.Td fw={600}>{className(a.allergen)}</Table.Td>
                  <Table.Td>{t(`patients.allergy.reactions.${a.reaction}`)}</Table.Td>
                  <Table.Td>{a.note ?? ''}</Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('patients.allergy.remove', { allergen: className(a.allergen) })}
                      onClick={() => setList((l) => l.filter((_, i) => i !== n))} data-testid="allergy-remove">×</ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end" wrap="nowrap" gap="xs">
          <Select label={t('patients.allergy.kind')} value={row.kind} allowDeselect={false} w={150} name="allergy-kind"
            onChange={(v) => v && setRow((r) => ({ ...r, kind: v as AllergenKind, allergen: '' }))}
            data={ALLERGEN_KINDS.map((k) => ({ value: k, label: t(`patients.allergy.kinds.${k}`) }))} />
          {row.kind === 'class' ? (
            <Select label={t('patients.allergy.allergen')} value={row.allergen || null} searchable placeholder={t('patients.allergy.pickClass')} flex={1}
              onChange={(v) => setRow((r) => ({ ...r, allergen: v ?? '' }))} name="allergy-class" data-testid="allergy-class"
              data={DRUG_CLASSES.map((c) => ({ value: c, label: className(c) }))} />
          ) : (
            <TextInput label={t('patients.allergy.allergen')} value={row.allergen} maxLength={60} flex={1} name="allergy-allergen"
              placeholder={t(row.kind === 'ingredient' ? 'patients.allergy.typeIngredient' : 'patients.allergy.typeOther')}
              onChange={(e) => { const v = e.currentTarget.value; setRow((r) => ({ ...r, allergen: v })); }}
              onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
          )}
          <Select label={t('patients.allergy.reaction')} value={row.reaction} allowDeselect={false} w={150} name="allergy-reaction" data-testid="allergy-reaction"
            onChange={(v) => v && setRow((r) => ({ ...r, reaction: v as AllergyReaction }))}
            data={ALLERGY_REACTIONS.map((r) => ({ value: r, label: t(`patients.allergy.reactions.${r}`) }))} />
          <TextInput label={t('patients.allergy.note')} value={row.note} maxLength={100} w={140} name="allergy-note"
            onChange={(e) => { const v = e.currentTarget.value; setRow((r) => ({ ...r, note: v })); }} />
          <Button variant="light" onClick={add} disabled={!canAdd} data-testid="allergy-add">{t('patients.allergy.add')}</Button>
        </Group>
        <Textarea label={t('patients.allergy.history')} description={t('patients.allergy.historyHint')} value={text} autosize minRows={2} maxLength={500}
          onChange={(e) => setText(e.currentTarget.value)} name="allergy-history" error={fieldError(err, 'allergies')} />
        <ErrorNote message={fieldError(err, 'allergyList') ?? formError(err, ['allergies', 'allergyList'])} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>{t('common.action.cancel')}</Button>
          <Button onClick={submit} loading={save.isPending} data-testid="allergy-save">{t('common.action.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
