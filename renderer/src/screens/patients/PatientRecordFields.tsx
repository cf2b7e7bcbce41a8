import { Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ID_DOC_TYPES, type Output } from '../../../../main/api/contract';
import { useApiQuery } from '../../api/query';
import { fieldError } from '../../i18n/translateError';
import type { IdDocType, RegisterDraft } from './registerForm';

type Entry = Output<'dictionary.entries'>['items'][number];
type Kind = Entry['kind'];

/** The name of a dictionary entry in the UI's language (the Chinese name when it has no English one). */
export function entryName(e: Pick<Entry, 'name' | 'nameEn'>, lang: string): string {
  return lang.startsWith('en') && e.nameEn ? e.nameEn : e.name;
}

/** The active entries of the data dictionary (replicated from the hub), by kind. */
export function useDictionary() {
  const { i18n } = useTranslation();
  const q = useApiQuery('dictionary.entries', {});
  const items = q.data?.items ?? [];
  const of = (kind: Kind) => items.filter((e) => e.kind === kind);
  /** Options of a kind; a code the patient holds that is no longer offered stays as itself. */
  const options = (kind: Kind, current: string) => {
    const list = of(kind).map((e) => ({ value: e.code, label: entryName(e, i18n.language) }));
    return current && !list.some((o) => o.value === current) ? [...list, { value: current, label: current }] : list;
  };
  const label = (kind: Kind, code: string | null) => {
    if (!code) return null;
    const e = of(kind).find((x) => x.code === code);
    return e ? entryName(e, i18n.language) : code;
  };
  return { of, options, label };
}

/**
 * The register form's fields of issue 16: another identity document (type and number, for people
 * without a resident ID) and marital status, ethnicity and occupation from the data dictionary.
 */
export function PatientRecordFields({ d, set, err }: {
  d: RegisterDraft;
  set: <K extends keyof RegisterDraft>(k: K, v: RegisterDraft[K]) => void;
  err: unknown;
}) {
  const { t, i18n } = useTranslation();
  const dict = useDictionary();
  const docNames = dict.of('id_doc_type');
  const docLabel = (type: IdDocType) => {
    const e = docNames.find((x) => x.code === type);
    return e ? entryName(e, i18n.language) : t(`patients.idDocType.${type}`);
  };
  const select = (field: 'maritalStatus' | 'ethnicity' | 'occupation', kind: Kind) => (
    <Select label={t(`patients.field.${field}`)} value={d[field] || null} onChange={(v) => set(field, v ?? '')} name={field}
      data={dict.options(kind, d[field])} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} searchable
      error={fieldError(err, field)} data-testid={`select-${field}`} />
  );
  return (
    <>
      <Select label={t('patients.field.idDocType')} value={d.idDocType || null} onChange={(v) => set('idDocType', (v ?? '') as IdDocType | '')} name="idDocType"
        data={ID_DOC_TYPES.map((type) => ({ value: type, label: docLabel(type) }))} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }}
        description={t('patients.register.docHint')} error={fieldError(err, 'idDocType')} data-testid="select-idDocType" />
      <TextInput label={t('patients.field.idDocNumber')} value={d.idDocNumber} name="idDocNumber" className="tabular"
        onChange={(e) => set('idDocNumber', e.currentTarget.value)} error={fieldError(err, 'idDocNumber')} />
      {select('maritalStatus', 'marital_status')}
      {select('ethnicity', 'ethnicity')}
      {select('occupation', 'occupation')}
    </>
  );
}

/** The names of a dictionary list in the UI's language, in the admin's order (e.g. cancellation reasons to pick from). */
export function useDictionaryNames(kind: Kind): string[] {
  const { i18n } = useTranslation();
  return useDictionary().of(kind).map((e) => entryName(e, i18n.language));
}
