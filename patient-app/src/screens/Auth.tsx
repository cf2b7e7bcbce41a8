/** Log in, open an account for oneself, or open one with the front desk's activation code. */
import type { ReactNode } from 'react';
import { call } from '../api';
import { useI18n } from '../i18n';
import type { Account } from '../session';
import { Field, FormError, Screen, useForm } from '../ui';

type Done = (a: Account) => void;

export function LoginScreen({ onLoggedIn }: { onLoggedIn: Done }): ReactNode {
  const { t } = useI18n();
  const f = useForm({ phone: '', password: '' }, ['phone', 'password']);
  return (
    <Screen title={t('loginTitle')}>
      <p className="intro">{t('loginIntro')}</p>
      <form onSubmit={f.submit(async (v) => onLoggedIn(await call('portal.login', { phone: v.phone, password: v.password })))} noValidate data-testid="login-form">
        <Field name="phone" label={t('phone')} type="tel" inputMode="tel" autoComplete="tel" value={f.values.phone} onChange={f.set('phone')} error={f.errors['phone']} />
        <Field name="password" label={t('password')} type="password" autoComplete="current-password" value={f.values.password} onChange={f.set('password')} error={f.errors['password']} />
        <FormError text={f.errors['']} />
        <button className="button primary" type="submit" disabled={f.busy} data-testid="login-submit">{t('loginSubmit')}</button>
      </form>
      <p className="links">
        {t('noAccount')} <a href="#/register" data-testid="to-register">{t('registerLink')}</a>
      </p>
      <p className="links"><a href="#/activate" data-testid="to-activate">{t('activateLink')}</a></p>
    </Screen>
  );
}

export function RegisterScreen({ onLoggedIn }: { onLoggedIn: Done }): ReactNode {
  const { t } = useI18n();
  const f = useForm({ name: '', idNumber: '', phone: '', password: '' }, ['name', 'idNumber', 'phone', 'password']);
  return (
    <Screen title={t('registerTitle')} back="#/login">
      <p className="intro">{t('registerIntro')}</p>
      <form onSubmit={f.submit(async (v) => onLoggedIn(await call('portal.register', v)))} noValidate data-testid="register-form">
        <Field name="name" label={t('name')} autoComplete="name" value={f.values.name} onChange={f.set('name')} error={f.errors['name']} />
        <Field name="idNumber" label={t('idNumber')} autoComplete="off" value={f.values.idNumber} onChange={f.set('idNumber')} error={f.errors['idNumber']} />
        <Field name="phone" label={t('phone')} type="tel" inputMode="tel" autoComplete="tel" value={f.values.phone} onChange={f.set('phone')} error={f.errors['phone']} />
        <Field name="password" label={t('password')} type="password" autoComplete="new-password" hint={t('passwordHint')} value={f.values.password} onChange={f.set('password')} error={f.errors['password']} />
        <FormError text={f.errors['']} />
        <button className="button primary" type="submit" disabled={f.busy} data-testid="register-submit">{t('registerSubmit')}</button>
      </form>
      <p className="links">{t('haveAccount')} <a href="#/login">{t('loginTitle')}</a></p>
    </Screen>
  );
}

export function ActivateScreen({ onLoggedIn }: { onLoggedIn: Done }): ReactNode {
  const { t } = useI18n();
  const f = useForm({ code: '', phone: '', password: '' }, ['code', 'phone', 'password']);
  return (
    <Screen title={t('activateTitle')} back="#/login">
      <p className="intro">{t('activateIntro')}</p>
      <form onSubmit={f.submit(async (v) => onLoggedIn(await call('portal.activate', v)))} noValidate data-testid="activate-form">
        <Field name="code" label={t('activationCode')} autoComplete="one-time-code" value={f.values.code} onChange={f.set('code')} error={f.errors['code']} />
        <Field name="phone" label={t('phone')} type="tel" inputMode="tel" autoComplete="tel" value={f.values.phone} onChange={f.set('phone')} error={f.errors['phone']} />
        <Field name="password" label={t('password')} type="password" autoComplete="new-password" hint={t('passwordHint')} value={f.values.password} onChange={f.set('password')} error={f.errors['password']} />
        <FormError text={f.errors['']} />
        <button className="button primary" type="submit" disabled={f.busy} data-testid="activate-submit">{t('activateSubmit')}</button>
      </form>
    </Screen>
  );
}
