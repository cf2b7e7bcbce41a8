/** The typed API for screens: `api(name, input)` resolves to the output or throws an ApiError. */
import type { ErrorBody, ErrorCode, Input, Output, ProcedureName, Result } from '../../../main/api/contract';
import { transport } from './transport';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details;
  }
  /** The input field this error is about, when the station said (`details.field`). */
  get field(): string | null {
    const f = this.details?.['field'];
    return typeof f === 'string' && f !== '' ? f : null;
  }
}

export async function callResult<N extends ProcedureName>(name: N, input: Input<N>): Promise<Result<Output<N>>> {
  return (await transport().call(name, input)) as Result<Output<N>>;
}

export async function api<N extends ProcedureName>(name: N, input: Input<N>): Promise<Output<N>> {
  const r = await callResult(name, input);
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
