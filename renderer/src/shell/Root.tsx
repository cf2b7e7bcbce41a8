import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listenForChanges, useApiQuery } from '../api/query';
import { resumeSession } from '../api/resume';
import { transport } from '../api/transport';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n/translateError';
import { readTicket } from '../state/resumeTicket';
import { useSession } from '../state/session';
import { useStation } from '../state/station';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';
import { Workbench } from './Workbench';
import { SetupWizard } from '../screens/setup/SetupWizard';

/** Wires station events to the stores, then shows log-in or the workbench. */
export function Root() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const connection = useStation((s) => s.connection);
  // A reloaded window first tries to resume its session (its ticket in sessionStorage); the log-in waits for that.
  const [resuming, setResuming] = useState(() => readTicket() !== null);
  useEffect(() => { void resumeSession().finally(() => setResuming(false)); }, []);
  // A station never set up shows the first-run wizard instead of the log-in.
  const setup = useApiQuery('setup.status', {}, { enabled: !me, staleTime: Infinity });
  // Once shown, the wizard stays until it is done (the status says 'in progress' meanwhile).
  const [inSetup, setInSetup] = useState(false);
  useEffect(() => { if (setup.data?.needed) setInSetup(true); }, [setup.data?.needed]);

  useEffect(() => {
    const tr = transport();
    const { addNotice, setSync, setConnection } = useStation.getState();
    const offs = [
      listenForChanges(),
      tr.on('notice', (n) => {
        addNotice(n);
        notifications.show({ message: n.message, color: n.kind === 'info' ? 'blue' : 'red', autoClose: 10_000 });
      }),
      tr.on('sync.status', setSync),
      tr.on('session.locked', () => useSession.getState().setLocked(true)),
      tr.on('session.ended', (e) => useSession.getState().signOut(e.reason)),
      tr.onConnection((c) => {
        const was = useStation.getState().connection;
        setConnection(c);
        // The web host keeps the session on the socket: a new socket resumes it if the host still
        // keeps it for this window, else needs a new log-in.
        if (c === 'open' && was === 'closed' && useSession.getState().me) {
          void resumeSession().then((back) => { if (!back) useSession.getState().signOut(); });
        }
      }),
    ];
    return () => { for (const off of offs) off(); };
  }, []);

  return (
    <>
      {connection === 'closed' && (
        <Alert color="orange" radius={0} py={4} data-testid="connection-lost">{t('shell.connection.lost')}</Alert>
      )}
      {!me && setup.data?.storage && (
        <Alert color="red" radius={0} py={6} role="alert" data-testid="storage-problem">{errorMessage(new ApiError(setup.data.storage))}</Alert>
      )}
      {me ? <Workbench /> : inSetup || setup.data?.needed ? (
        <SetupWizard onDone={(message) => {
          notifications.show({ message, color: 'green', autoClose: 10_000 });
          setInSetup(false);
          void setup.refetch();
        }}
        />
      ) : setup.isPending || resuming ? null : <LoginScreen />}
      <LockScreen />
    </>
  );
}
