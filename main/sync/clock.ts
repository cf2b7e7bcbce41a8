/**
 * A desk's clock against the hub's (issue 13). At hello the hub says its time; the desk measures
 * how far its own clock is off. Beyond CLOCK_SKEW_BOUND_MS the desk says so in its header, and
 * its HLC follows the hub's time (local clock + offset) for as long as the local clock is wrong:
 * a fast or slow desk then neither wins nor loses conflicts for that reason, and its changes stay
 * inside the hub's future bound (main/hub/push-policy.ts MAX_FUTURE_MS). Pure.
 */

/** How far a desk's clock may be off the hub's before the desk follows the hub's time and says so. */
export const CLOCK_SKEW_BOUND_MS = 2 * 60_000;

/**
 * The hub's time minus ours, from one round trip: the hub's answer is taken as made halfway
 * between sending and receiving (a LAN round trip is milliseconds; the bound is minutes).
 */
export function measureOffset(sentAt: number, receivedAt: number, serverTime: number): number {
  return Math.round(serverTime - (sentAt + receivedAt) / 2);
}

/** What the HLC adds to the local clock: the offset when the clock is off beyond the bound, else nothing. */
export function clockCorrection(offsetMs: number): number {
  return Math.abs(offsetMs) > CLOCK_SKEW_BOUND_MS ? offsetMs : 0;
}
