/**
 * The patients to phone about a roster session (its live bookings, and those cancelled when its
 * capacity was cut or it was stopped): read at the front desk from its own replica, so it works
 * while the hub is away. Changing sessions runs at the hub (main/hub/services/rosters-sessions.ts).
 */
import type { rostersProcedures } from '../../api/procedures/rosters';
import type { HandlersFor } from '../handler';
import { callList, sessionView } from './rosters-common';

export const callListHandlers = {
  'rosters.callList': (ctx, { sessionId }) => {
    const session = sessionView(ctx, sessionId);
    return { session, items: callList(ctx, session) };
  },
} satisfies HandlersFor<Pick<typeof rostersProcedures, 'rosters.callList'>>;
