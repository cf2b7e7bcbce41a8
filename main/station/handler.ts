/** Handler types derived from the contract: a missing or mistyped handler fails to compile. */
import type { z } from 'zod';
import type { ParsedInput, ProcedureName, Procedures } from '../api/contract';
import type { RequestContext } from './context';

export type Handler<N extends ProcedureName> = (ctx: RequestContext, input: ParsedInput<N>) => z.input<Procedures[N]['output']>;

/** The handlers of one domain's procedure map, e.g. `HandlersFor<typeof patientsProcedures>`. */
export type HandlersFor<P> = { [N in keyof P & ProcedureName]: Handler<N> };

export type AllHandlers = HandlersFor<Procedures>;
