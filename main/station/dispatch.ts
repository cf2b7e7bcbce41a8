/**
 * The one entry of every request, whatever the transport: find the procedure, check the
 * session and roles, validate the input, run the handler in one SQLite transaction, and answer
 * `{ok, value}` or `{ok:false, error:{code, message, details}}`. Nothing is half-written: any
 * error rolls the whole command back.
 */
import { z } from 'zod';
import { procedures, type Output, type ProcedureName, type Result, type StationEvents } from '../api/contract';
import { CALLABLE_WHILE_LOCKED, isAllowed, needsSession } from '../api/policy';
import { durableCall } from '../api/define';
import { DomainError, type ErrorBody } from '../domain/errors';
import { auditLog } from '../../db/schema';
import type { Account, PreContext, RequestContext, RequestSource } from './context';
import { AfterCommit, isPreStep } from './handler';
import { handlers } from './handlers';
import { storageErrorOf } from './storage-errors';
import { attachHubToken, hubLoginToken } from './hub-login';
import type { Session } from './sessions';
import type { Station } from './station';
import { NOTHING_PREPARED, needsPreparing, prepare, prepareSync, type Prepared as Proven } from './step-up';
import { Writer } from './writer';

export interface Caller {
  /** The session token this transport holds for the window or socket, if any. */
  token: string | null;
  /** Where the call came in (RequestSource: 'window', 'ws:<address>'); 'local' when left out. */
  source?: RequestSource;
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
  const storage = storageErrorOf(err);
  if (storage) {
    console.error('storage error in dispatch', err);
    return storage;
  }
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

/** Who a request runs as: the session a transport holds, or an account the hub has checked (a forwarded call). */
type Actor = { caller: Caller } | { account: Account; device: string };

function sourceOf(actor: Actor): RequestSource {
  return 'caller' in actor ? actor.caller.source ?? 'local' : `device:${actor.device}`;
}

/** A pre-step's verdict, once it has run (main/station/handler.ts PreStep). */
interface Prepared {
  verdict: unknown;
}

interface Admitted {
  session: Session | undefined;
  account: Account | null;
  /** The device written on audit rows: this station, or the workstation a forwarded call came from. */
  device: string;
}

/** A workstation forwards `at: 'hub'` procedures; the hub's admin station, given their handlers, runs them. */
function forwarded(station: Station, name: string): boolean {
  return station.hubHandlers === null && Object.hasOwn(procedures, name) && procedures[name as ProcedureName].at === 'hub';
}

/** The handler this station runs for `name`: its own, or the hub's it was given; undefined for an unknown name. */
function handlerOf(station: Station, name: string): unknown {
  if (Object.hasOwn(handlers, name)) return handlers[name as keyof typeof handlers];
  const hub = station.hubHandlers;
  if (hub && Object.hasOwn(hub, name)) return hub[name as keyof typeof hub];
  return undefined;
}

export async function dispatch<N extends ProcedureName>(
  station: Station,
  caller: Caller,
  name: N,
  rawInput: unknown,
): Promise<Result<Output<N>>> {
  if (forwarded(station, name)) return (await forward(station, caller, name, rawInput)) as Result<Output<N>>;
  const proven = await before(station, { caller }, name, rawInput, 'web');
  if ('ok' in proven) return proven;
  const result = await runAsync(station, { caller }, name, rawInput, proven);
  // A person logged in at a desk proves it to the hub too (briefly: an absent hub never holds the log-in up).
  if (name === 'accounts.login' && result.ok && !station.allowMasterData) await attachHubToken(station, result.value as Output<'accounts.login'>, rawInput);
  return result as Result<Output<N>>;
}

/** The async path of a request: a handler's pre-step (if it has one) first, then its transaction, then its after-commit work. */
async function runAsync(station: Station, actor: Actor, name: string, rawInput: unknown, proven: Proven): Promise<Result<unknown>> {
  const handler = handlerOf(station, name);
  if (!isPreStep(handler)) return finish(station, name as ProcedureName, run(station, actor, name, rawInput, true, undefined, proven));
  const admitted = admit(station, actor, name, station.now());
  if ('ok' in admitted) return admitted;
  const parsed = procedures[name as ProcedureName].input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail('VALIDATION', 'invalid input', zodDetails(parsed.error));
  const pre: PreContext = {
    account: admitted.account, session: admitted.session, source: sourceOf(actor), db: station.db, now: station.now,
    settings: station.settings, throttle: station.throttle, procedure: name, hub: station.hub,
  };
  let verdict: unknown;
  try {
    verdict = await handler.prepare(pre, parsed.data);
  } catch (err) {
    return { ok: false, error: fromThrown(err) };
  }
  // Admitted again inside run: the session may have ended or locked while the pre-step waited.
  return finish(station, name as ProcedureName, run(station, actor, name, rawInput, true, { verdict }, proven));
}

/**
 * At the hub: runs an `at: 'hub'` procedure for the person a workstation's call proved (the
 * caller, main/hub/admin-station.ts, has checked the token and found the account active in this
 * replica); the roles and any step-up are checked here as for every request, and audit rows name
 * the workstation `device`.
 */
export async function dispatchAs(station: Station, account: Account, device: string, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(procedures, name)) return fail('UNKNOWN_PROCEDURE', `no procedure ${name}`, { procedure: name });
  if (procedures[name as ProcedureName].at !== 'hub') {
    return fail('FORBIDDEN', `${name} runs at the workstation, not at the hub`, { procedure: name });
  }
  const proven = await before(station, { account, device }, name, rawInput, 'call');
  if ('ok' in proven) return proven;
  return runAsync(station, { account, device }, name, rawInput, proven);
}

/** The async part before a transaction (step-up, new password hashes, a hub token): refused here, nothing is written. */
async function before(station: Station, actor: Actor, name: string, rawInput: unknown, origin: 'call' | 'web'): Promise<Proven | Result<never>> {
  const hubLogin = name === 'accounts.hubLogin';
  if (!hubLogin && !needsPreparing(name)) return NOTHING_PREPARED;
  const admitted = admit(station, actor, name, station.now());
  if ('ok' in admitted) return admitted;
  if (!admitted.account) return NOTHING_PREPARED; // run refuses it
  if (hubLogin) {
    const token = await hubLoginToken(station, admitted.account, rawInput);
    return token !== null && 'code' in token ? { ok: false, error: token } : { ...NOTHING_PREPARED, hubToken: token };
  }
  const prepared = await prepare(station, { account: admitted.account, device: admitted.device, origin }, name as ProcedureName, rawInput);
  return 'code' in prepared ? { ok: false, error: prepared } : prepared;
}

async function finish(station: Station, name: ProcedureName, result: Result<unknown>): Promise<Result<unknown>> {
  if (!result.ok || !(result.value instanceof AfterCommit)) return result;
  // The transaction has committed; the rest (rendering, printing, asking the hub's store) is async.
  try {
    const out: unknown = await result.value.finish();
    return { ok: true, value: station.validateOutput ? checkedOutput(name, out) : out };
  } catch (err) {
    return { ok: false, error: fromThrown(err) };
  }
}

/** Session, lock and roles here, then the call goes to the hub over the station's hub link, with the person's hub token. */
async function forward(station: Station, caller: Caller, name: ProcedureName, rawInput: unknown): Promise<Result<unknown>> {
  const result = await forwardNow(station, caller, name, rawInput);
  if (result.ok || result.error.code !== 'HUB_UNREACHABLE' || name !== 'accounts.changePassword') return result;
  // A password lives at the hub: changed only there, so that every desk and the hub agree on it.
  return fail('HUB_UNREACHABLE', 'your password is kept at the hub: change it when the hub can be reached', { procedure: name, reason: 'change_password' });
}

async function forwardNow(station: Station, caller: Caller, name: ProcedureName, rawInput: unknown): Promise<Result<unknown>> {
  const now = station.now();
  const admitted = admit(station, { caller }, name, now);
  if ('ok' in admitted) return admitted;
  const parsed = procedures[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail('VALIDATION', 'invalid input', zodDetails(parsed.error));
  const session = admitted.session;
  if (!admitted.account || !session) return fail('UNAUTHENTICATED', 'log in first');
  const link = station.hubLink;
  if (!link) return fail('HUB_UNREACHABLE', `${name} runs at the hub, and this workstation has no hub connection`, { procedure: name });
  const hubToken = session.hubToken;
  if (!hubToken || hubToken.expiresAt <= now) {
    return fail('HUB_LOGIN_REQUIRED', 'confirm your password to reach the hub (you logged in while it was unreachable)', { procedure: name });
  }
  const result = await link.call({ procedure: name, input: rawInput ?? {}, token: hubToken.token });
  if (station.sessions.get(session.token, now)) station.sessions.touch(session, station.now());
  if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
    // The hub no longer takes this token (expired, the hub's secret is new): ask for the password again.
    delete session.hubToken;
    return fail('HUB_LOGIN_REQUIRED', 'confirm your password to reach the hub again', { procedure: name, reason: result.error.details?.['reason'] ?? null });
  }
  return result;
}

/**
 * Synchronous core of dispatch (better-sqlite3 transactions are synchronous). A handler that
 * answers `afterCommit(...)` needs the async `dispatch`: here it is rolled back (INTERNAL).
 * A workstation cannot wait for the hub here: `at: 'hub'` procedures answer HUB_UNREACHABLE.
 */
export function dispatchSync<N extends ProcedureName>(
  station: Station,
  caller: Caller,
  name: N | string,
  rawInput: unknown,
): Result<Output<N>> {
  if (forwarded(station, name)) {
    const admitted = admit(station, { caller }, name, station.now());
    if ('ok' in admitted) return admitted;
    return fail('HUB_UNREACHABLE', `${name} runs at the hub: call it through dispatch`, { procedure: name });
  }
  let prepared = NOTHING_PREPARED;
  if (name === 'accounts.hubLogin' && !station.allowMasterData) return fail('HUB_UNREACHABLE', `${name} asks the hub: call it through dispatch`, { procedure: name });
  if (needsPreparing(name)) {
    const admitted = admit(station, { caller }, name, station.now());
    if ('ok' in admitted) return admitted;
    if (admitted.account) {
      const p = prepareSync(station, { account: admitted.account, device: admitted.device, origin: 'web' }, name as ProcedureName, rawInput);
      if ('code' in p) return { ok: false, error: p };
      prepared = p;
    }
  }
  return run(station, { caller }, name, rawInput, false, undefined, prepared) as Result<Output<N>>;
}

/** Session → idle lock → roles, for a request by a local session; roles only for an account the hub checked. */
function admit(station: Station, actor: Actor, name: string, now: number): Admitted | Result<never> {
  const def = procedures[name as ProcedureName];
  if ('account' in actor) {
    if (!isAllowed(def.access, actor.account.roles)) {
      return fail('FORBIDDEN', `${name} is not allowed for this account`, { procedure: name, roles: actor.account.roles });
    }
    return { session: undefined, account: actor.account, device: actor.device };
  }
  const session = station.sessions.get(actor.caller.token, now);
  if (needsSession(def.access)) {
    if (!session) {
      const ended = station.sessions.endedBecause(actor.caller.token);
      return ended ? fail(ended.code, ended.message, { reason: ended.reason }) : fail('UNAUTHENTICATED', 'log in first');
    }
    // The account as the replica has it now (a synced disable or role change), and the session's age.
    const ended = station.checkSession(session, now);
    if (ended) return fail(ended.code, ended.message, { reason: ended.reason });
    if (session.lockedAt !== null && !CALLABLE_WHILE_LOCKED.has(name)) {
      return fail('SESSION_LOCKED', 'the session is locked; type the password to unlock', { lockedAt: session.lockedAt });
    }
    if (!isAllowed(def.access, session.account.roles)) {
      return fail('FORBIDDEN', `${name} is not allowed for this account`, { procedure: name, roles: session.account.roles });
    }
  }
  return { session, account: session?.account ?? null, device: station.device };
}

function run(
  station: Station,
  actor: Actor,
  name: string,
  rawInput: unknown,
  canWait: boolean,
  prepared?: Prepared,
  proven: Proven = NOTHING_PREPARED,
): Result<unknown> {
  if (!Object.hasOwn(procedures, name)) return fail('UNKNOWN_PROCEDURE', `no procedure ${name}`, { procedure: name });
  const def = procedures[name as ProcedureName];
  const now = station.now();
  const admitted = admit(station, actor, name, now);
  if ('ok' in admitted) return admitted;
  const { session, account } = admitted;

  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail('VALIDATION', 'invalid input', zodDetails(parsed.error));

  const write = new Writer({
    db: station.db,
    device: station.device,
    clock: station.clock,
    now: station.now,
    allowMasterData: station.allowMasterData,
  });
  const afterFailure: (() => void)[] = [];
  const notices: StationEvents['notice'][] = [];
  const ctx: RequestContext = {
    account,
    sessionToken: session?.token ?? null,
    source: sourceOf(actor),
    throttle: station.throttle,
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
    prepared: proven,
    onFailure: (fn) => afterFailure.push(fn),
    notify: (notice) => notices.push(notice),
    audit: (action, entity, entityId, patientId, detail) => {
      write.insert(auditLog, {
        at: now, accountId: account?.id ?? 'anonymous', device: admitted.device, action, entity, entityId, patientId, procedure: name,
        ...(detail === undefined ? {} : { detail }),
      });
    },
  };

  const declared = handlerOf(station, name);
  let handler: (c: RequestContext, i: unknown) => unknown;
  if (isPreStep(declared)) {
    if (!prepared) return fail('INTERNAL', `${name} has a step that waits (a password check off the event loop): call it through dispatch`, { procedure: name });
    handler = (c, i) => declared.handle(c, i, prepared.verdict);
  } else {
    handler = declared as (c: RequestContext, i: unknown) => unknown;
  }
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
    const full = def.kind === 'command' && (station.commitSync === 'all' || (station.commitSync === 'money' && durableCall(def, parsed.data)));
    if (full) station.raw.pragma('synchronous = FULL');
    try {
      value = def.kind === 'command' ? tx.immediate() : tx.deferred();
    } finally {
      if (full) station.raw.pragma('synchronous = NORMAL');
    }
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
  for (const notice of notices) station.emit('notice', notice);
  return { ok: true, value };
}
