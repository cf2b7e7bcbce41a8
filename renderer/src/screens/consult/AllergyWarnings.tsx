import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';

type Rx = Output<'prescriptions.get'>;

/** The station's allergy matches, said in the user's language (its message is for logs). */
export function AllergyWarnings({ rx }: { rx: Rx }) {
  const { t } = useTranslation();
  return (
    <>
      {rx.warnings.map((w) => {
        const drug = rx.items.find((i) => i.drugId === w.drugId)?.drugName ?? '';
        return (
          <Alert key={`${w.drugId}-${w.allergen}`} color="yellow" title={t('consult.rx.allergy')} py={6} data-testid="allergy-warning">
            {t('consult.rx.allergyText', { allergen: w.allergen, drug })}
          </Alert>
        );
      })}
    </>
  );
}
