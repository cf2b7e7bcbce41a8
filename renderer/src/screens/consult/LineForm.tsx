import { Alert, Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRUG_FREQUENCIES, DRUG_ROUTES, type DrugFrequency, type Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';
import { SearchPicker } from '../../ui/SearchPicker';
import { useClassName } from './SafetyStops';
import { lineFor, newLine, previewQuantity, type LineDraft } from './rxLine';
import { withUnit } from '../../ui/punct';

type Drug = Output<'prescriptions.searchFormulary'>['items'][number];
type Route = (typeof DRUG_ROUTES)[number];
const FIELDS = ['drugId', 'dose', 'frequency', 'route', 'days', 'quantity'];

/** Add one drug to a draft prescription; a drug with no stock cannot be chosen; the patient's allergies show in the results. */
export function LineForm({ prescriptionId, visitId }: { prescriptionId: string; visitId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const [drug, setDrug] = useState<Drug | null>(null);
  const className = useClassName();
  const [line, setLine] = useState<LineDraft>(newLine());
  const search = useApiQuery('prescriptions.searchFormulary', { q: debounced, limit: 15, visitId }, { enabled: debounced.length > 0 });
  const add = useApiMutation('prescriptions.addItem', { onSuccess: () => { setDrug(null); setLine(newLine()); } });
  const set = <K extends keyof LineDraft>(k: K, v: LineDraft[K]) => setLine((x) => ({ ...x, [k]: v }));
  const preview = drug ? previewQuantity(line, drug.dosesPerUnit) : null;
  const submit = () => {
    if (!drug) return;
    add.mutate({
      prescriptionId, drugId: drug.id, dose: Number(line.dose), frequency: line.frequency, route: line.route as Route,
      ...(line.days.trim() ? { days: Number(line.days) } : {}), ...(line.quantity.trim() ? { quantity: Number(line.quantity) } : {}),
    });
  };
  const err = add.error;

  if (!drug) {
    return (
      <SearchPicker<Drug>
        placeholder={t('consult.rx.searchDrug')} query={q} onQuery={setQ} items={debounced ? search.data?.items ?? [] : []}
        searching={debounced !== q.trim() || search.isFetching} keyOf={(d) => d.id}
        disabled={(d) => !d.prescribable} testId="drug-search"
        render={(d) => (
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={600}>{d.name} <Text span size="xs" c="dimmed">{d.spec}</Text></Text>
              <Text size="xs" c="dimmed">{d.code} · {money(d.priceFen)}/{d.unit}{d.manufacturer ? ` · ${d.manufacturer}` : ''}</Text>
            </div>
            {d.allergens.length > 0 && <Badge color="red" size="sm" variant="filled" data-testid="search-allergy">{t('consult.rx.searchAllergy', { allergens: d.allergens.map(className).join('、') })}</Badge>}
            {d.prescribable ? <Badge variant="light" size="sm">{t('consult.rx.stock', { count: d.available })}</Badge>
              : <Badge color="red" size="sm">{t('consult.rx.outOfStock')}</Badge>}
          </Group>
        )}
        onPick={(d) => { setDrug(d); setLine(lineFor(d)); setQ(''); add.reset(); }}
      />
    );
  }
  return (
    <Stack gap="xs" data-testid="line-form">
      <Group justify="space-between">
        <Text fw={600}>{drug.name} <Text span size="xs" c="dimmed">{drug.spec} · {t('consult.rx.stock', { count: drug.available })}{drug.maxDose !== null ? ` · ${t('consult.rx.maxDose', { max: drug.maxDose, unit: drug.doseUnit })}` : ''}</Text></Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setDrug(null)}>{t('common.action.cancel')}</Button>
      </Group>
      <DrugRecords drug={drug} />
      <Group grow align="flex-start" wrap="nowrap">
        <TextInput label={withUnit(t('consult.rx.dose'), drug.doseUnit)} value={line.dose} onChange={(e) => set('dose', e.currentTarget.value)} inputMode="decimal" error={fieldError(err, 'dose')} name="dose" />
        <Select label={t('consult.rx.frequency')} value={line.frequency} allowDeselect={false} onChange={(v) => v && set('frequency', v as DrugFrequency)}
          data={DRUG_FREQUENCIES.map((f) => ({ value: f, label: `${f} ${t(`enums.frequency.${f}`)}` }))} error={fieldError(err, 'frequency')} />
        <Select label={t('consult.rx.route')} value={line.route} allowDeselect={false} onChange={(v) => v && set('route', v)}
          data={DRUG_ROUTES.map((r) => ({ value: r, label: t(`enums.route.${r}`) }))} error={fieldError(err, 'route')} />
        <TextInput label={t('consult.rx.days')} value={line.days} onChange={(e) => set('days', e.currentTarget.value)} inputMode="numeric" error={fieldError(err, 'days')} name="days" />
        <TextInput label={withUnit(t('consult.rx.quantity'), drug.unit)} value={line.quantity} placeholder={preview !== null ? String(preview) : ''}
          onChange={(e) => set('quantity', e.currentTarget.value)} inputMode="numeric" error={fieldError(err, 'quantity')} name="quantity" />
      </Group>
      <ErrorNote message={formError(err, FIELDS)} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{preview !== null ? `${preview} ${drug.unit} · ${money(preview * drug.priceFen)}` : ''}</Text>
        <Button onClick={submit} loading={add.isPending} data-testid="add-line">{t('consult.rx.add')}</Button>
      </Group>
    </Stack>
  );
}

/** The drug's maker and approval number, and its contraindications and cautions as the doctor must see them before adding it. */
function DrugRecords({ drug }: { drug: Drug }) {
  const { t } = useTranslation();
  const maker = [drug.manufacturer, drug.approvalNumber].filter(Boolean).join(' · ');
  return (
    <>
      {maker && <Text size="xs" c="dimmed" data-testid="drug-maker">{maker}</Text>}
      {(drug.contraindications || drug.cautions) && (
        <Alert color="orange" variant="light" p="xs" data-testid="drug-cautions">
          {drug.contraindications && <Text size="sm"><Text span fw={600}>{t('consult.rx.contraindications')}</Text>{t('common.punct.colon')}{drug.contraindications}</Text>}
          {drug.cautions && <Text size="sm"><Text span fw={600}>{t('consult.rx.cautions')}</Text>{t('common.punct.colon')}{drug.cautions}</Text>}
        </Alert>
      )}
    </>
  );
}
