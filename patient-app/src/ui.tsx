/** Small building blocks of the patient app's screens: labelled fields with their errors, forms that call the hub, notices. */
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { CallError, type ApiError } from './api';
import { errorText, formErrors } from './errors';
import { useI18n } from './i18n';

export function Field(props: {
  name: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined;
  type?: 'text' | 'tel' | 'password' | 'date'; autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'text'; hint?: string;
}): ReactNode {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id} name={props.name} type={props.type ?? 'text'} value={props.value} onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete} inputMode={props.inputMode} aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined} data-testid={`field-${props.name}`}
      />
      {props.hint && <p className="hint" id={hintId}>{props.hint}</p>}
      {props.error && <p className="field-error" id={errorId} data-testid={`error-${props.name}`}>{props.error}</p>}
    </div>
  );
}

/** A form's values, its errors by field ('' for the form as a whole) and a submit that calls the hub. */
export function useForm<F extends string>(initial: Record<F, string>, required: readonly F[] = []) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = useCallback((field: F) => (v: string) => {
    setValues((old) => ({ ...old, [field]: v }));
    setErrors((old) => {
      if (!(field in old)) return old;
      const { [field]: _gone, ...rest } = old;
      return rest;
    });
  }, []);
  const submit = (action: (v: Record<F, string>) => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const missing = required.filter((k) => values[k].trim() === '');
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((k) => [k, t('required')])));
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await action(values);
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      setErrors(formErrors(err.error, Object.keys(values), t));
    } finally {
      setBusy(false);
    }
  };
  return { values, set, errors, busy, submit };
}

export function FormError({ text }: { text: string | undefined }): ReactNode {
  return text ? <p className="form-error" role="alert" data-testid="form-error">{text}</p> : null;
}

export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice">
      <p>{errorText(error, t)}</p>
      {onRetry && <button type="button" className="button secondary" onClick={onRetry}>{t('retry')}</button>}
    </div>
  );
}

export function Loading(): ReactNode {
  const { t } = useI18n();
  return <p className="loading" role="status">{t('loading')}</p>;
}

/** A status line that screen readers announce (a booking made, a member added). */
export function Flash({ text }: { text: string | null }): ReactNode {
  return <p className="flash" role="status" data-testid="flash">{text ?? ''}</p>;
}

export function Screen({ title, children, back }: { title: string; children: ReactNode; back?: string }): ReactNode {
  const { t } = useI18n();
  return (
    <section className="screen">
      {back && <a className="back" href={back}>‹ {t('back')}</a>}
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </section>
  );
}
