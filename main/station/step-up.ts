/**
 * The slow, password-shaped part of a request, done before its transaction (better-sqlite3
 * transactions are synchronous; hashing is not): the acting person's password checked again for
 * account, role, device and pairing changes (`proof: 'confirmPassword'`) or to change their own
 * (`proof: 'currentPassword'`), and a new password hashed (`newPassword`). A wrong or missing
 * password is refused before anything is written and, at the hub, reported on its refusal
 * channel (audited). The async path uses verifyPasswordAsync/hashPasswordAsync; the synchronous
 * one (dispatchSync: tests and tools) the synchronous hashes.
 */
import { procedures, type ProcedureName } from '../api/contract';
import { checkPasswordStrength } from '../domain/password';
import { DomainError, type ErrorBody } from '../domain/errors';
import type { Account } from './context';
import { hashPassword, hashPasswordAsync, verifyPassword, verifyPasswordAsync } from './password';
import type { HubToken, Station } from './station';

export interface Prepared {
  /** The hash of the input's new password (procedures with `newPassword`). */
  newPasswordHash: string | null;
  /** What the hub signed for the person (accounts.hubLogin). */
  hubToken: HubToken | null;
}
export const NOTHING_PREPARED: Prepared = { newPasswordHash: null, hubToken: null };

/** Whether `name` has anything to do before its transaction. */
export function needsPreparing(name: string): boolean {
  if (!Object.hasOwn(procedures, name)) return false;
  const def = procedures[name as ProcedureName];
  return def.proof !== undefined || def.newPassword !== undefined;
}

interface Plan {
  proof: { field: string; password: string; stored: string } | null;
  newPassword: string | null;
}

/** Who is asking, from where, for the refusal report. */
export interface Asker { account: Account; device: string; origin: 'call' | 'web' }

/** Reads what to check and hash from the raw input; a missing proof is a refusal (VALIDATION, reported). */
function plan(station: Station, asker: Asker, name: ProcedureName, rawInput: unknown): Plan | ErrorBody {
  const def = procedures[name];
  const input = (typeof rawInput === 'object' && rawInput !== null ? rawInput : {}) as Record<string, unknown>;
  let proof: Plan['proof'] = null;
  if (def.proof) {
    const password = input[def.proof];
    if (typeof password !== 'string' || password.length === 0 || password.length > 256) {
      return refused(station, asker, name, { code: 'VALIDATION', message: 'type your own password to confirm this change', details: { field: def.proof } });
    }
    const row = station.raw.prepare('SELECT password_hash AS stored FROM accounts WHERE id = ?').get(asker.account.id) as { stored: string } | undefined;
    // No row: nothing verifies against the empty hash, so it is a wrong password like any other.
    proof = { field: def.proof, password, stored: row?.stored ?? '' };
  }
  let newPassword: string | null = null;
  if (def.newPassword) {
    const value = input[def.newPassword];
    if (typeof value === 'string') {
      try {
        checkPasswordStrength(value);
        newPassword = value;
      } catch (err) {
        if (err instanceof DomainError) return { ...err.toBody(), details: { ...err.details, field: def.newPassword } };
        throw err;
      }
    }
  }
  return { proof, newPassword };
}

function wrongPassword(station: Station, asker: Asker, name: string, field: string): ErrorBody {
  const message = field === 'currentPassword' ? 'the current password is wrong' : 'the password typed to confirm is wrong';
  return refused(station, asker, name, { code: 'BAD_CREDENTIALS', message, details: { field } });
}

function refused(station: Station, asker: Asker, name: string, error: ErrorBody): ErrorBody {
  station.reportRefusal?.({
    kind: asker.origin, device: asker.device, accountId: asker.account.id, subject: name, code: error.code,
    reason: `step-up for ${name}: ${error.message}`,
  });
  return error;
}

/** Checks the proof and hashes the new password, off the event loop. */
export async function prepare(station: Station, asker: Asker, name: ProcedureName, rawInput: unknown): Promise<Prepared | ErrorBody> {
  const p = plan(station, asker, name, rawInput);
  if ('code' in p) return p;
  if (p.proof && !(await verifyPasswordAsync(p.proof.password, p.proof.stored))) return wrongPassword(station, asker, name, p.proof.field);
  return { ...NOTHING_PREPARED, newPasswordHash: p.newPassword === null ? null : await hashPasswordAsync(p.newPassword) };
}

/** The same, synchronously (dispatchSync: tests and tools). */
export function prepareSync(station: Station, asker: Asker, name: ProcedureName, rawInput: unknown): Prepared | ErrorBody {
  const p = plan(station, asker, name, rawInput);
  if ('code' in p) return p;
  if (p.proof && !verifyPassword(p.proof.password, p.proof.stored)) return wrongPassword(station, asker, name, p.proof.field);
  return { ...NOTHING_PREPARED, newPasswordHash: p.newPassword === null ? null : hashPassword(p.newPassword) };
}

/** The hash prepared for a handler that writes a new password (INTERNAL if dispatch did not prepare one). */
export function preparedHash(prepared: Prepared): string {
  if (prepared.newPasswordHash === null) throw new DomainError('INTERNAL', 'the new password was not hashed before the transaction');
  return prepared.newPasswordHash;
}
