/**
 * The hub's paired workstations, for the admin: who is paired, when each was last seen, how many
 * changes wait on it, revoking one, and a new pairing code to type at a new workstation.
 * They run at the hub (its store holds the devices); a workstation forwards them.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Instant, Ok } from '../schemas';
import { ConfirmPassword } from './org-schemas';

/** A device code as pairing accepts it: a capital letter, then up to two capitals or digits. */
export const DeviceCode = z.string().regex(/^[A-Z][A-Z0-9]{0,2}$/, 'expected a device code such as A1');

export const DeviceView = z.object({
  device: DeviceCode,
  pairedAt: Instant,
  /** Null while the device may sync. */
  revokedAt: Instant.nullable(),
  /** Last hello, push or pull (kept at most once a minute); null: not since pairing. */
  lastSeenAt: Instant.nullable(),
  /** Changes waiting on the device as it last reported; null: not reported yet. */
  pending: z.number().int().nonnegative().nullable(),
  /** Connected to the hub now. */
  online: z.boolean(),
  /** How far its clock ran ahead of the hub's at its last hello (negative: behind), ms; null: not told. */
  clockSkewMs: z.number().int().nullable(),
  /** Off beyond the bound: the desk stamps its changes with the hub's time until its clock is set right. */
  clockOff: z.boolean(),
});

/** A self check-in kiosk as the admin sees it (never its token: only a hash of it is kept). */
export const KioskView = z.object({
  name: z.string(),
  issuedBy: z.string(),
  /** The issuing admin's name, '' when the account is unknown here. */
  issuedByName: z.string(),
  issuedAt: Instant,
  /** Its last call on the patient port (kept at most once a minute); null: not used yet. */
  lastUsedAt: Instant.nullable(),
  /** Null while the kiosk may work. */
  revokedAt: Instant.nullable(),
});
export const KioskName = z.string().trim().min(1).max(40);

export const devicesProcedures = {
  'devices.list': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: 'Paired workstations: paired at, last seen, changes waiting, online, revoked, how far each clock is off.',
    input: z.object({}),
    output: z.object({
      devices: z.array(DeviceView), hubDevice: z.string(),
      /** How the hub serves the patient app (null: it serves none): plain HTTP is shown as a warning. */
      patientPort: z.object({ address: z.string().nullable(), mode: z.enum(['hub_cert', 'clinic_cert', 'http']), fingerprint: z.string().nullable() }).nullable(),
    }),
  }),
  'devices.revoke': procedure({
    kind: 'command', access: ['admin'], at: 'hub', proof: 'confirmPassword',
    summary: 'Revoke a workstation: the hub drops its connection and refuses it from now on (it can pair again with a new code).',
    input: z.object({ device: DeviceCode, confirmPassword: ConfirmPassword }),
    output: Ok,
  }),
  'devices.issuePairingCode': procedure({
    kind: 'command', access: ['admin'], at: 'hub', proof: 'confirmPassword',
    summary: 'A new one-time pairing code (valid 10 minutes) to type at a new workstation; replaces any earlier code.',
    input: z.object({ confirmPassword: ConfirmPassword }),
    output: z.object({ code: z.string().regex(/^\d{6}$/), expiresAt: Instant }),
  }),
  'devices.issueKioskToken': procedure({
    kind: 'command', access: ['admin'], at: 'hub', proof: 'confirmPassword',
    summary: "A token that makes a browser on the patient port a self check-in kiosk (opened once at the kiosk as #/kiosk?token=…); shown once, kept hashed at the hub. A new one for the same name revokes the earlier ones.",
    input: z.object({ name: KioskName, confirmPassword: ConfirmPassword }),
    output: z.object({ name: z.string(), token: z.string() }),
  }),
  'devices.kiosks': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: 'Self check-in kiosks, newest first: name, issued by and at, last used, revoked (each token issued is a row; never the token).',
    input: z.object({}),
    output: z.object({ kiosks: z.array(KioskView) }),
  }),
  'devices.revokeKiosk': procedure({
    kind: 'command', access: ['admin'], at: 'hub', proof: 'confirmPassword',
    summary: "Revoke a kiosk by name: its cookie is refused (UNAUTHENTICATED) from its next call; NOT_FOUND when no live kiosk has the name.",
    input: z.object({ name: KioskName, confirmPassword: ConfirmPassword }),
    output: Ok,
  }),
} as const;
