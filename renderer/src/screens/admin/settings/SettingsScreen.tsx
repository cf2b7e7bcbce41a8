import { Button, Checkbox, Grid, Group, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type Output, type PaymentMethodBuiltIn } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { useBuiltInKind } from '../../../ui/dictionary';

type Settings = Output<'org.settings'>;
const FIELDS = ['clinicName', 'clinicNameEn', 'address', 'phone', 'timeZone', 'feeAtCheckIn', 'receiptHeader', 'maxLoginFailures',
  'loginLockMs', 'idleLockMs', 'maxSessionMs', 'expiryWarningDays', 'paymentMethods', 'lapsedBookingsBecome',
  'portalBookingNotice', 'portalCancelCutoffMinutes', 'portalBookingsPerDay'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every clinic setting in one form: who the clinic is, its policies, the patient app's booking rules, the payment methods the desks take. */
function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const methods = useBuiltInKind('payment_method');
  const [s, setS] = useState(initial);
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setS((x) => ({ ...x, [k]: v }));
  const save = useApiMutation('org.updateSettings', { onSuccess: (n) => { setS(n); notifications.show({ color: 'teal', message: t('admin.settings.saved') }); } });
  const err = save.error;
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(s); };
  const text = (k: 'clinicName' | 'clinicNameEn' | 'address' | 'phone' | 'timeZone', required = false) => (
    <TextInput label={t(`admin.settings.${k}`)} value={s[k]} onChange={(e) => set(k, e.currentTarget.value)} required={required} name={k} error={fieldError(err, k)} />
  );
  const num = (k: 'maxLoginFailures' | 'expiryWarningDays', min: number, max: number) => (
    <NumberInput label={t(`admin.settings.${k}`)} value={s[k]} onChange={(v) => set(k, Number(v))} min={min} max={max} allowDecimal={false} name={k} error={fieldError(err, k)} />
  );
  const minutes = (k: 'loginLockMs' | 'idleLockMs', min: number) => (
    <NumberInput label={t(`admin.settings.${k}`)} value={Math.round(s[k] / MINUTE)} onChange={(v) => set(k, Math.max(min, Number(v)) * MINUTE)} min={min}
      allowDecimal={false} name={k} error={fieldError(err, k)} />
  );
  const hours = (k: 'maxSessionMs', min: number, max: number) => (
    <NumberInput label={t(`admin.settings.${k}`)} value={Math.round(s[k] / HOUR)} onChange={(v) => set(k, Math.min(max, Math.max(min, Number(v))) * HOUR)}
      min={min} max={max} allowDecimal={false} name={k} error={fieldError(err, k)} />
  );
  return (
    <Stack component="form" onSubmit={submit} data-testid="settings-form">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Panel title={t('admin.settings.clinic')}>
            <Stack gap="sm">
              {text('clinicName', true)}{text('clinicNameEn', true)}{text('address')}{text('phone')}{text('timeZone', true)}
              <Textarea label={t('admin.settings.receiptHeader')} value={s.receiptHeader} onChange={(e) => set('receiptHeader', e.currentTarget.value)}
                autosize minRows={2} maxRows={4} name="receiptHeader" error={fieldError(err, 'receiptHeader')} />
            </Stack>
          </Panel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <Panel title={t('admin.settings.policies')}>
              <Stack gap="sm">
                <Switch label={t('admin.settings.feeAtCheckIn')} checked={s.feeAtCheckIn} onChange={(e) => set('feeAtCheckIn', e.currentTarget.checked)} name="feeAtCheckIn" />
                {minutes('idleLockMs', 1)}{hours('maxSessionMs', 1, 24)}{num('maxLoginFailures', 1, 20)}{minutes('loginLockMs', 0)}{num('expiryWarningDays', 1, 730)}
                <Select label={t('admin.settings.lapsedBookingsBecome')} value={s.lapsedBookingsBecome} allowDeselect={false} name="lapsedBookingsBecome"
                  data={(['no_show', 'expired'] as const).map((v) => ({ value: v, label: t(`admin.settings.lapse.${v}`) }))}
                  onChange={(v) => { if (v === 'no_show' || v === 'expired') set('lapsedBookingsBecome', v); }} error={fieldError(err, 'lapsedBookingsBecome')} />
              </Stack>
            </Panel>
            <Panel title={t('patientSide.settings.portal')} testId="settings-portal">
              <Stack gap="sm">
                <Textarea label={t('patientSide.settings.bookingNotice')} value={s.portalBookingNotice} onChange={(e) => set('portalBookingNotice', e.currentTarget.value)}
                  autosize minRows={2} maxRows={5} name="portalBookingNotice" error={fieldError(err, 'portalBookingNotice')} data-testid="portal-notice" />
                {/* Not clamped here: a value out of range is refused by the hub and said at the field. */}
                <NumberInput label={t('patientSide.settings.cancelCutoff')} value={s.portalCancelCutoffMinutes} onChange={(v) => set('portalCancelCutoffMinutes', Number(v))}
                  allowDecimal={false} allowNegative clampBehavior="none" name="portalCancelCutoffMinutes" error={fieldError(err, 'portalCancelCutoffMinutes')} data-testid="portal-cutoff" />
                <NumberInput label={t('patientSide.settings.perDay')} value={s.portalBookingsPerDay} onChange={(v) => set('portalBookingsPerDay', Number(v))}
                  allowDecimal={false} allowNegative clampBehavior="none" name="portalBookingsPerDay" error={fieldError(err, 'portalBookingsPerDay')} data-testid="portal-per-day" />
              </Stack>
            </Panel>
            <Panel title={t('admin.settings.methods')}>
              <Checkbox.Group value={s.paymentMethods} onChange={(v) => set('paymentMethods', v as PaymentMethodBuiltIn[])} error={fieldError(err, 'paymentMethods')}
                aria-label={t('admin.settings.methods')} data-testid="payment-methods">
                <Group gap="lg">{PAYMENT_METHODS.map((m) => <Checkbox key={m} value={m} label={methods.name(m)} />)}</Group>
              </Checkbox.Group>
            </Panel>
          </Stack>
        </Grid.Col>
      </Grid>
      <FormError error={err} fields={FIELDS} />
      <Group justify="flex-end"><Button type="submit" loading={save.isPending} data-testid="settings-save">{t('admin.common.save')}</Button></Group>
    </Stack>
  );
}

export function SettingsScreen() {
  const q = useApiQuery('org.settings', {}, { staleTime: Infinity });
  return <QueryState query={q} height={400}>{(d) => <SettingsForm initial={d} />}</QueryState>;
}
