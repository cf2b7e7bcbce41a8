/**
 * A station's 'push' at the hub: every change checked first (main/hub/push-policy.ts), the ones it
 * takes appended through `publish`, the refused ones answered with their reason, reported (the admin
 * station audits them) and made review tasks. A batch that is not a push of this device's own
 * changes is refused whole. One station's batches are taken in the order they came; once one is
 * refused, those already sent behind it are refused too (a child row's batch must never be appended
 * before its parent's), and the station sends them again from the refused one.
 */
import type { Socket } from 'socket.io';
import { Push, describeIssues, refusal, type ChangeT, type PushAnswerT, type RefusedChangeT } from '../sync/protocol';
import { parentKeys } from './push-parents';
import { judgePush, ledgerInsertKeys, refusedRowKeys, takeKnown } from './push-policy';
import type { Refusal } from './refusals';
import type { AppendResult, HubStore } from './store';

/** Refused changes of one push audited and made review tasks one by one; the rest are reported as one. */
export const REPORTED_PER_PUSH = 20;

export interface PushDeps {
  store: HubStore;
  now: () => number;
  masterDataFromStations: boolean;
  publish: (changes: readonly ChangeT[], from?: Socket) => Promise<AppendResult>;
  refuse: (r: Omit<Refusal, 'at'>) => void;
  /** Last seen and waiting-changes count of a device. */
  touch: (device: string, pending: number | undefined) => void;
  log: (line: string) => void;
}

/** Registers the 'push' handler on one station's socket. */
export function pushOn(deps: PushDeps, socket: Socket): void {
  const { store, now, refuse } = deps;

  /** A change the push policy refused: reported and put to the admin as a review task. */
  const refusedChange = async (device: string, r: RefusedChangeT & { change: ChangeT }): Promise<void> => {
    const { change } = r;
    refuse({
      kind: 'push', device, accountId: null, subject: `${change.table} ${change.rowId} (change ${change.id})`, code: r.code, reason: r.reason,
      source: socket.handshake.address,
    });
    const at = now();
    await store.putTask({
      key: `refused_change:${change.id}`, kind: 'refused_change', createdAt: at, updatedAt: at, resolvedAt: null,
      details: { device, changeId: change.id, table: change.table, rowId: change.rowId, op: change.op, code: r.code, reason: r.reason },
    });
  };

  const takePush = async (payload: unknown): Promise<PushAnswerT> => {
    if (!socket.data.device) return refusal('HELLO_REQUIRED', 'say hello first');
    const push = Push.safeParse(payload);
    if (!push.success) return refusal('BAD_MESSAGE', describeIssues(push.error));
    const device = String(socket.data.device);
    const foreign = push.data.changes.find((c) => c.device !== device);
    if (foreign) return refusal('BAD_MESSAGE', `device ${device} may push only its own changes, not ${foreign.device}'s`);
    try {
      const [ledgerRows, parentRows] = await Promise.all([
        store.changeIdsOf(ledgerInsertKeys(push.data.changes)), store.insertedRows(parentKeys(push.data.changes)),
      ]);
      const judged = judgePush(push.data.changes, { device, now: now(), masterDataFromStations: deps.masterDataFromStations, ledgerRows, parentRows });
      const verdict = judged.refused.length > 0 ? takeKnown(push.data.changes, judged, await store.changeIdsOf(refusedRowKeys(judged))) : judged;
      const { acks } = verdict.taken.length > 0 ? await deps.publish(verdict.taken, socket) : { acks: [] };
      // Each refused change is audited and made a task, up to a bound per batch: a batch of a
      // thousand crafted changes must not become a thousand audit rows on every desk.
      for (const r of verdict.refused.slice(0, REPORTED_PER_PUSH)) await refusedChange(device, r);
      const unreported = verdict.refused.length - REPORTED_PER_PUSH;
      if (unreported > 0) {
        refuse({ kind: 'push', device, accountId: null, subject: `${unreported} more changes of one push`, code: 'BAD_MESSAGE', reason: `${verdict.refused.length} changes of one push refused; the first ${REPORTED_PER_PUSH} are reported one by one`, source: socket.handshake.address });
      }
      deps.touch(device, push.data.pending);
      return { ok: true, acks, refused: verdict.refused.map(({ id, code, reason }) => ({ id, code, reason })) };
    } catch (err) {
      return refusal('HUB_ERROR', err instanceof Error ? err.message : String(err));
    }
  };

  // A station may send its next batch before this one is answered: taken in order, one at a time.
  const pushes = { chain: Promise.resolve(), queued: 0, broken: false };
  socket.on('push', (payload: unknown, fn: unknown) => {
    const ack = typeof fn === 'function' ? (fn as (answer: PushAnswerT) => void) : () => undefined;
    pushes.queued += 1;
    const release = store.holdProjection();
    pushes.chain = pushes.chain.then(async () => {
      try {
        if (pushes.broken) return ack(refusal('HUB_ERROR', 'a batch sent before this one was refused: send again from it'));
        const answer = await takePush(payload);
        if (!answer.ok) pushes.broken = true;
        ack(answer);
      } finally {
        release();
        pushes.queued -= 1;
        if (pushes.queued === 0) pushes.broken = false;
      }
    }).catch((err: unknown) => deps.log(`push of ${String(socket.data.device)} failed: ${err instanceof Error ? err.message : String(err)}`));
  });
}
