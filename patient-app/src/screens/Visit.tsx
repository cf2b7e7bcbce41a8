/**
 * One visit of a family member: its signed record, each prescription with how to take each drug
 * (a voided one marked, not to be taken), exams and results, bills with payments and refunds; a
 * download of the desk's PDF (the patient's copy) for each document; rating the doctor once the
 * visit is finished.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { call, CallError } from '../api';
import { errorText } from '../errors';
import { dayLabel, timeLabel } from '../format';
import { useI18n, type TextKey } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { ErrorNotice, Loading, Screen } from '../ui';
import { BillsList, Download, fileHref } from './Bills';
import { departmentName, useQuery } from './Book';

type Detail = PatientOutput<'portal.visit'>;
type Rx = Detail['prescriptions'][number];
type Rating = NonNullable<Detail['visit']['rating']>;


export function VisitScreen({ visitId }: { visitId: string }): ReactNode {
  const { t, language } = useI18n();
  const detail = useQuery(() => call('portal.visit', { visitId }), `visit-${visitId}`);
  const back = hrefOf({ screen: 'records' });
  if (detail.error) return <Screen title={t('visitTitle')} back={back}><ErrorNotice error={detail.error} onRetry={detail.retry} /></Screen>;
  if (!detail.value) return <Screen title={t('visitTitle')} back={back}><Loading /></Screen>;
  const { visit, record, prescriptions, exams, bills } = detail.value;
  return (
    <Screen title={`${dayLabel(visit.date, language)} · ${visit.doctorName}`} back={back}>
      <p className="muted">{departmentName(visit, language)} · {t(`visit_${visit.status}` as TextKey)}</p>

      <h2>{t('recordHeading')}</h2>
      {record ? (
        <section className="card" data-testid="record">
          <dl className="summary">
            {(['complaint', 'presentIllness', 'pastHistory', 'findings', 'plan'] as const).filter((f) => record[f].trim() !== '').map((f) => (
              <RecordLine key={f} label={t(`r_${f}`)} text={record[f]} />
            ))}
            {record.diagnoses.length > 0 && <RecordLine label={t('r_diagnoses')} text={record.diagnoses.map((d) => `${d.text} (${d.code})`).join('；')} />}
          </dl>
          {record.amendments.length > 0 && (
            <>
              <h3>{t('r_amendments')}</h3>
              <ul>{record.amendments.map((a, i) => <li key={i}>{a.newText} <span className="muted small">({a.reason}, {timeLabel(a.at, language)})</span></li>)}</ul>
            </>
          )}
          {record.signedAt !== null && <p className="muted small">{t('signedBy', { doctor: record.doctorName, time: timeLabel(record.signedAt, language) })}</p>}
          <div className="actions"><Download href={fileHref('medicalRecord', visit.id, language)} label={t('downloadRecord')} testId="download-record" /></div>
        </section>
      ) : <p className="empty">{t('recordNotSigned')}</p>}

      <h2>{t('rxHeading')}</h2>
      {prescriptions.length === 0 ? <p className="empty">{t('noRx')}</p> : (
        <ul className="cards" data-testid="prescriptions">{prescriptions.map((rx) => <RxCard key={rx.id} rx={rx} />)}</ul>
      )}

      <h2>{t('examsHeading')}</h2>
      {exams.length === 0 ? <p className="empty">{t('noExams')}</p> : (
        <ul className="cards" data-testid="exams">
          {exams.map((e) => (
            <li key={e.id} className="card">
              <div className="booking-head"><p className="card-title">{language === 'en' && e.nameEn ? e.nameEn : e.name}</p><span className="status">{t(`exam_${e.status}` as TextKey)}</span></div>
              <p>{e.result ? t('examResult', { result: e.result }) : <span className="muted">{t('examNoResult')}</span>}</p>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('billsHeading')}</h2>
      <BillsList bills={bills} />

      <h2>{t('rateHeading')}</h2>
      <RateVisit visitId={visit.id} finished={visit.finished} given={visit.rating} />
    </Screen>
  );
}

function RecordLine({ label, text }: { label: string; text: string }): ReactNode {
  return <><dt>{label}</dt><dd className="record-text">{text}</dd></>;
}

function RxCard({ rx }: { rx: Rx }): ReactNode {
  const { t, language } = useI18n();
  return (
    <li className={`card${rx.voided ? ' voided' : ''}`} data-testid="rx" data-voided={rx.voided}>
      <div className="booking-head"><p className="card-title">{rx.rxNo}</p><span className="muted small">{timeLabel(rx.issuedAt, language)}</span></div>
      {rx.voided && <p className="stop-notice" data-testid="rx-voided">{t('rxVoided')}</p>}
      <ul className="rx-items">
        {rx.items.map((i, n) => (
          <li key={n} data-testid="rx-item">
            <p className="rx-drug">{language === 'en' && i.drugNameEn ? i.drugNameEn : i.drugName} <span className="muted small">{i.spec} · {t('rxQuantity', { n: `${i.quantity}${i.unit}` })}</span></p>
            <p data-testid="how-to-take">{t('howToTake', {
              dose: `${i.dose}${i.doseUnit}`, frequency: t(`freq_${i.frequency}` as TextKey), route: t(`route_${i.route}` as TextKey), days: i.days,
            })}{i.instructions ? (language === 'en' ? ` (${i.instructions})` : `（${i.instructions}）`) : ''}</p>
            {i.maxDose !== null && <p className="caution">{t('maxDose', { dose: `${i.maxDose}${i.doseUnit}` })}</p>}
            {i.contraindications && <p className="caution" data-testid="rx-contraindications">{t('rxContraindications', { text: i.contraindications })}</p>}
            {i.cautions && <p className="caution" data-testid="rx-cautions">{t('rxCautions', { text: i.cautions })}</p>}
            {(i.manufacturer || i.approvalNumber) && <p className="muted small" data-testid="rx-maker">{[i.manufacturer, i.approvalNumber && t('rxApproval', { n: i.approvalNumber })].filter(Boolean).join(' · ')}</p>}
          </li>
        ))}
      </ul>
      {!rx.voided && <div className="actions"><Download href={fileHref('prescription', rx.id, language)} label={t('downloadRx')} testId="download-rx" /></div>}
    </li>
  );
}

function RateVisit({ visitId, finished, given }: { visitId: string; finished: boolean; given: Rating | null }): ReactNode {
  const { t } = useI18n();
  const { notify } = useSession();
  const [rating, setRating] = useState<Rating | null>(given);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (rating) return <p data-testid="your-rating">{t('yourRating', { stars: rating.stars })}{rating.comment ? ` · ${rating.comment}` : ''}</p>;
  if (!finished) return <p className="muted">{t('rateNotYet')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (stars === 0) { setError(t('required')); return; }
    setBusy(true);
    setError(null);
    try {
      const r = await call('portal.rate', { visitId, stars, comment });
      setRating(r);
      notify(t('rateThanks'));
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      setError(errorText(err.error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="rate-form" noValidate>
      <fieldset className="field">
        <legend>{t('starsLegend')}</legend>
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="choice-option">
              <input type="radio" name="stars" value={n} checked={stars === n} onChange={() => setStars(n)} data-testid={`stars-${n}`} />
              <span>{t('starsN', { n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="rating-comment">{t('ratingComment')}</label>
        <textarea id="rating-comment" value={comment} maxLength={200} rows={3} onChange={(e) => setComment(e.target.value)} data-testid="field-comment" />
      </div>
      {error && <p className="form-error" role="alert" data-testid="form-error">{error}</p>}
      <button type="submit" className="button primary" disabled={busy} data-testid="rate-submit">{t('rateSubmit')}</button>
    </form>
  );
}
