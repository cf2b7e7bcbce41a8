/**
 * How often one device may get a password wrong at the hub before it must wait: a desk on the
 * LAN cannot guess passwords at the hub's speed. Pure policy over an in-memory map (a hub restart
 * forgets it; a guesser gains one round per restart, which is slow anyway).
 */
export const HUB_LOGIN_MAX_FAILURES = 5;
export const HUB_LOGIN_LOCK_MS = 60_000;

interface DeviceFailures { count: number; lockedUntil: number | null }

export class LoginThrottle {
  private readonly byDevice = new Map<string, DeviceFailures>();
  constructor(private readonly max = HUB_LOGIN_MAX_FAILURES, private readonly lockMs = HUB_LOGIN_LOCK_MS) {}

  /** Until when `device` must wait (null: it may try now). */
  blockedUntil(device: string, now: number): number | null {
    const f = this.byDevice.get(device);
    if (!f?.lockedUntil) return null;
    if (f.lockedUntil > now) return f.lockedUntil;
    this.byDevice.delete(device);
    return null;
  }

  /** A wrong password from `device`; the failure that reaches the maximum starts the wait. */
  failed(device: string, now: number): void {
    const f = this.byDevice.get(device) ?? { count: 0, lockedUntil: null };
    f.count += 1;
    if (f.count >= this.max) {
      f.lockedUntil = now + this.lockMs;
      f.count = 0;
    }
    this.byDevice.set(device, f);
  }

  /** A right password: the device starts again from nothing. */
  succeeded(device: string): void {
    this.byDevice.delete(device);
  }
}
