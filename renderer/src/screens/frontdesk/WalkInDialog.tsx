import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/query';
import { fieldError } from '../../i18n/translateError';
import { useClinicToday } from '../../ui/useClinic';
import { announce, choicesInput, VisitDialog } from './CheckInDialog';
import { FeeDialog } from './FeeDialog';
import { SessionPicker, type Session } from './SessionPicker';

/** A patient who came without an appointment: today's session, then the fee. */
export function WalkInDialog({ patientId, name, onClose }: { patientId: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useClinicToday();
  const [session, setSession] = useState<Session | null>(null);
  const [feeFor, setFeeFor] = useState<string | null>(null);
  const walkIn = useApiMutation('frontdesk.walkIn', {
    onSuccess: (r) => {
      announce(t, r);
      if (r.visit.feeStatus === 'unpaid') setFeeFor(r.visit.id);
      else onClose();
    },
  });
  if (feeFor) return <FeeDialog visitId={feeFor} onClose={onClose} />;
  return (
    <VisitDialog opened onClose={onClose} busy={walkIn.isPending} error={walkIn.error} fields={['sessionId']}
      title={t('frontdesk.walkIn.title', { name })} submit={t('frontdesk.walkIn.submit')}
      onSubmit={(c) => session && walkIn.mutate({ patientId, sessionId: session.id, ...choicesInput(c) })}>
      <SessionPicker autoFocus date={today} value={session?.id ?? null} onChange={setSession} error={fieldError(walkIn.error, 'sessionId')} />
    </VisitDialog>
  );
}
