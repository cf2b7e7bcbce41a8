/** A test station that also runs the hub's procedures, as the hub's admin station does (main/hub/handlers.ts). */
import { createFixture, type Fixture } from '../../station/testing';
import { hubHandlers } from '../handlers';

export function createHubFixture(opts: { device?: string; file?: string } = {}): Fixture {
  return createFixture({ ...opts, hubHandlers });
}
