/**
 * A visit's bills as the patient reads them (on the visit and under an admission): kind, state,
 * total and the insurance part, each payment with its receipt and each refund with its slip to
 * download as the patient's copy.
 */
import type { ReactNode } from 'react';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { timeLabel, yuan } from '../format';
import { useI18n, type Language, type TextKey } from '../i18n';

type Bill = PatientOutput<'portal.visit'>['bills'][number];

/** The patient's copy of one document, from the patient port (the session cookie goes with it). */
export function fileHref(document: 'medicalRecord' | 'prescription' | 'receipt' | 'refundSlip', id: string, language: Language): string {
  return `/files/portal.document?${new URLSearchParams({ document, id, lang: language }).toString()}`;
}

export function Download({ href, label, testId }: { href: string; label: string; testId: string }): ReactNode {
  return <a className="button secondary download" href={href} download data-testid={testId}>{label}</a>;
}

/** The dictionary's name of a payment method when it has one (the clinic's own methods), else the app's word. */
function methodName(p: Bill['payments'][number], language: string, t: (k: TextKey) => string): string {
  const named = language === 'en' ? p.methodNameEn || p.methodName : p.methodName;
  return named || t(`method_${p.method}` as TextKey);
}

export function BillsList({ bills, testId = 'bills' }: { bills: readonly Bill[]; testId?: string }): ReactNode {
  const { t, language } = useI18n();
  if (bills.length === 0) return <p className="empty">{t('noBills')}</p>;
  return (
    <ul className="cards" data-testid={testId}>
      {bills.map((b) => (
        <li key={b.id} className="card">
          <div className="booking-head"><p className="card-title">{t(`bill_${b.kind}` as TextKey)}</p><span className="status">{t(`billStatus_${b.status}` as TextKey)}</span></div>
          <p>{t('billTotal', { total: yuan(b.totalFen), insurance: yuan(b.insuranceFen) })}</p>
          {b.payments.map((p) => (
            <div key={p.id} className="money-line">
              <p>{t('paidLine', { method: methodName(p, language, t), amount: yuan(p.amountFen) })} <span className="muted small">{timeLabel(p.createdAt, language)}</span></p>
              <Download href={fileHref('receipt', p.id, language)} label={t('downloadReceipt')} testId="download-receipt" />
            </div>
          ))}
          {b.refunds.map((r) => (
            <div key={r.id} className="money-line">
              <p>{t('refundLine', { amount: yuan(r.amountFen), reason: r.reason })}</p>
              <Download href={fileHref('refundSlip', r.id, language)} label={t('downloadRefund')} testId="download-refund" />
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}
