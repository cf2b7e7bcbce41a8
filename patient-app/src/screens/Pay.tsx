/**
 * Paying from the phone: the members' unpaid bills; one paid by Alipay's QR (portal.payOnline),
 * its state asked every few seconds (portal.payStatus) until paid or closed. When the clinic
 * cannot take online payment now (PAYMENT_GATEWAY_UNREACHABLE) it says: pay at the counter.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { call, CallError, type ApiError } from '../api';
import { errorText } from '../errors';
import { yuan } from '../format';
import { useI18n, type TextKey } from '../i18n';
import { hrefOf } from '../routes';
import { ErrorNotice, Loading, Screen } from '../ui';
import { QrImage } from './Qr';

type Bill = PatientOutput<'portal.bills'>['items'][number];
type Order = PatientOutput<'portal.payOnline'>;
export type PayState = 'created' | 'paid' | 'closed' | 'refunded';

/** Asks `status` every `everyMs` until the order is no longer open; answers a stop function. */
export function pollPayment(status: () => Promise<PayState>, onState: (s: PayState) => void, everyMs = 2000): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    try {
      const s = await status();
      if (stopped) return;
      onState(s);
      if (s !== 'created') return;
    } catch { /* the hub did not answer: ask again */ }
    if (!stopped) timer = setTimeout(() => void tick(), everyMs);
  };
  timer = setTimeout(() => void tick(), everyMs);
  return () => { stopped = true; if (timer) clearTimeout(timer); };
}

export function PayScreen(): ReactNode {
  const { t } = useI18n();
  const [bills, setBills] = useState<Bill[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    call('portal.bills', {}).then(
      (r) => live && setBills(r.items),
      (err: unknown) => live && setError(err instanceof CallError ? err.error : { code: 'INTERNAL', message: String(err) }),
    );
    return () => { live = false; };
  }, [attempt]);
  return (
    <Screen title={t('payTitle')} back={hrefOf({ screen: 'account' })}>
      <p>{t('payIntro')}</p>
      {error ? <ErrorNotice error={error} onRetry={() => { setError(null); setAttempt((a) => a + 1); }} />
        : !bills ? <Loading />
          : bills.length === 0 ? <p className="empty" data-testid="pay-none">{t('payNone')}</p>
            : <ul className="cards" data-testid="bills">{bills.map((b) => <BillCard key={b.billId} bill={b} />)}</ul>}
    </Screen>
  );
}

function BillCard({ bill }: { bill: Bill }): ReactNode {
  const { t } = useI18n();
  const [order, setOrder] = useState<Order | null>(null);
  const [state, setState] = useState<PayState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!order) return undefined;
    return pollPayment(async () => (await call('portal.payStatus', { outTradeNo: order.outTradeNo })).state, setState);
  }, [order]);
  const pay = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setState('created');
      setOrder(await call('portal.payOnline', { billId: bill.billId }));
    } catch (err) {
      setState(null);
      if (!(err instanceof CallError)) throw err;
      setProblem(err.error.code === 'PAYMENT_GATEWAY_UNREACHABLE' ? t('payCounter') : errorText(err.error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card" data-testid={`bill-${bill.billId}`}>
      <p className="card-title">{bill.memberName} · {t(`payBill_${bill.kind}` as TextKey)}</p>
      <p>{bill.visitDate}</p>
      <p className="due" data-testid="bill-due">{t('payDue', { amount: yuan(bill.dueFen) })}</p>
      {state === 'paid' ? <p className="notice" role="status" data-testid="pay-paid">{t('payPaid', { amount: yuan(bill.dueFen) })}</p>
        : order && state === 'created' ? (
          <div className="pay-qr">
            <p>{t('payScan', { amount: yuan(order.amountFen) })}</p>
            <QrImage text={order.qrCode} label={t('payQrLabel')} />
            <p role="status">{t('payWaiting')}</p>
          </div>
        ) : (
          <>
            {state === 'closed' && <p role="status">{t('payClosed')}</p>}
            <button type="button" className="button primary" disabled={busy} onClick={() => void pay()} data-testid="pay-online">{t('payButton')}</button>
          </>
        )}
      {problem && <p className="form-error" role="alert" data-testid="pay-problem">{problem}</p>}
    </li>
  );
}
