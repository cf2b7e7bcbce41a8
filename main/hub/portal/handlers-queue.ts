/** The patient's queue positions on request (the same reads the live socket sends: queue-live.ts). */
import type { PortalHandlers } from './context';
import { queuePositions } from './queue-reads';

export const queueHandlers: Pick<PortalHandlers, 'portal.queue'> = {
  'portal.queue': async (ctx) => {
    const members = (await ctx.portal.members(ctx.accountId!)).map((m) => m.patientId);
    const st = ctx.admin.station;
    return queuePositions({ raw: st.raw, now: ctx.now, settings: st.settings }, members);
  },
};
