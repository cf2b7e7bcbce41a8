/** Handler types derived from the contract: a missing or mistyped handler fails to compile. */
import type { z } from 'zod';
import type { ParsedInput, ProcedureName, Procedures } from '../api/contract';
import type { RequestContext } from './context';

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

type Out<N extends ProcedureName> = z.input<Procedures[N]['output']>;
export type Handler<N extends ProcedureName> = (ctx: RequestContext, input: ParsedInput<N>) => Out<N> | AfterCommit<Out<N>>;

/** The handlers of one domain's procedure map, e.g. `HandlersFor<typeof patientsProcedures>`. */
export type HandlersFor<P> = { [N in keyof P & ProcedureName]: Handler<N> };

export type AllHandlers = HandlersFor<Procedures>;
