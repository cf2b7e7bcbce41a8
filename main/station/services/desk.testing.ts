/** Test helpers for the patients, appointments, catalog and audit tests (not a test file itself). */
import { expect } from 'vitest';
import type { Input, ProcedureName } from '../../api/contract';
import type { ErrorCode } from '../../domain/errors';
import { makeResidentId } from '../../domain/residentId';
import { tableChecksums } from '../checksum';
import type { Fixture } from '../testing';

type Caller = { token: string | null };

/** Calls and expects a refusal with `code` (and `details` as a subset); the database must be exactly as before. */
export function expectRefused<N extends ProcedureName>(
  fx: Fixture, caller: Caller, name: N, input: Input<N>, code: ErrorCode, details?: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const before = tableChecksums(fx.station.raw);
  const r = fx.call(caller, name, input);
  expect(r.ok, `${name} should be refused with ${code}`).toBe(false);
  if (r.ok) return undefined;
  expect(r.error.code).toBe(code);
  if (details) expect(r.error.details).toMatchObject(details);
  expect(tableChecksums(fx.station.raw)).toEqual(before);
  return r.error.details;
}

export function count(fx: Fixture, sql: string, ...params: unknown[]): number {
  return (fx.station.raw.prepare(sql).get(...params) as { n: number }).n;
}

/** A valid resident ID; `wantX` picks a sequence whose check character is 'X'. */
export function residentId(birthDate: string, sex: 'M' | 'F', opts: { seq?: number; wantX?: boolean } = {}): string {
  const start = opts.seq ?? (sex === 'M' ? 11 : 12);
  for (let s = start; s < 1000; s += 2) {
    const id = makeResidentId('110101', birthDate, s, sex);
    if (!opts.wantX || id.endsWith('X')) return id;
  }
  throw new Error('no such ID');
}

/** Registers a patient through the API as the receptionist. */
export function register(fx: Fixture, reception: Caller, input: Input<'patients.register'>) {
  return fx.ok(reception, 'patients.register', input);
}
