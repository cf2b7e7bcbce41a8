/**
 * My bookings, every family member's, newest session first: status (待确认/已确认/已完成/已取消/爽约),
 * a stopped session's notice, and cancel or move while the clinic's cut-off allows (the hub decides;
 * its refusal is shown in words on the booking).
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { call, CallError, type ApiError } from '../api';
import { errorText } from '../errors';
import { dayLabel, timeLabel, yuan } from '../format';
import { useI18n, type TextKey } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { ErrorNotice, Loading, Screen } from '../ui';
import { departmentName } from './Book';

type Booking = PatientOutput<'portal.book'>;

const OPEN = new Set<Booking['status']>(['pending', 'confirmed']);

export function BookingsScreen(): ReactNode {
  const { t } = useI18n();
  const [items, setItems] = useState<Booking[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    call('portal.bookings', {}).then(
      (r) => live && setItems(r.items),
      (err: unknown) => live && setError(err instanceof CallError ? err.error : { code: 'INTERNAL', message: String(err) }),
    );
    return () => { live = false; };
  }, [attempt]);
  const replace = (b: Booking) => setItems((old) => old?.map((x) => (x.id === b.id ? b : x)) ?? null);
  return (
    <Screen title={t('bookingsTitle')}>
      {error ? <ErrorNotice error={error} onRetry={() => { setError(null); setAttempt((a) => a + 1); }} />
        : !items ? <Loading />
          : items.length === 0 ? <p className="empty">{t('noBookings')} <a href="#/book">{t('bookNow')}</a></p>
            : (
              <ul className="cards" data-testid="bookings">
                {items.map((b) => <BookingCard key={b.id} booking={b} onChanged={replace} />)}
              </ul>
            )}
    </Screen>
  );
}

function BookingCard({ booking: b, onChanged }: { booking: Booking; onChanged: (b: Booking) => void }): ReactNode {
  const { t, language } = useI18n();
  const { notify } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = OPEN.has(b.status);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await call('portal.cancel', { appointmentId: b.id }));
      notify(t('cancelled'));
      setConfirming(false);
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      setError(errorText(err.error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card booking" data-testid="booking" data-status={b.status}>
      <div className="booking-head">
        <p className="card-title">{dayLabel(b.date, language)} · {t(b.period)}</p>
        <span className={`status status-${b.status}`} data-testid="booking-status">{t(`status_${b.status}` as TextKey)}</span>
      </div>
      <p>{departmentName(b, language)} · {b.doctorName}</p>
      <p className="muted">{b.memberName} · {yuan(b.feeFen)}</p>
      {b.stopped && <p className="stop-notice" data-testid="stop-notice">{b.stopReason ? t('stopNotice', { reason: b.stopReason }) : t('stoppedNoReason')}</p>}
      {open && <p className="muted small">{t('changeableUntil', { time: timeLabel(b.changeableUntil, language) })}</p>}
      {error && <p className="form-error" role="alert" data-testid="booking-error">{error}</p>}
      {open && (confirming ? (
        <div className="actions" role="group" aria-label={t('confirmCancel')}>
          <p className="confirm-text">{t('confirmCancel')}</p>
          <button type="button" className="button danger" disabled={busy} onClick={() => void cancel()} data-testid="cancel-yes">{t('yesCancel')}</button>
          <button type="button" className="button secondary" disabled={busy} onClick={() => setConfirming(false)}>{t('keepBooking')}</button>
        </div>
      ) : (
        <div className="actions">
          <a className="button secondary" href={hrefOf({ screen: 'reschedule', appointmentId: b.id })} data-testid="reschedule">{t('reschedule')}</a>
          <button type="button" className="button secondary" onClick={() => setConfirming(true)} data-testid="cancel">{t('cancelBooking')}</button>
        </div>
      ))}
    </li>
  );
}
