/**
 * My queue, live: today's visits of the account's members (number, doctor, room, state, how many
 * ahead), first from portal.queue, then as the hub sends them on its /live/ socket (the session
 * cookie goes with the handshake). A call is announced (role=alert) with the room to go to.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import type { PatientOutput } from '../../../main/api/patient-contract';
import { call, CallError, type ApiError } from '../api';
import { useI18n, type TextKey } from '../i18n';
import { ErrorNotice, Loading, Screen } from '../ui';

type Queue = PatientOutput<'portal.queue'>;
type Position = Queue['items'][number];
interface Called { visitId: string; memberName: string; queueNo: string; roomName: string | null }

export function QueueScreen(): ReactNode {
  const { t } = useI18n();
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [online, setOnline] = useState(false);
  const [called, setCalled] = useState<Called | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    call('portal.queue', {}).then(
      (q) => live && setQueue((old) => old ?? q),
      (err: unknown) => live && setError(err instanceof CallError ? err.error : { code: 'INTERNAL', message: String(err) }),
    );
    const socket = io({ path: '/live/', transports: ['websocket'] });
    socket.on('connect', () => setOnline(true));
    socket.on('disconnect', () => setOnline(false));
    socket.on('queue', (q: Queue) => setQueue(q));
    socket.on('called', (c: Called) => setCalled(c));
    return () => {
      live = false;
      socket.close();
    };
  }, [attempt]);
  return (
    <Screen title={t('queueTitle')}>
      <p>{t('queueIntro')}</p>
      <p className={online ? 'live-on' : 'live-off'} role="status" data-testid="queue-live">{online ? t('queueLive') : t('queueOffline')}</p>
      {called && (
        <p className="notice notice-call" role="alert" data-testid="queue-called">
          {t('queueCalledNotice', { name: called.memberName, room: called.roomName ?? '', number: called.queueNo })}
        </p>
      )}
      {error ? <ErrorNotice error={error} onRetry={() => { setError(null); setAttempt((a) => a + 1); }} />
        : !queue ? <Loading />
          : queue.items.length === 0 ? <p className="empty" data-testid="queue-none">{t('queueNone')}</p>
            : <ul className="cards" data-testid="queue">{queue.items.map((p) => <PositionCard key={p.visitId} p={p} />)}</ul>}
    </Screen>
  );
}

export function PositionCard({ p }: { p: Position }): ReactNode {
  const { t } = useI18n();
  const waiting = p.state === 'waiting' || p.state === 'unpaid';
  return (
    <li className={`card queue-card state-${p.state}`} data-testid={`position-${p.visitId}`}>
      <p className="card-title">{p.memberName}</p>
      <p className="queue-no"><span className="queue-no-label">{t('queueNumber')}</span> <strong data-testid="queue-no">{p.queueNo}</strong></p>
      <p className="queue-state" data-testid="queue-state">{t(`state_${p.state}` as TextKey)}</p>
      {waiting && <p className="queue-ahead" data-testid="queue-ahead">{t('queueAhead', { n: p.ahead })}</p>}
      <p>{t('queueDoctor', { doctor: p.doctorName, department: p.departmentName })}</p>
      <p>{p.roomName ? t('queueRoom', { room: p.roomName }) : t('queueRoomUnknown')}</p>
    </li>
  );
}
