/** The account's family members (就诊人): who they are, whether the desk still has to check an ID card, and adding one. */
import { useState, type ReactNode } from 'react';
import type { PatientInput } from '../../../main/api/patient-contract';
import { call } from '../api';
import { useI18n } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { Field, FormError, Screen, useForm } from '../ui';

export function MembersScreen(): ReactNode {
  const { t } = useI18n();
  const { account, setAccount, notify } = useSession();
  const [noId, setNoId] = useState(false);
  const f = useForm<'name' | 'idNumber' | 'sex' | 'birthDate'>({ name: '', idNumber: '', sex: '', birthDate: '' }, noId ? ['name'] : ['name', 'idNumber']);
  const add = f.submit(async (v) => {
    const sex = v.sex === 'M' || v.sex === 'F' ? v.sex : undefined;
    const input: PatientInput<'portal.addMember'> = noId
      ? { name: v.name, ...(sex ? { sex } : {}), ...(v.birthDate ? { birthDate: v.birthDate } : {}) }
      : { name: v.name, idNumber: v.idNumber };
    setAccount(await call('portal.addMember', input));
    notify(t('memberAdded', { name: v.name.trim() }));
    for (const k of ['name', 'idNumber', 'sex', 'birthDate'] as const) f.set(k)('');
  });
  return (
    <Screen title={t('membersTitle')} back={hrefOf({ screen: 'account' })}>
      <p className="intro">{t('membersIntro')}</p>
      <ul className="cards" data-testid="members">
        {account.members.map((m) => (
          <li key={m.id} className="card" data-testid="member">
            <p className="card-title">
              {m.name} {m.self && <span className="badge">{t('self')}</span>}
            </p>
            <p className="muted">{m.idNumberMasked ?? t('noIdNumber')}</p>
            {m.registeredByPatient && <p className="muted small">{t('idUnchecked')}</p>}
          </li>
        ))}
      </ul>
      <h2>{t('addMemberTitle')}</h2>
      <form onSubmit={add} noValidate data-testid="member-form">
        <Field name="name" label={t('name')} value={f.values.name} onChange={f.set('name')} error={f.errors['name']} />
        <label className="check">
          <input type="checkbox" checked={noId} onChange={(e) => setNoId(e.target.checked)} data-testid="member-no-id" />
          {t('hasNoId')}
        </label>
        {noId ? (
          <>
            <fieldset className="field choice">
              <legend>{t('sex')}</legend>
              {(['M', 'F'] as const).map((s) => (
                <label key={s} className="choice-option">
                  <input type="radio" name="sex" value={s} checked={f.values.sex === s} onChange={() => f.set('sex')(s)} />
                  {t(s === 'M' ? 'sexM' : 'sexF')}
                </label>
              ))}
              {f.errors['sex'] && <p className="field-error">{f.errors['sex']}</p>}
            </fieldset>
            <Field name="birthDate" label={t('birthDate')} type="date" value={f.values.birthDate} onChange={f.set('birthDate')} error={f.errors['birthDate']} />
          </>
        ) : (
          <Field name="idNumber" label={t('idNumber')} autoComplete="off" value={f.values.idNumber} onChange={f.set('idNumber')} error={f.errors['idNumber']} />
        )}
        <FormError text={f.errors['']} />
        <button className="button primary" type="submit" disabled={f.busy} data-testid="member-submit">{t('addMemberSubmit')}</button>
      </form>
    </Screen>
  );
}
