/**
 * The hub's store as its handlers see it. The admin station carries it opaquely
 * (`Station.hub`, set only by main/hub/admin-station.ts to the store the hub runs on), so a
 * station never depends on the hub; the hub's handlers take it back here.
 */
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../../station/context';
import type { HubStore } from '../store';

/** The hub's store, or HUB_UNREACHABLE {reason: 'no_hub'} on a station that has none (`what` says what lives at the hub). */
export function hubStoreOf(ctx: Pick<RequestContext, 'hub' | 'procedure'>, what: string): HubStore {
  const hub = ctx.hub as HubStore | null;
  if (!hub) throw new DomainError('HUB_UNREACHABLE', `${what} at the hub, and this station has no hub store`, { reason: 'no_hub', procedure: ctx.procedure });
  return hub;
}
