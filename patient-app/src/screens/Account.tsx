/** 我的 / Me: family members and paying (reached from here, not the tab bar), the account's phone, log out here or on every phone. */
import { useState, type ReactNode } from 'react';
import { call, CallError } from '../api';
import { errorText } from '../errors';
import { useI18n } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { FormError, Screen } from '../ui';

export function AccountScreen(): ReactNode {
  const { t } = useI18n();
  const { account, ended, notify } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (what: 'portal.logout' | 'portal.logoutEverywhere') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'portal.logoutEverywhere') {
        const { ended: n } = await call('portal.logoutEverywhere', {});
        notify(t('loggedOutEverywhere', { n }), '#/login');
      } else {
        await call('portal.logout', {});
      }
      ended();
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      if (err.error.code === 'UNAUTHENTICATED') return ended();
      setError(errorText(err.error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Screen title={t('accountTitle')}>
      <ul className="cards me-links">
        <li>
          <a className="choice" href={hrefOf({ screen: 'members' })} data-testid="me-members">
            <span className="choice-title">{t('membersTitle')}</span>
            <span className="muted small">{t('meMembersHint')}</span>
          </a>
        </li>
        <li>
          <a className="choice" href={hrefOf({ screen: 'pay' })} data-testid="me-pay">
            <span className="choice-title">{t('payTitle')}</span>
            <span className="muted small">{t('mePayHint')}</span>
          </a>
        </li>
      </ul>
      <h2>{t('accountHeading')}</h2>
      <p data-testid="account-phone">{t('accountPhone', { phone: account.phoneMasked })}</p>
      <FormError text={error ?? undefined} />
      <div className="stack">
        <button type="button" className="button secondary" disabled={busy} onClick={() => void run('portal.logout')} data-testid="logout">{t('logout')}</button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void run('portal.logoutEverywhere')} data-testid="logout-everywhere" aria-describedby="everywhere-hint">{t('logoutEverywhere')}</button>
        <p className="hint" id="everywhere-hint">{t('logoutEverywhereHint')}</p>
      </div>
    </Screen>
  );
}
