/**
 * How a procedure of the API is declared: zod input and output, the roles allowed, and whether
 * it changes data. The renderer imports these definitions too (zod runs in the browser).
 */
import type { z } from 'zod';
import type { Role } from '../domain/enums';

/** 'public': no log-in needed. 'any': any logged-in account. Otherwise: one of these roles. */
export type Access = 'public' | 'any' | readonly Role[];

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** 'query' reads (still audited where it reads patient data); 'command' changes data. */
  readonly kind: 'query' | 'command';
  readonly summary: string;
  /**
   * 'hub': runs at the hub (administration, statistics). A workstation checks the session and
   * roles, then forwards the call over its hub connection; without one it answers HUB_UNREACHABLE.
   */
  readonly at?: 'hub';
  /**
   * Takes or returns money, or hands over stock: the commit is synced to disk before the answer
   * (SQLite `synchronous = FULL` for this transaction), so a power cut never undoes a payment whose
   * receipt was printed. Other commands keep WAL's `NORMAL` (durable at the next checkpoint).
   * 'withPayment': only a call whose input carries a `payment` (a check-in or walk-in that takes
   * the fee at once; without one it only bills, and costs no sync).
   */
  readonly durable?: true | 'withPayment';
  /**
   * The acting person's own password, in this input field, checked where the procedure runs
   * before its transaction: 'confirmPassword' is the step-up of account, role, device and pairing
   * changes; 'currentPassword' proves it is really them changing their password.
   */
  readonly proof?: 'confirmPassword' | 'currentPassword';
  /** This input field holds a new password: hashed (argon2id, off the event loop) before the transaction. */
  readonly newPassword?: 'newPassword' | 'password';
}

/** A procedure that runs at the hub keeps `at: 'hub'` in its type, so handlers split by where they run (HubProcedureName). */
export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O> & { readonly at: 'hub' }): ProcedureDef<I, O> & { readonly at: 'hub' };
export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): ProcedureDef<I, O>;
export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): ProcedureDef<I, O> {
  return def;
}

/** Whether this call of `def` commits with `synchronous = FULL` (see ProcedureDef.durable). */
export function durableCall(def: Pick<ProcedureDef<z.ZodType, z.ZodType>, 'kind' | 'durable'>, input: unknown): boolean {
  if (def.kind !== 'command') return false;
  if (def.durable === true) return true;
  return def.durable === 'withPayment' && typeof input === 'object' && input !== null && (input as { payment?: unknown }).payment != null;
}
