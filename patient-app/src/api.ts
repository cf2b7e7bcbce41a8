/**
 * The patient app's one way to the hub: `POST /api/<procedure>` on the page's own origin with
 * the session cookie (HttpOnly, set by the hub), typed by main/api/patient-contract.ts. Every
 * answer is a result {ok, value} or {ok: false, error: {code, message, details}}; a network
 * failure or an answer that is not one becomes the error HUB_UNREACHABLE, so screens handle one shape.
 */
import type { PatientInput, PatientOutput, PatientProcedureName, PatientResult } from '../../main/api/patient-contract';

export type ApiError = Extract<PatientResult<unknown>, { ok: false }>['error'];

/** A refusal the screens show; carries the hub's structured error. */
export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

function isResult(body: unknown): body is PatientResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const b = body as { ok: unknown; error?: unknown };
  if (b.ok === true) return 'value' in b;
  return b.ok === false && typeof b.error === 'object' && b.error !== null && typeof (b.error as { code?: unknown }).code === 'string';
}

const unreachable = (message: string): ApiError => ({ code: 'HUB_UNREACHABLE', message });

/** One call; answers the result (never throws). */
export async function callResult<N extends PatientProcedureName>(
  procedure: N, input: PatientInput<N>, fetcher: Fetcher = (u, i) => fetch(u, i),
): Promise<PatientResult<PatientOutput<N>>> {
  let res: Response;
  try {
    res = await fetcher(`/api/${procedure}`, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input),
    });
  } catch (err) {
    return { ok: false, error: unreachable(err instanceof Error ? err.message : 'network error') };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, error: unreachable(`unexpected answer (${res.status})`) };
  }
  if (!isResult(body)) return { ok: false, error: unreachable(`unexpected answer (${res.status})`) };
  return body as PatientResult<PatientOutput<N>>;
}

/** One call; answers the value or throws CallError with the hub's error. */
export async function call<N extends PatientProcedureName>(procedure: N, input: PatientInput<N>, fetcher?: Fetcher): Promise<PatientOutput<N>> {
  const r = await callResult(procedure, input, fetcher);
  if (!r.ok) throw new CallError(r.error);
  return r.value;
}
