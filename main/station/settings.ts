/** Clinic settings with their defaults; stored as rows of the replicated `settings` table. */
import { z } from 'zod';
import type { Db } from '../../db/open';
import { settings } from '../../db/schema';

export const ClinicSettingsSchema = z.object({
  clinicName: z.string().default('Clinic'),
  clinicNameEn: z.string().default('Clinic'),
  address: z.string().default(''),
  phone: z.string().default(''),
  timeZone: z.string().default('Asia/Shanghai'),
  /** Collect the registration fee at check-in (default on); the queue shows only settled visits. */
  feeAtCheckIn: z.boolean().default(true),
  receiptHeader: z.string().default(''),
  /** Failed log-ins before an account locks at a station, and for how long. */
  maxLoginFailures: z.number().int().min(1).default(5),
  loginLockMs: z.number().int().min(0).default(15 * 60_000),
  /** An idle session locks after this long. */
  idleLockMs: z.number().int().min(10_000).default(10 * 60_000),
  /** Days before expiry that a batch is listed as expiring. */
  expiryWarningDays: z.number().int().min(1).default(90),
});
export type ClinicSettings = z.infer<typeof ClinicSettingsSchema>;

export function loadSettings(db: Db): ClinicSettings {
  const rows = db.select().from(settings).all();
  const obj: Record<string, unknown> = {};
  for (const r of rows) obj[r.key] = r.value;
  const parsed = ClinicSettingsSchema.safeParse(obj);
  return parsed.success ? parsed.data : ClinicSettingsSchema.parse({});
}
