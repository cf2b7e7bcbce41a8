/** Handler types derived from the contract: a missing or mistyped handler fails to compile. */
import type { z } from 'zod';
import type { DeskProcedureName, HubProcedureName, ParsedInput, ProcedureName, Procedures } from '../api/contract';
import type { PreContext, RequestContext } from './context';

/**
 * A handler's answer that needs async work once its transaction has committed (rendering a PDF,
 * sending it to a printer). The handler reads and writes synchronously inside the one
 * transaction as always, then returns `afterCommit(async () => output)`; `dispatch` awaits it
 * outside the transaction and checks the output then. `dispatchSync` cannot wait: it rolls the
 * command back and answers INTERNAL.
 */
export class AfterCommit<T> {
  constructor(readonly finish: () => Promise<T>) {}
}
export function afterCommit<T>(finish: () => Promise<T>): AfterCommit<T> {
  return new AfterCommit(finish);
}

/**
 * A handler with an async step before its transaction: `prepare` runs first, outside any
 * transaction (it may read, never write, and may wait: a password verified off the event loop),
 * and its verdict is handed to `handle`, which runs in the one transaction as every handler does.
 * `prepare` may throw a DomainError (refused before anything is written); a failure that must
 * be remembered (a wrong password) is counted by `handle` through `ctx.onFailure`, which runs
 * even though the transaction rolls back. `dispatchSync` cannot wait: it answers INTERNAL.
 */
export interface PreStep<I, V, O> {
  readonly preStep: true;
  prepare(pre: PreContext, input: I): Promise<V>;
  handle(ctx: RequestContext, input: I, verdict: V): O;
}

export function withPreStep<I, V, O>(
  prepare: (pre: PreContext, input: I) => Promise<V>,
  handle: (ctx: RequestContext, input: I, verdict: V) => O,
): PreStep<I, V, O> {
  return { preStep: true, prepare, handle };
}

export function isPreStep(h: unknown): h is PreStep<unknown, unknown, unknown> {
  return typeof h === 'object' && h !== null && (h as { preStep?: unknown }).preStep === true;
}

type Out<N extends ProcedureName> = z.input<Procedures[N]['output']>;
type Answer<N extends ProcedureName> = Out<N> | AfterCommit<Out<N>>;
export type Handler<N extends ProcedureName> =
  | ((ctx: RequestContext, input: ParsedInput<N>) => Answer<N>)
  | PreStep<ParsedInput<N>, unknown, Answer<N>>;

/** The handlers of one domain's procedure map, e.g. `HandlersFor<typeof patientsProcedures>`. */
export type HandlersFor<P> = { [N in keyof P & ProcedureName]: Handler<N> };

/** What a workstation runs itself (main/station/handlers.ts). */
export type DeskHandlers = { [N in DeskProcedureName]: Handler<N> };
/** What runs at the hub: main/hub/handlers.ts, registered into the hub's admin station (StationOptions.hubHandlers). */
export type HubHandlers = { [N in HubProcedureName]: Handler<N> };
export type AllHandlers = HandlersFor<Procedures>;
