/**
 * Clinic settings administered at the hub: read all, change some. Only keys that change are
 * written (one settings row and change-log entry each) and audited ('update', 'settings', key).
 */
import type { z } from 'zod';
import type { ClinicSettingsView, SettingsPatch } from '../../api/procedures/org-schemas';
import { PAYMENT_METHODS } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../../station/context';
import { loadSettings, type ClinicSettings, type ClinicSettingKey } from '../../station/settings';

/** A real IANA zone name (Area/Location, or UTC) that this runtime's Intl knows; not a bare offset. */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function settingsView(s: ClinicSettings): z.input<typeof ClinicSettingsView> {
  return { ...s };
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Writes the keys of `patch` that differ from what is stored; returns the settings as they now are. */
export function updateSettings(ctx: RequestContext, patch: z.output<typeof SettingsPatch>): ClinicSettings {
  if (patch.timeZone !== undefined && !isIanaTimeZone(patch.timeZone)) {
    throw new DomainError('VALIDATION', `${patch.timeZone} is not a known time zone`, {
      field: 'timeZone', reason: 'unknown_time_zone', value: patch.timeZone,
    });
  }
  const next: Partial<ClinicSettings> = { ...patch };
  if (patch.paymentMethods) next.paymentMethods = PAYMENT_METHODS.filter((m) => patch.paymentMethods!.includes(m));
  // Read from the database, not the station's cache: this transaction sees the latest rows.
  const current = loadSettings(ctx.db);
  for (const [key, value] of Object.entries(next) as [ClinicSettingKey, unknown][]) {
    if (value === undefined || sameValue(current[key], value)) continue;
    ctx.write.setSetting(key, value);
    ctx.audit('update', 'settings', key, null);
  }
  return loadSettings(ctx.db);
}
