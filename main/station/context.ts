/** What a handler gets: who is asking, from which device, and the database, for one request. */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import type { AuditAction, Role } from '../domain/enums';
import type { Writer } from './writer';
import type { ClinicSettings } from './settings';
import type { Session } from './sessions';
import type { PasswordThrottle } from './throttle';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  staffId: string | null;
}

/**
 * Where a request came in, for throttling password guesses: `window` (the desk's own Electron
 * window), `ws:<peer address>` (a web-host WebSocket), `device:<code>` (a call the hub runs for a
 * workstation), `local` (in-process callers: tools, tests).
 */
export type RequestSource = string;

/** What a handler's pre-step sees (main/station/handler.ts PreStep): outside the transaction, read only. */
export interface PreContext {
  account: Account | null;
  session: Session | undefined;
  source: RequestSource;
  db: Db;
  now: () => number;
  settings: ClinicSettings;
  throttle: PasswordThrottle;
  procedure: string;
  /** As RequestContext.hub: the hub's store at the hub's admin station (a pre-step may read it), null at a workstation. */
  hub: unknown;
}

export interface RequestContext {
  /** Null only for public procedures (log in). */
  account: Account | null;
  sessionToken: string | null;
  /** Where the request came in (see RequestSource). */
  source: RequestSource;
  /** Wrong-password state per source (main/station/password-failures.ts). */
  throttle: PasswordThrottle;
  device: string;
  db: Db;
  raw: Database.Database;
  write: Writer;
  now: () => number;
  settings: ClinicSettings;
  /** Next value of a local counter (record numbers, receipts, queue numbers). */
  nextSeq: (name: string) => number;
  /** An audit row; `detail` says why (a refusal, an override, a void). */
  audit: (action: AuditAction, entity: string, entityId: string, patientId: string | null, detail?: string) => void;
  /** Session operations, for the accounts service. */
  sessions: import('./sessions').Sessions;
  procedure: string;
  /** The hub's store when this request runs at the hub (its admin station), opaque here (main/hub/services/hub-context.ts reads it); null at a workstation. */
  hub: unknown;
  /** Run after the transaction rolled back (e.g. counting a failed log-in, which must stick). */
  onFailure: (fn: () => void) => void;
  /** What dispatch worked out before the transaction (main/station/step-up.ts): a new password's hash, a hub token. */
  prepared: import('./step-up').Prepared;
  /** A notice for every desk (a stopped session), told to this station's listeners once the transaction has committed. */
  notify: (notice: import('../api/contract').StationEvents['notice']) => void;
}

/** The account of a request that needs one (dispatch guarantees it for non-public procedures). */
export function accountOf(ctx: RequestContext): Account {
  if (!ctx.account) throw new Error('no account on a request that needs one');
  return ctx.account;
}
