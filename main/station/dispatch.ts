/**
 * The one entry of every request, whatever the transport: find the procedure, check the
 * session and roles, validate the input, run the handler in one SQLite transaction, and answer
 * `{ok, value}` or `{ok:false, error:{code, message, details}}`. Nothing is half-written: any
 * error rolls the whole command back.
 */
import { z } from 'zod';
import { procedures, type Output, type ProcedureName, type Result } from '../api/contract';
import { CALLABLE_WHILE_LOCKED, isAllowed, needsSession } from '../api/policy';
import { DomainError, type ErrorBody } from '../domain/errors';
import { auditLog } from '../../db/schema';
import type { RequestContext } from './context';
import { AfterCommit } from './handler';
import { handlers } from './handlers';
import type { Station } from './station';
import { Writer } from './writer';

export interface Caller {
  /** The session token this transport holds for the window or socket, if any. */
  token: string | null;
}

function fail(code: ErrorBody['code'], message: string, details?: Record<string, unknown>): Result<never> {
  return { ok: false, error: new DomainError(code, message, details).toBody() };
}

export function zodDetails(error: z.ZodError): Record<string, unknown> {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
  return { field: issues[0]?.path ?? '', issues };
}

function fromThrown(err: unknown): ErrorBody {
  if (err instanceof DomainError) return err.toBody();
  if (err instanceof z.ZodError) return new DomainError('VALIDATION', 'invalid input', zodDetails(err)).toBody();
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', message: 'the data conflicts with what is stored', details: { sqlite: code, reason: (err as Error).message } };
  }
  console.error('internal error in dispatch', err);
  return { code: 'INTERNAL', message: 'internal error' };
}

/** The output parsed by its schema; a handler whose answer breaks the contract is an internal error. */
function checkedOutput(name: ProcedureName, out: unknown): unknown {
  const checked = procedures[name].output.safeParse(out);
  if (!checked.success) {
    console.error(`output of ${name} does not match its schema`, checked.error.issues);
    throw new DomainError('INTERNAL', `output of ${name} does not match its schema`, zodDetails(checked.error));
  }
  return checked.data;
}

export async function dispatch<N extends ProcedureName>(
  station: Station,
  caller: Caller,
  name: N,
  rawInput: unknown,
): Promise<Result<Output<N>>> {
  const result = run(station, caller, name, rawInput, true);
  if (!result.ok || !(result.value instanceof AfterCommit)) return result as Result<Output<N>>;
  // The transaction has committed; the rest (rendering, printing) is async and writes nothing.
  try {
    const out: unknown = await result.value.finish();
    return { ok: true, value: (station.validateOutput ? checkedOutput(name, out) : out) as Output<N> };
  } catch (err) {
    return { ok: false, error: fromThrown(err) };
  }
}

/**
 * Synchronous core of dispatch (better-sqlite3 transactions are synchronous). A handler that
 * answers `afterCommit(...)` needs the async `dispatch`: here it is rolled back (INTERNAL).
 */
export function dispatchSync<N extends ProcedureName>(
  station: Station,
  caller: Caller,
  name: N | string,
  rawInput: unknown,
): Result<Output<N>> {
  return run(station, caller, name, rawInput, false) as Result<Output<N>>;
}

function run(
  station: Station,
  caller: Caller,
  name: string,
  rawInput: unknown,
  canWait: boolean,
): Result<unknown> {
  if (!Object.hasOwn(procedures, name)) return fail('UNKNOWN_PROCEDURE', `no procedure ${name}`, { procedure: name });
  const def = procedures[name as ProcedureName];
  const now = station.now();

  const session = station.sessions.get(caller.token, now);
  if (needsSession(def.access)) {
    if (!session) return fail('UNAUTHENTICATED', 'log in first');
    if (session.lockedAt !== null && !CALLABLE_WHILE_LOCKED.has(name)) {
      return fail('SESSION_LOCKED', 'the session is locked; type the password to unlock', { lockedAt: session.lockedAt });
    }
    if (!isAllowed(def.access, session.account.roles)) {
      return fail('FORBIDDEN', `${name} is not allowed for this account`, { procedure: name, roles: session.account.roles });
    }
  }

  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail('VALIDATION', 'invalid input', zodDetails(parsed.error));

  const write = new Writer({
    db: station.db,
    device: station.device,
    clock: station.clock,
    now: station.now,
    allowMasterData: station.allowMasterData,
  });
  const account = session?.account ?? null;
  const afterFailure: (() => void)[] = [];
  const ctx: RequestContext = {
    account,
    sessionToken: session?.token ?? null,
    device: station.device,
    db: station.db,
    raw: station.raw,
    write,
    now: station.now,
    settings: station.settings,
    nextSeq: (seqName) => station.nextSeq(seqName),
    sessions: station.sessions,
    procedure: name,
    hub: station.hub,
    onFailure: (fn) => afterFailure.push(fn),
    audit: (action, entity, entityId, patientId) => {
      write.insert(auditLog, { at: now, accountId: account?.id ?? 'anonymous', device: station.device, action, entity, entityId, patientId, procedure: name });
    },
  };

  const handler = handlers[name as ProcedureName] as (c: RequestContext, i: unknown) => unknown;
  const clockBefore = station.clock.hlc;
  let value: unknown;
  try {
    const tx = station.raw.transaction(() => {
      let out = handler(ctx, parsed.data);
      if (out instanceof AfterCommit) {
        if (!canWait) throw new DomainError('INTERNAL', `${name} finishes asynchronously: call it through dispatch`, { procedure: name });
      } else if (station.validateOutput) {
        // Inside the transaction: a handler whose answer breaks the contract writes nothing.
        out = checkedOutput(name as ProcedureName, out);
      }
      if (write.touched.size > 0) station.saveClock();
      return out;
    });
    value = def.kind === 'command' ? tx.immediate() : tx.deferred();
  } catch (err) {
    station.clock.hlc = clockBefore; // the rolled-back writes never happened
    for (const fn of afterFailure) fn();
    return { ok: false, error: fromThrown(err) };
  }

  if (session && station.sessions.get(session.token, now)) station.sessions.touch(session, now);
  if (write.touched.size > 0) {
    if (write.touched.has('settings')) station.reloadSettings();
    station.emit('data.changed', { tables: [...write.touched] });
  }
  return { ok: true, value };
}
