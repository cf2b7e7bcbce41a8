/** A prescription's safety stops (allergy, duplicate, dose above maximum) and the override it was issued with, in the user's language. */
import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ALLERGY_REACTIONS, isDrugClass, type AllergyReaction, type Output } from '../../../../main/api/contract';

type Rx = Output<'prescriptions.get'>;
export type Stop = Rx['warnings'][number];

/** One stop as a sentence ("患者对青霉素类过敏（皮疹）：阿莫西林胶囊"). */
export function useStopText(): (s: Stop) => string {
  const { t } = useTranslation();
  const className = useClassName();
  const isReaction = (r: string | null): r is Exclude<AllergyReaction, 'unknown'> => r !== null && r !== 'unknown' && (ALLERGY_REACTIONS as readonly string[]).includes(r);
  return (s) => t(`consult.rx.stop.${s.kind}`, {
    drug: s.drugName, allergen: className(s.allergen ?? ''), other: s.otherDrugName ?? '', dose: String(s.dose ?? ''), max: String(s.maxDose ?? ''),
    reaction: isReaction(s.reaction) ? t(`consult.reaction.${s.reaction}`) : '',
  });
}

/** A class code in words ("nsaid" → 非甾体抗炎药); anything else as it is. */
export function useClassName(): (a: string) => string {
  const { t } = useTranslation();
  return (a) => (isDrugClass(a) ? t(`consult.drugClass.${a}`) : a);
}

export function StopList({ stops }: { stops: Stop[] }) {
  const text = useStopText();
  return (
    <List size="sm" spacing={2}>
      {stops.map((s, n) => <List.Item key={`${s.kind}-${s.itemId ?? ''}-${n}`} data-testid={`stop-${s.kind}`}>{text(s)}</List.Item>)}
    </List>
  );
}

/** Live stops while writing (red), or for an issued prescription the override that let it through. */
export function SafetyStops({ rx }: { rx: Rx }) {
  const { t } = useTranslation();
  return (
    <>
      {rx.allergyListUnreadable && <Alert color="orange" py={6}>{t('consult.rx.allergyListUnreadable')}</Alert>}
      {rx.override ? (
        <Alert color="orange" title={t('consult.rx.overridden')} py={6} data-testid="rx-override">
          <StopList stops={rx.override.stops} />
          <Text size="sm" fw={700} mt={4}>{t('consult.rx.overrideReasonShown', { reason: rx.override.reason })}</Text>
        </Alert>
      ) : rx.warnings.length > 0 && rx.status !== 'cancelled' && (
        <Alert color="red" title={t('consult.rx.stopTitle')} py={6} data-testid="allergy-warning">
          <StopList stops={rx.warnings} />
        </Alert>
      )}
    </>
  );
}
