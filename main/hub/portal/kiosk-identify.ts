/**
 * Who is at the kiosk: the patient card's barcode (the record number printed on it) or the phone
 * number with the ID number's last 4 characters. Exactly one active record must match; none, or
 * more than one, is IDENTITY_NOT_MATCHED {reason: 'no_match' | 'ambiguous'} and nothing is told
 * about who was near. Phone + 4 digits is a guessing surface: every miss counts against the
 * kiosk and the address (5 a minute each, then TOO_MANY_ATTEMPTS) and is refused and audited.
 */
import type { z } from 'zod';
import type { KioskIdentity } from '../../api/patient-contract';
import { DomainError } from '../../domain/errors';
import { phoneColumns } from '../../station/services/patients-fields';
import type { PortalContext } from './context';

export type KioskIdentityT = z.output<typeof KioskIdentity>;
export interface KioskPatient { id: string; name: string }

function keys(ctx: PortalContext): string[] {
  return [`kiosk:${ctx.kiosk ?? '?'}`, `address:${ctx.source}`];
}

/** The records the identity names (active, not merged away); at most 2 are looked at. */
export function matchingPatients(ctx: Pick<PortalContext, 'admin'>, identity: KioskIdentityT): KioskPatient[] {
  const raw = ctx.admin.station.raw;
  if ('barcode' in identity) {
    return raw.prepare('SELECT id, name FROM patients WHERE record_no = ? AND merged_into IS NULL LIMIT 2').all(identity.barcode.toUpperCase()) as KioskPatient[];
  }
  const phone = phoneColumns(identity.phone).phone;
  return raw.prepare(`SELECT id, name FROM patients WHERE phone = ? AND merged_into IS NULL AND upper(substr(id_number, -4)) = ? LIMIT 2`)
    .all(phone, identity.idLast4.toUpperCase()) as KioskPatient[];
}

/** The one patient the identity names (throttled, misses refused and audited). */
export function identify(ctx: PortalContext, identity: KioskIdentityT): KioskPatient {
  const now = ctx.now();
  for (const key of keys(ctx)) {
    const until = ctx.throttles.kiosk.blockedUntil(key, now);
    if (until !== null) {
      ctx.refuse({ kind: 'web', device: 'kiosk', accountId: null, subject: ctx.procedure, code: 'TOO_MANY_ATTEMPTS', reason: `kiosk ${ctx.kiosk ?? '?'}: identification while throttled`, source: ctx.source });
      throw new DomainError('TOO_MANY_ATTEMPTS', 'too many identifications that matched no one; wait a minute or ask at the front desk', { retryAt: until });
    }
  }
  const found = matchingPatients(ctx, identity);
  if (found.length === 1) {
    for (const key of keys(ctx)) ctx.throttles.kiosk.succeeded(key);
    return found[0]!;
  }
  const reason = found.length === 0 ? 'no_match' : 'ambiguous';
  for (const key of keys(ctx)) ctx.throttles.kiosk.failed(key, now);
  const how = 'barcode' in identity ? 'card barcode' : 'phone and ID last 4';
  ctx.refuse({ kind: 'web', device: 'kiosk', accountId: null, subject: ctx.procedure, code: 'IDENTITY_NOT_MATCHED', reason: `kiosk ${ctx.kiosk ?? '?'}: ${reason} by ${how}`, source: ctx.source });
  throw new DomainError('IDENTITY_NOT_MATCHED', found.length === 0 ? 'no patient matches' : 'more than one patient matches: use the patient card or ask at the front desk', { field: 'identity', reason });
}
