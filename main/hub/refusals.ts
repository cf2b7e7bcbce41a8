/**
 * What the hub refused, and from whom: a forged or unproven call, a push that breaks the sync
 * rules, a wrong pairing code, a login refused at the hub. The sync server reports each one here;
 * the admin station writes it to the audit log (action 'refuse', `detail` the reason), so it
 * replicates to every desk and shows in the audit trail like any other audit row.
 */
export type RefusalKind = 'call' | 'push' | 'pair' | 'login' | 'web';

export interface Refusal {
  kind: RefusalKind;
  /** The device that sent it (its hello's device, or the device a pairing claimed); '?' when unknown. */
  device: string;
  /** The account it claimed to act as, when it named one; null otherwise. */
  accountId: string | null;
  /** What was refused: the procedure, the change id, the device code… */
  subject: string;
  /** A stable code (a SyncErrorCode or an ErrorCode) and a sentence for the admin. */
  code: string;
  reason: string;
  /** Where it came from (remote address), when known. */
  source?: string;
  at: number;
}

export type RefusalListener = (refusal: Refusal) => void;

/** A small fan-out the hub owns; listeners never throw into the sync path. */
export class Refusals {
  private readonly listeners = new Set<RefusalListener>();

  on(fn: RefusalListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  report(refusal: Refusal, log?: (line: string) => void): void {
    log?.(`refused ${refusal.kind} ${refusal.subject} from ${refusal.device}${refusal.source ? ` (${refusal.source})` : ''}: ${refusal.code} ${refusal.reason}`);
    for (const fn of this.listeners) {
      try {
        fn(refusal);
      } catch (err) {
        log?.(`refusal listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
