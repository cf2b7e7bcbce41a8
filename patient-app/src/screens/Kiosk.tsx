/**
 * The self check-in kiosk (no patient log-in): enrolled once with the admin's token
 * (#/kiosk/<token> → portal.kioskEnroll, then the token leaves the address), the patient scans
 * the card's barcode or types phone + ID last 4, picks today's appointment, is checked in (a
 * queue number and how many are ahead), pays the fee by QR or at the counter, and takes the
 * 80 mm queue slip (a PDF for the kiosk's printer). Large type and big touch targets.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { PatientInput, PatientOutput } from '../../../main/api/patient-contract';
import { call, CallError } from '../api';
import { errorText } from '../errors';
import { yuan } from '../format';
import { useI18n, type TextKey } from '../i18n';
import { Field, FormError, Screen, useForm } from '../ui';
import { pollPayment, type PayState } from './Pay';
import { PositionCard } from './Queue';
import { QrImage } from './Qr';

type Identity = PatientInput<'portal.kioskFind'>['identity'];
type Found = PatientOutput<'portal.kioskFind'>;
type Done = PatientOutput<'portal.kioskCheckIn'>;

export function KioskScreen({ token }: { token?: string | undefined }): ReactNode {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<string | null>(token ? null : 'ready');
  useEffect(() => {
    if (!token) return;
    call('portal.kioskEnroll', { token }).then(
      () => { setEnrolment('ready'); location.replace('#/kiosk'); },
      (err: unknown) => setEnrolment(err instanceof CallError ? errorText(err.error, t) : String(err)),
    );
  }, [token, t]);
  const [found, setFound] = useState<{ identity: Identity; found: Found } | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [notKiosk, setNotKiosk] = useState(false);
  const reset = () => { setFound(null); setDone(null); };
  let body: ReactNode;
  if (enrolment !== 'ready') body = enrolment === null ? null : <p className="form-error" role="alert">{enrolment}</p>;
  else if (notKiosk) body = <p className="notice notice-error" role="alert" data-testid="kiosk-not-enrolled">{t('kioskNotEnrolled')}</p>;
  else if (done) body = <Checked done={done} onNext={reset} />;
  else if (found) body = <Choose identity={found.identity} found={found.found} onDone={setDone} onBack={reset} />;
  else body = <Identify onFound={(identity, f) => setFound({ identity, found: f })} onNotKiosk={() => setNotKiosk(true)} />;
  return <Screen title={t('kioskTitle')}><div className="kiosk">{body}</div></Screen>;
}

function Identify({ onFound, onNotKiosk }: { onFound: (i: Identity, f: Found) => void; onNotKiosk: () => void }): ReactNode {
  const { t } = useI18n();
  const form = useForm({ barcode: '', phone: '', idLast4: '' });
  const submit = form.submit(async (v) => {
    const identity: Identity = v.barcode.trim() !== '' ? { barcode: v.barcode.trim() } : { phone: v.phone.trim(), idLast4: v.idLast4.trim() };
    try {
      onFound(identity, await call('portal.kioskFind', { identity }));
    } catch (err) {
      if (err instanceof CallError && (err.error.code === 'FORBIDDEN' || err.error.code === 'UNAUTHENTICATED')) return onNotKiosk();
      throw err;
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('kioskIntro')}</p>
      <Field name="barcode" label={t('kioskBarcode')} value={form.values.barcode} onChange={form.set('barcode')} error={form.errors['barcode']} />
      <p className="kiosk-or">{t('kioskOr')}</p>
      <Field name="phone" label={t('phone')} type="tel" inputMode="tel" value={form.values.phone} onChange={form.set('phone')} error={form.errors['phone']} />
      <Field name="idLast4" label={t('kioskLast4')} value={form.values.idLast4} onChange={form.set('idLast4')} error={form.errors['idLast4']} />
      <FormError text={form.errors['']} />
      <button type="submit" className="button primary" disabled={form.busy} data-testid="kiosk-find">{t('kioskFind')}</button>
    </form>
  );
}

function Choose({ identity, found, onDone, onBack }: { identity: Identity; found: Found; onDone: (d: Done) => void; onBack: () => void }): ReactNode {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkIn = async (appointmentId: string) => {
    setBusy(true);
    setProblem(null);
    try {
      onDone(await call('portal.kioskCheckIn', { identity, appointmentId }));
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      setProblem(errorText(err.error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p data-testid="kiosk-who">{t('kioskChoose', { name: found.maskedName })}</p>
      <ul className="cards">
        {found.appointments.map((a) => (
          <li key={a.appointmentId} className="card" data-testid={`kiosk-appointment-${a.appointmentId}`}>
            <p className="card-title">{a.doctorName} · {a.departmentName}</p>
            <p>{t(`period_${a.period}` as TextKey)} · {a.roomName ? t('queueRoom', { room: a.roomName }) : t('queueRoomUnknown')} · {yuan(a.feeFen)}</p>
            {a.checkedIn ? <p>{t('kioskCheckedIn')}</p>
              : <button type="button" className="button primary" disabled={busy} onClick={() => void checkIn(a.appointmentId)} data-testid="kiosk-check-in">{t('kioskCheckIn')}</button>}
          </li>
        ))}
      </ul>
      {problem && <p className="form-error" role="alert" data-testid="kiosk-problem">{problem}</p>}
      <button type="button" className="button secondary" onClick={onBack}>{t('back')}</button>
    </>
  );
}

function Checked({ done, onNext }: { done: Done; onNext: () => void }): ReactNode {
  const { t, language } = useI18n();
  const visitId = done.position.visitId;
  const [order, setOrder] = useState<PatientOutput<'portal.kioskPayOnline'> | null>(null);
  const [state, setState] = useState<PayState | null>(null);
  /** 'chosen': the patient pays at the counter; 'unreachable': the gateway cannot be reached now. */
  const [counter, setCounter] = useState<'chosen' | 'unreachable' | null>(null);
  const [slip, setSlip] = useState<string | null>(null);
  useEffect(() => {
    if (!order) return undefined;
    return pollPayment(async () => (await call('portal.kioskPayStatus', { visitId, outTradeNo: order.outTradeNo })).state, setState);
  }, [order, visitId]);
  useEffect(() => () => { if (slip) URL.revokeObjectURL(slip); }, [slip]);
  const payQr = async () => {
    try {
      setOrder(await call('portal.kioskPayOnline', { visitId }));
      setState('created');
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      setCounter('unreachable');
    }
  };
  const print = async () => {
    const { pdfBase64 } = await call('portal.kioskSlip', { visitId, lang: language });
    const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
    setSlip(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
  };
  const due = done.bill && state !== 'paid' && !counter ? done.bill.dueFen : 0;
  return (
    <>
      <p className="notice" role="status" data-testid="kiosk-done">{t('kioskDone')}</p>
      <ul className="cards"><PositionCard p={done.position} /></ul>
      {due > 0 && !order && (
        <div className="actions">
          <button type="button" className="button primary" onClick={() => void payQr()} data-testid="kiosk-pay-qr">{t('kioskPayQr', { amount: yuan(due) })}</button>
          <button type="button" className="button secondary" onClick={() => setCounter('chosen')} data-testid="kiosk-pay-counter">{t('kioskPayCounter')}</button>
        </div>
      )}
      {order && state === 'created' && (
        <div className="pay-qr">
          <p>{t('payScan', { amount: yuan(order.amountFen) })}</p>
          <QrImage text={order.qrCode} label={t('payQrLabel')} size={260} />
          <p role="status">{t('payWaiting')}</p>
        </div>
      )}
      {state === 'paid' && <p className="notice" role="status" data-testid="kiosk-paid">{t('payPaid', { amount: yuan(order?.amountFen ?? 0) })}</p>}
      {counter && <p className="notice" role="status" data-testid="kiosk-counter">{t(counter === 'chosen' ? 'kioskCounterChosen' : 'payCounter')}</p>}
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => void print()} data-testid="kiosk-print">{t('kioskPrint')}</button>
        {slip && <a className="button secondary" href={slip} download="queue-slip.pdf" data-testid="kiosk-slip">PDF</a>}
        <button type="button" className="button primary" onClick={onNext} data-testid="kiosk-next">{t('kioskNext')}</button>
      </div>
    </>
  );
}
