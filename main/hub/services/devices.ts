/**
 * Paired workstations (devices.*): at the hub's admin station, through `ctx.hub` (the hub's store)
 * and the running hub's control (main/hub/control.ts) for dropping a revoked device's connection.
 * Without a hub store (a workstation's replica, the test fixture) they answer HUB_UNREACHABLE.
 */
import { CLOCK_SKEW_BOUND_MS } from '../../sync/clock';
import type { devicesProcedures } from '../../api/procedures/devices';
import { DomainError } from '../../domain/errors';
import { hubControlFor } from '../control';
import { issuePairingCode, revokeDevice } from '../pairing';
import type { HubStore } from '../store';
import { patientPortOf } from '../portal/address';
import { hubStoreOf } from './hub-context';
import type { RequestContext } from '../../station/context';
import { afterCommit, type HandlersFor } from '../../station/handler';

function hubOf(ctx: RequestContext): HubStore {
  return hubStoreOf(ctx, 'devices are kept');
}

export const devicesHandlers = {
  'devices.list': (ctx) => {
    const store = hubOf(ctx);
    return afterCommit(async () => {
      const [all, online] = await Promise.all([store.devices(), hubControlFor(store)?.connectedDevices() ?? Promise.resolve([])]);
      const live = new Set(online);
      return {
        // The hub's own admin station is reserved in the device table; it is not a workstation.
        devices: all.filter((d) => d.device !== ctx.device).map((d) => ({
          ...d, online: live.has(d.device) && d.revokedAt === null, clockOff: d.clockSkewMs !== null && Math.abs(d.clockSkewMs) > CLOCK_SKEW_BOUND_MS,
        })),
        hubDevice: ctx.device,
        patientPort: patientPortOf(store),
      };
    });
  },

  'devices.revoke': (ctx, { device }) => {
    const store = hubOf(ctx);
    if (device === ctx.device) throw new DomainError('NOT_FOUND', 'the hub itself is not a paired workstation', { field: 'device' });
    return afterCommit(async () => {
      const known = await store.getDevice(device);
      if (!known) throw new DomainError('NOT_FOUND', `no paired device ${device}`, { field: 'device' });
      if (known.revokedAt !== null) return { ok: true as const };
      const control = hubControlFor(store);
      await (control ? control.revoke(device) : revokeDevice(store, device, ctx.now()));
      return { ok: true as const };
    });
  },

  'devices.issuePairingCode': (ctx) => {
    const store = hubOf(ctx);
    return afterCommit(() => issuePairingCode(store, ctx.now()));
  },
} satisfies Omit<HandlersFor<typeof devicesProcedures>, 'devices.issueKioskToken' | 'devices.kiosks' | 'devices.revokeKiosk'>;
