/** Assertions the service tests share (imports vitest: for test files only). */
import { expect } from 'vitest';
import type { Input, ProcedureName } from '../api/contract';
import type { ErrorCode } from '../domain/errors';
import { tableChecksums } from './checksum';
import type { Fixture } from './testing';

type Caller = { token: string | null };

/** Calls and expects a refusal with `code` (details as a subset); the database must be exactly as before. */
export function expectRefused<N extends ProcedureName>(
  fx: Fixture, caller: Caller, name: N, input: Input<N>, code: ErrorCode, details?: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const before = tableChecksums(fx.station.raw);
  const r = fx.call(caller, name, input);
  expect(r.ok, `${name} should be refused with ${code}`).toBe(false);
  if (r.ok) return undefined;
  expect(r.error.code, JSON.stringify(r.error)).toBe(code);
  if (details) expect(r.error.details).toMatchObject(details);
  expect(tableChecksums(fx.station.raw)).toEqual(before);
  return r.error.details;
}

export function count(fx: Fixture, sql: string, ...params: unknown[]): number {
  return (fx.station.raw.prepare(sql).get(...params) as { n: number }).n;
}
