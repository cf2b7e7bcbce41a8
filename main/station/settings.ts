/** Clinic settings with their defaults; stored as rows of the replicated `settings` table. */
import { z } from 'zod';
import type { Db } from '../../db/open';
import { settings } from '../../db/schema';
import { LAPSE_RULES, PAYMENT_METHODS, type PaymentMethodBuiltIn } from '../domain/enums';
import { DomainError } from '../domain/errors';

export const ClinicSettingsSchema = z.object({
  clinicName: z.string().default('Clinic'),
  clinicNameEn: z.string().default('Clinic'),
  address: z.string().default(''),
  phone: z.string().default(''),
  timeZone: z.string().default('Asia/Shanghai'),
  /** Collect the registration fee at check-in (default on); the queue shows only settled visits. */
  feeAtCheckIn: z.boolean().default(true),
  receiptHeader: z.string().default(''),
  /**
   * Wrong passwords one source (a window, a web peer, a forwarding desk) may give for a username
   * before it is held back, and the longest it is held back (main/station/throttle.ts).
   */
  maxLoginFailures: z.number().int().min(1).default(5),
  loginLockMs: z.number().int().min(0).default(15 * 60_000),
  /** An idle session locks after this long. */
  idleLockMs: z.number().int().min(10_000).default(10 * 60_000),
  /** A session ends this long after its log-in, whatever its activity (a shift). */
  maxSessionMs: z.number().int().min(60_000).default(12 * 3_600_000),
  /** Days before expiry that a batch is listed as expiring. */
  expiryWarningDays: z.number().int().min(1).default(90),
  /** Payment methods the desks take (default: all of them); kept in PAYMENT_METHODS order. */
  paymentMethods: z.array(z.enum(PAYMENT_METHODS)).min(1).default([...PAYMENT_METHODS]),
  /** The patient portal's booking notice, shown above the booking screens ('' = none). */
  portalBookingNotice: z.string().default(''),
  /** Patients may cancel or move an online booking until this many minutes before its session starts. */
  portalCancelCutoffMinutes: z.number().int().min(0).default(120),
  /** Bookings one patient (family member) may hold on one day through the portal. */
  portalBookingsPerDay: z.number().int().min(1).default(2),
  /** What an appointment nobody settled becomes once its session is over (the hub's job: main/hub/jobs/lapse-policy.ts). */
  lapsedBookingsBecome: z.enum(LAPSE_RULES).default('no_show'),
});
export type ClinicSettings = z.infer<typeof ClinicSettingsSchema>;
export type ClinicSettingKey = keyof ClinicSettings;

/**
 * Reads every setting. A stored value that does not fit its key (written by a newer version,
 * say) falls back to that key's default alone; unknown keys are ignored.
 */
export function loadSettings(db: Db): ClinicSettings {
  const shape: Record<string, z.ZodType> = ClinicSettingsSchema.shape;
  const obj: Record<string, unknown> = {};
  for (const r of db.select().from(settings).all()) {
    if (Object.hasOwn(shape, r.key) && shape[r.key]!.safeParse(r.value).success) obj[r.key] = r.value;
  }
  return ClinicSettingsSchema.parse(obj);
}

/** Refuses a payment method the clinic has switched off: PAYMENT_METHOD_DISABLED {field: 'method'}. */
export function assertPaymentMethodEnabled(s: Pick<ClinicSettings, 'paymentMethods'>, method: PaymentMethodBuiltIn): void {
  if (!s.paymentMethods.includes(method)) {
    throw new DomainError('PAYMENT_METHOD_DISABLED', `the clinic does not take ${method} payments`, {
      field: 'method', method, enabled: s.paymentMethods,
    });
  }
}
