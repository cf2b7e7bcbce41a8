/** What a handler gets: who is asking, from which device, and the database, for one request. */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import type { AuditAction, Role } from '../domain/enums';
import type { Writer } from './writer';
import type { ClinicSettings } from './settings';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  staffId: string | null;
}

export interface RequestContext {
  /** Null only for public procedures (log in). */
  account: Account | null;
  sessionToken: string | null;
  device: string;
  db: Db;
  raw: Database.Database;
  write: Writer;
  now: () => number;
  settings: ClinicSettings;
  /** Next value of a local counter (record numbers, receipts, queue numbers). */
  nextSeq: (name: string) => number;
  audit: (action: AuditAction, entity: string, entityId: string, patientId: string | null) => void;
  /** Session operations, for the accounts service. */
  sessions: import('./sessions').Sessions;
  procedure: string;
  /** The hub's store when this request runs at the hub (its admin station); null at a workstation. */
  hub: import('../hub/store').HubStore | null;
  /** Run after the transaction rolled back (e.g. counting a failed log-in, which must stick). */
  onFailure: (fn: () => void) => void;
  /** A notice for every desk (a stopped session), told to this station's listeners once the transaction has committed. */
  notify: (notice: import('../api/contract').StationEvents['notice']) => void;
}

/** The account of a request that needs one (dispatch guarantees it for non-public procedures). */
export function accountOf(ctx: RequestContext): Account {
  if (!ctx.account) throw new Error('no account on a request that needs one');
  return ctx.account;
}
