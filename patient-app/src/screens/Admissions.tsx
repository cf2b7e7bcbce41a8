/**
 * A family member's stays in a bed, under my records: ward and bed, in hospital or discharged,
 * when admitted and discharged, the ward's daily rate, and the bills of the visit the stay began
 * at. Only what the hub answers (portal.admissions, the account's own members).
 */
import type { ReactNode } from 'react';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { call } from '../api';
import { timeLabel, yuan } from '../format';
import { useI18n, type TextKey } from '../i18n';
import { ErrorNotice, Loading } from '../ui';
import { BillsList } from './Bills';
import { departmentName, useQuery } from './Book';

type Admission = PatientOutput<'portal.admissions'>['items'][number];

export function AdmissionsList({ memberId }: { memberId: string }): ReactNode {
  const { t } = useI18n();
  const stays = useQuery(memberId ? () => call('portal.admissions', { memberId }) : null, `admissions-${memberId}`);
  if (stays.error) return <ErrorNotice error={stays.error} onRetry={stays.retry} />;
  if (!stays.value) return <Loading />;
  if (stays.value.items.length === 0) return <p className="empty" data-testid="no-admissions">{t('noAdmissions')}</p>;
  return <ul className="cards" data-testid="admissions">{stays.value.items.map((a) => <AdmissionCard key={a.id} stay={a} />)}</ul>;
}

function AdmissionCard({ stay: a }: { stay: Admission }): ReactNode {
  const { t, language } = useI18n();
  return (
    <li className="card" data-testid="admission">
      <div className="booking-head">
        <p className="card-title" data-testid="admission-bed">{a.wardName} · {a.bedLabel}</p>
        <span className={`status status-admission-${a.status}`} data-testid="admission-status">{t(`admission_${a.status}` as TextKey)}</span>
      </div>
      <p>{departmentName(a, language)} · {a.doctorName}</p>
      <p data-testid="admission-admitted">{t('admittedOn', { time: timeLabel(a.admittedAt, language) })}</p>
      <p data-testid="admission-discharged">{a.dischargedAt !== null ? t('dischargedOn', { time: timeLabel(a.dischargedAt, language) }) : t('notDischarged')}</p>
      <p className="muted small">{t('bedDailyRate', { rate: yuan(a.dailyRateFen) })}</p>
      <h3 className="admission-bills">{t('billsHeading')}</h3>
      <BillsList bills={a.bills} testId="admission-bills" />
    </li>
  );
}
