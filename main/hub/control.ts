/**
 * What the admin station's handlers (devices.*) need from the running hub beyond its store:
 * dropping a revoked device's connections, and which devices are connected. The hub registers
 * itself here for its store when it starts; a handler finds it through `ctx.hub` (the same store).
 * A store without a running hub (a hub tool, a test) has none: revoking then only marks the store.
 */
import type { HubStore } from './store';

export interface HubControl {
  /** Revokes the device's credential and drops its connections; false: no such device. */
  revoke(device: string): Promise<boolean>;
  /** Device codes with a live connection that said hello. */
  connectedDevices(): Promise<string[]>;
}

const controls = new WeakMap<HubStore, HubControl>();

/** Registers the running hub of `store`; returns the function that unregisters it. */
export function registerHubControl(store: HubStore, control: HubControl): () => void {
  controls.set(store, control);
  return () => {
    if (controls.get(store) === control) controls.delete(store);
  };
}

export function hubControlFor(store: HubStore): HubControl | undefined {
  return controls.get(store);
}
