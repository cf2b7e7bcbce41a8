/**
 * My records: a family member's visits (the member chosen at the top), newest first, each with
 * its status, whether its record is signed and the rating given; each opens to the visit
 * (#/records/<visit>). Below them the member's stays in a bed (Admissions.tsx). Only what the hub
 * answers; a draft is never shown.
 */
import { useState, type ReactNode } from 'react';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { call } from '../api';
import { dayLabel } from '../format';
import { useI18n, type TextKey } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { ErrorNotice, Loading, Screen } from '../ui';
import { AdmissionsList } from './Admissions';
import { departmentName, useQuery } from './Book';

type Visit = PatientOutput<'portal.visits'>['items'][number];

export function RecordsScreen(): ReactNode {
  const { t } = useI18n();
  const { account } = useSession();
  const [memberId, setMemberId] = useState(account.members[0]?.id ?? '');
  const visits = useQuery(memberId ? () => call('portal.visits', { memberId }) : null, `visits-${memberId}`);
  return (
    <Screen title={t('recordsTitle')}>
      {account.members.length > 1 && (
        <div className="field">
          <label htmlFor="records-member">{t('recordsMember')}</label>
          <select id="records-member" value={memberId} onChange={(e) => setMemberId(e.target.value)} data-testid="records-member">
            {account.members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </div>
      )}
      <h2>{t('visitsHeading')}</h2>
      {visits.error ? <ErrorNotice error={visits.error} onRetry={visits.retry} />
        : !visits.value ? <Loading />
          : visits.value.items.length === 0 ? <p className="empty">{t('noVisits')}</p>
            : (
              <ul className="cards" data-testid="visits">
                {visits.value.items.map((v) => <VisitCard key={v.id} visit={v} />)}
              </ul>
            )}
      <h2>{t('admissionsHeading')}</h2>
      {memberId && <AdmissionsList key={memberId} memberId={memberId} />}
    </Screen>
  );
}

function VisitCard({ visit: v }: { visit: Visit }): ReactNode {
  const { t, language } = useI18n();
  return (
    <li>
      <a className="choice visit-link" href={hrefOf({ screen: 'visit', visitId: v.id })} data-testid="visit">
        <span className="booking-head">
          <span className="card-title">{dayLabel(v.date, language)}</span>
          <span className={`status status-visit-${v.status}`}>{t(`visit_${v.status}` as TextKey)}</span>
        </span>
        <span>{departmentName(v, language)} · {v.doctorName}</span>
        <span className="muted small">
          {v.recordSigned ? t('recordSigned') : t('recordNotSigned')}
          {v.rating ? ` · ${t('ratedStars', { stars: v.rating.stars })}` : ''}
        </span>
      </a>
    </li>
  );
}
