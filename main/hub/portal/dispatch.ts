/**
 * The one entry of every patient request on the hub's patient port: a `portal.*` procedure of
 * main/api/patient-contract.ts and nothing else; the input checked by its schema; the session
 * (the cookie's token, kept hashed at the hub) required unless the procedure is public; the
 * handler run with a per-request patient context; the answer checked by its output schema.
 * Errors are {code, message, details}; an unexpected one is INTERNAL, its cause only in the log.
 */
import { z } from 'zod';
import { isPatientProcedure, patientProcedures, type PatientResult } from '../../api/patient-contract';
import { DomainError, type ErrorBody } from '../../domain/errors';
import { zodDetails } from '../../station/dispatch';
import type { PortalContext, PortalDeps, PortalHandlers } from './context';
import { accountHandlers } from './handlers-account';
import { bookingHandlers } from './handlers-booking';
import { payHandlers } from './handlers-pay';
import { kioskHandlers } from './handlers-kiosk';
import { queueHandlers } from './handlers-queue';
import { recordHandlers } from './handlers-records';
import { secretHash } from './store';

export const portalHandlers: PortalHandlers = { ...accountHandlers, ...bookingHandlers, ...payHandlers, ...recordHandlers, ...queueHandlers, ...kioskHandlers };

export interface PortalRequest {
  procedure: string;
  input: unknown;
  /** The session token of the request's cookie, if any. */
  token: string | null;
  /** The kiosk token of the request's kiosk cookie, if any. */
  kioskToken?: string | null;
  /** The caller's address. */
  source: string;
}

export interface PortalAnswer {
  result: PatientResult<unknown>;
  /** A new session for the cookie, 'end' to clear it, null to leave it. */
  session: PortalContext['session'];
  /** A kiosk token for the kiosk cookie (enrolment), or null. */
  kioskCookie?: string | null;
}

function failed(code: ErrorBody['code'], message: string, details?: Record<string, unknown>): PatientResult<never> {
  return { ok: false, error: new DomainError(code, message, details).toBody() };
}

export async function dispatchPortal(deps: PortalDeps, req: PortalRequest, log: (line: string) => void = () => undefined): Promise<PortalAnswer> {
  const { procedure: name } = req;
  if (!isPatientProcedure(name)) return { result: failed('UNKNOWN_PROCEDURE', 'no such patient procedure'), session: null };
  const def = patientProcedures[name];
  const parsed = def.input.safeParse(req.input ?? {});
  if (!parsed.success) return { result: failed('VALIDATION', 'invalid input', zodDetails(parsed.error)), session: null };
  const sessionHash = req.token === null ? null : secretHash(req.token);
  const accountId = sessionHash === null ? null : (await deps.portal.sessionAccount(sessionHash, deps.now())) ?? null;
  if (def.access === 'patient' && accountId === null) {
    return { result: failed('UNAUTHENTICATED', 'log in first'), session: req.token === null ? null : 'end' };
  }
  const kiosk = def.access === 'kiosk' && req.kioskToken ? (await deps.portal.kioskName(secretHash(req.kioskToken), deps.now())) ?? null : null;
  if (def.access === 'kiosk' && kiosk === null && req.kioskToken) {
    // A kiosk cookie that no longer opens anything (revoked by the admin, or never issued): refused at once, audited.
    deps.refuse({ kind: 'web', device: 'kiosk', accountId: null, subject: name, code: 'UNAUTHENTICATED', reason: 'a revoked or unknown kiosk cookie', source: req.source });
    return { result: failed('UNAUTHENTICATED', 'this kiosk is no longer enrolled (ask the admin for a new token)', { reason: 'kiosk_revoked' }), session: null };
  }
  if (def.access === 'kiosk' && kiosk === null) {
    deps.refuse({ kind: 'web', device: 'kiosk', accountId: null, subject: name, code: 'FORBIDDEN', reason: 'a kiosk call from a browser that is not an enrolled kiosk', source: req.source });
    return { result: failed('FORBIDDEN', 'this is not an enrolled kiosk', { reason: 'not_a_kiosk' }), session: null };
  }
  const ctx: PortalContext = { ...deps, accountId, sessionHash, source: req.source, session: null, procedure: name, kiosk, kioskCookie: null };
  const handler = portalHandlers[name] as (c: PortalContext, i: unknown) => Promise<unknown>;
  try {
    const out = def.output.safeParse(await handler(ctx, parsed.data));
    if (!out.success) {
      log(`portal: output of ${name} does not match its schema: ${JSON.stringify(out.error.issues)}`);
      return { result: failed('INTERNAL', 'internal error'), session: null };
    }
    return { result: { ok: true, value: out.data }, session: ctx.session, kioskCookie: ctx.kioskCookie };
  } catch (err) {
    if (err instanceof DomainError) {
      if (err.code === 'NOT_FOUND' && accountId !== null) {
        // Another account's ids and ids that do not exist are answered alike; both are audited.
        deps.refuse({ kind: 'web', device: 'portal', accountId, subject: name, code: err.code, reason: `${err.message} (${String(err.details?.['field'] ?? '')})`, source: req.source });
      }
      return { result: { ok: false, error: err.toBody() }, session: null };
    }
    if (err instanceof z.ZodError) return { result: failed('VALIDATION', 'invalid input', zodDetails(err)), session: null };
    log(`portal: ${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return { result: failed('INTERNAL', 'internal error'), session: null };
  }
}
