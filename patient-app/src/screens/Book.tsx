/**
 * Booking, step by step in the address (#/book/<department>/<doctor>/<session>): departments,
 * their doctors (title, fee, specialty), the doctor's sessions of the next 14 days with seats left
 * (a stopped one with its notice), then who it is for and the clinic's booking notice. The same
 * steps move an existing booking (#/reschedule/<booking>/…).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { call, CallError, type ApiError } from '../api';
import { dayLabel, yuan } from '../format';
import { useI18n, type Translate } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { ErrorNotice, FormError, Loading, Screen } from '../ui';
import { errorText } from '../errors';

type Catalog = PatientOutput<'portal.catalog'>;
type Department = Catalog['departments'][number];
type Doctor = Department['doctors'][number];
type SessionDay = PatientOutput<'portal.sessions'>['sessions'][number];
type Booking = PatientOutput<'portal.book'>;

/** A query's state: loading, its value, or the hub's error (with a retry). */
export function useQuery<T>(load: (() => Promise<T>) | null, key: string): { value: T | null; error: ApiError | null; retry: () => void } {
  const [state, setState] = useState<{ key: string; value: T | null; error: ApiError | null }>({ key: '', value: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (value) => live && setState({ key, value, error: null }),
      (err: unknown) => live && setState({ key, value: null, error: err instanceof CallError ? err.error : { code: 'INTERNAL', message: String(err) } }),
    );
    return () => { live = false; };
    // `key` names what `load` loads: a new function each render is the same query.
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return state.key === key ? { value: state.value, error: state.error, retry } : { value: null, error: null, retry };
}

export const periodText = (t: Translate, period: SessionDay['period']): string => t(period);

/** A department's name in the app's language (a booking names it as departmentName / departmentNameEn). */
export function departmentName(d: { name: string; nameEn: string } | { departmentName: string; departmentNameEn: string }, language: string): string {
  const [zh, en] = 'name' in d ? [d.name, d.nameEn] : [d.departmentName, d.departmentNameEn];
  return language === 'en' && en ? en : zh;
}

interface Steps { departmentId?: string; doctorId?: string; sessionId?: string }

export function BookScreen({ steps, moving }: { steps: Steps; moving?: string }): ReactNode {
  const { t, language } = useI18n();
  const catalog = useQuery(() => call('portal.catalog', {}), 'catalog');
  const bookings = useQuery(moving ? () => call('portal.bookings', {}) : null, `bookings-${moving ?? ''}`);
  const link = (s: Steps) => hrefOf(moving ? { screen: 'reschedule', appointmentId: moving, ...s } : { screen: 'book', ...s });
  const old = moving ? bookings.value?.items.find((b) => b.id === moving) : undefined;
  const title = moving ? t('rescheduleTitle') : t('bookTitle');

  if (catalog.error) return <Screen title={title}><ErrorNotice error={catalog.error} onRetry={catalog.retry} /></Screen>;
  if (!catalog.value) return <Screen title={title}><Loading /></Screen>;
  const c = catalog.value;
  const department = c.departments.find((d) => d.id === steps.departmentId);
  const doctor = department?.doctors.find((d) => d.id === steps.doctorId);
  const from = old ? <p className="notice" data-testid="moving-from">{t('rescheduleFrom', { what: `${old.memberName} · ${departmentName(old, language)} · ${old.doctorName} · ${dayLabel(old.date, language)} ${t(old.period)}` })}</p> : null;

  if (!department) {
    return (
      <Screen title={title} {...(moving ? { back: '#/bookings' } : {})}>
        {from}
        {c.notice && !moving && <Notice title={t('noticeTitle')} text={c.notice} />}
        <h2>{t('chooseDepartment')}</h2>
        {c.departments.length === 0 ? <p className="empty">{t('noDepartments')}</p> : (
          <ul className="choices" data-testid="departments">
            {c.departments.map((d) => (
              <li key={d.id}>
                <a className="choice" href={link({ departmentId: d.id })} data-testid="department">
                  <span className="choice-title">{departmentName(d, language)}</span>
                  <span className="muted">{t('doctorsCount', { n: d.doctors.length })}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </Screen>
    );
  }
  if (!doctor) {
    return (
      <Screen title={departmentName(department, language)} back={link({})}>
        {from}
        <h2>{t('chooseDoctor')}</h2>
        {department.doctors.length === 0 ? <p className="empty">{t('noDoctors')}</p> : (
          <ul className="choices" data-testid="doctors">
            {department.doctors.map((d) => (
              <li key={d.id}>
                <a className="choice" href={link({ departmentId: department.id, doctorId: d.id })} data-testid="doctor">
                  <DoctorLines doctor={d} />
                </a>
              </li>
            ))}
          </ul>
        )}
      </Screen>
    );
  }
  return <SessionStep catalog={c} department={department} doctor={doctor} sessionId={steps.sessionId} moving={moving} old={old} from={from} link={link} />;
}

function DoctorLines({ doctor }: { doctor: Doctor }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <span className="choice-title">{doctor.name} <span className="muted">{doctor.title}</span></span>
      {doctor.specialty && <span className="muted">{doctor.specialty}</span>}
      <span className="fee">{t('fee', { fee: yuan(doctor.feeFen) })}</span>
      {doctor.rating && <span className="rating" data-testid="doctor-rating">{t('doctorRating', { average: doctor.rating.average.toFixed(1), count: doctor.rating.count })}</span>}
    </>
  );
}

function Notice({ title, text }: { title: string; text: string }): ReactNode {
  return (
    <aside className="notice" data-testid="booking-notice" aria-label={title}>
      <h2 className="notice-title">{title}</h2>
      <p>{text}</p>
    </aside>
  );
}

function SessionStep(props: {
  catalog: Catalog; department: Department; doctor: Doctor; sessionId: string | undefined; moving: string | undefined; old: Booking | undefined;
  from: ReactNode; link: (s: Steps) => string;
}): ReactNode {
  const { t, language } = useI18n();
  const { catalog, department, doctor, link } = props;
  const sessions = useQuery(() => call('portal.sessions', { doctorId: doctor.id }), `sessions-${doctor.id}`);
  const back = link({ departmentId: department.id });
  if (sessions.error) return <Screen title={doctor.name} back={back}><ErrorNotice error={sessions.error} onRetry={sessions.retry} /></Screen>;
  if (!sessions.value) return <Screen title={doctor.name} back={back}><Loading /></Screen>;
  const chosen = sessions.value.sessions.find((s) => s.sessionId === props.sessionId && !s.stopped && s.seatsLeft > 0);
  if (chosen) {
    return <ConfirmStep catalog={catalog} department={department} doctor={doctor} session={chosen} moving={props.moving} from={props.from}
      back={link({ departmentId: department.id, doctorId: doctor.id })} />;
  }
  const days = new Map<string, SessionDay[]>();
  for (const s of sessions.value.sessions) days.set(s.date, [...(days.get(s.date) ?? []), s]);
  return (
    <Screen title={doctor.name} back={back}>
      {props.from}
      <div className="doctor-head"><DoctorLines doctor={doctor} /></div>
      <h2>{t('chooseSession')}</h2>
      {days.size === 0 ? <p className="empty">{t('noSessions')}</p> : (
        <ul className="days" data-testid="days">
          {[...days].map(([date, list]) => (
            <li key={date} className="day" data-testid="day">
              <h3>{date === catalog.today ? `${t('today')} · ` : ''}{dayLabel(date, language)}</h3>
              <div className="periods">
                {list.map((s) => s.stopped || s.seatsLeft === 0 ? (
                  <span key={s.sessionId} className="period off" data-testid="session-off">
                    {t(s.period)} · {s.stopped ? t('stopped') : t('full')}
                  </span>
                ) : (
                  <a key={s.sessionId} className="period" href={link({ departmentId: department.id, doctorId: doctor.id, sessionId: s.sessionId })} data-testid="session">
                    {t(s.period)} · {t('seatsLeft', { n: s.seatsLeft })}
                  </a>
                ))}
              </div>
              {list.filter((s) => s.stopped).map((s) => (
                <p key={s.sessionId} className="stop-notice" data-testid="stop-notice">{s.stopReason ? t('stopNotice', { reason: s.stopReason }) : t('stoppedNoReason')}</p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}

function ConfirmStep(props: {
  catalog: Catalog; department: Department; doctor: Doctor; session: SessionDay; moving: string | undefined; from: ReactNode; back: string;
}): ReactNode {
  const { t, language } = useI18n();
  const { account, notify } = useSession();
  const { catalog, department, doctor, session, moving } = props;
  const [memberId, setMemberId] = useState(account.members.find((m) => m.self)?.id ?? account.members[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (moving) {
        await call('portal.reschedule', { appointmentId: moving, sessionId: session.sessionId });
        notify(t('rescheduled'), '#/bookings');
      } else {
        await call('portal.book', { memberId, sessionId: session.sessionId });
        notify(t('booked'), '#/bookings');
      }
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      setError(errorText(err.error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Screen title={moving ? t('rescheduleTitle') : t('confirmTitle')} back={props.back}>
      {props.from}
      <dl className="summary card" data-testid="booking-summary">
        <dt>{departmentName(department, language)}</dt>
        <dd>{doctor.name} · {doctor.title}</dd>
        <dt>{dayLabel(session.date, language)}</dt>
        <dd>{t(session.period)} · {t('seatsLeft', { n: session.seatsLeft })}</dd>
        <dt>{t('fee', { fee: '' }).trim()}</dt>
        <dd>{yuan(doctor.feeFen)}</dd>
      </dl>
      {!moving && (
        <fieldset className="field choice">
          <legend>{t('chooseMember')}</legend>
          {account.members.map((m) => (
            <label key={m.id} className="choice-option" data-testid="choose-member">
              <input type="radio" name="member" value={m.id} checked={memberId === m.id} onChange={() => setMemberId(m.id)} />
              {m.name}{m.self ? ` (${t('self')})` : ''}
            </label>
          ))}
        </fieldset>
      )}
      <aside className="notice" data-testid="booking-notice" aria-label={t('noticeTitle')}>
        <h2 className="notice-title">{t('noticeTitle')}</h2>
        {catalog.notice && <p>{catalog.notice}</p>}
        <p>{t('cutoffRule', { minutes: catalog.cancelCutoffMinutes })}</p>
        <p>{t('limitRule', { n: catalog.bookingsPerDay })}</p>
      </aside>
      <FormError text={error ?? undefined} />
      <button type="button" className="button primary" disabled={busy || memberId === ''} onClick={() => void submit()} data-testid="book-submit">
        {moving ? t('rescheduleSubmit') : t('bookSubmit')}
      </button>
    </Screen>
  );
}
