/** What a portal handler gets for one request: the hub's parts and who is asking. */
import type { z } from 'zod';
import type { PatientParsedInput, PatientProcedureName, PatientProcedures } from '../../api/patient-contract';
import type { AdminStation } from '../admin-station';
import type { LoginThrottle } from '../login-throttle';
import type { OnlinePayments } from '../payments/online-payments';
import type { Refusal } from '../refusals';
import type { PortalStore } from './store';

export interface PortalThrottles {
  /** Wrong passwords per phone number and per address. */
  login: LoginThrottle;
  /** Identifications at a kiosk that matched no one, per kiosk and per address. */
  kiosk: LoginThrottle;
  /** Wrong kiosk tokens per address. */
  kioskTokens: LoginThrottle;
  /** Wrong activation codes per address, and for the whole hub (key 'all'). */
  codes: LoginThrottle;
  codesEverywhere: LoginThrottle;
}

export interface PortalDeps {
  admin: AdminStation;
  portal: PortalStore;
  now: () => number;
  refuse: (r: Omit<Refusal, 'at'>) => void;
  throttles: PortalThrottles;
  /** Online payment of bills (main/hub/payments). */
  payments: OnlinePayments;
}

export interface PortalContext extends PortalDeps {
  /** The logged-in patient account; null on public procedures. */
  accountId: string | null;
  /** The hash of this request's session token, when it came with one. */
  sessionHash: string | null;
  /** The enrolled kiosk the request comes from (its name), or null. */
  kiosk: string | null;
  /** A kiosk cookie to hand out (portal.kioskEnroll). */
  kioskCookie: string | null;
  /** The caller's address (throttles, audit). */
  source: string;
  /** A session to hand out as the cookie (log-in, opening an account), or 'end' to clear it. */
  session: { token: string; expiresAt: number } | 'end' | null;
  procedure: PatientProcedureName;
}

type Out<N extends PatientProcedureName> = z.input<PatientProcedures[N]['output']>;
export type PortalHandlers = { [N in PatientProcedureName]: (ctx: PortalContext, input: PatientParsedInput<N>) => Promise<Out<N>> };
