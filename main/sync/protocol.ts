/**
 * The sync protocol between a station and the hub (socket.io events with acknowledgements),
 * shared by both ends and checked with zod on both ends.
 *
 *   station → hub  'hello' Hello            ack HelloAnswer    (first, before anything else)
 *   station → hub  'push'  Push             ack PushAnswer     (seq per change id; idempotent; refused changes with their reason)
 *   station → hub  'pull'  Pull             ack PullAnswer     (changes after a cursor, seq order)
 *   station → hub  'pair'  Pair             ack PairChallenge  (once, a key exchange keyed by the code an admin asked for:
 *   station → hub  'pair-confirm' PairConfirm ack PairAnswer   main/sync/pake.ts; the code itself never goes over the wire)
 *   station → hub  'auth'  Auth             ack AuthAnswer     (a person's password, checked at the hub: a person token; after hello)
 *   station → hub  'call'  Call             ack CallAnswer     (an `at: 'hub'` procedure, with the person token; after hello)
 *   hub → station  'changes' Broadcast                         (live: changes other stations pushed)
 *   hub → station  'refused' SyncError                         (then the hub drops the connection: revoked)
 *
 * A change is one change-log row: the hub's global `seq` is null until the hub has it.
 * Column values are what SQLite stores (text, integer, real, null), keyed by column name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SQLITE_MIGRATIONS } from '../../db/migrations-path';
import { ERROR_CODES } from '../domain/errors';
import { MAC_PATTERN, SHARE_PATTERN } from './pake';

/**
 * 2: pairing is a key exchange keyed by the code (main/sync/pake.ts), no longer the code in clear.
 * 3: a push's refused change may carry MISSING_PARENT (an older desk could not read the answer).
 */
export const PROTOCOL_VERSION = 3;

/** Refusals a hub can answer with; the station shows them in its sync status. */
export const SYNC_ERROR_CODES = [
  'SCHEMA_MISMATCH', 'PROTOCOL_MISMATCH', 'UNPAIRED', 'REVOKED', 'BAD_PAIRING_CODE', 'PAIRING_THROTTLED', 'DEVICE_TAKEN', 'HELLO_REQUIRED', 'BAD_MESSAGE', 'HUB_ERROR', 'CERT_MISMATCH', 'READ_ONLY_TABLE',
  // One change of a push refused by the hub's checks (main/hub/push-policy.ts); the rest of the batch is taken.
  'UNKNOWN_TABLE', 'UNKNOWN_COLUMN', 'BAD_ROW_ID', 'FOREIGN_HLC', 'FUTURE_HLC', 'LEDGER_REWRITE', 'FOREIGN_DEVICE', 'FOREIGN_NUMBER', 'QUEUE_NUMBER',
  // Pairing refused at once: the station holds master data of its own that this hub does not have.
  'MASTER_DATA_ELSEWHERE',
  // A pushed row whose parent (a foreign key) the hub does not have, or refused in the same push.
  'MISSING_PARENT',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];
export const SyncError = z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string() });
export type SyncErrorT = z.infer<typeof SyncError>;

export const ColumnValue = z.union([z.string(), z.number(), z.null()]);
export const Columns = z.record(z.string(), ColumnValue);

export const Change = z.object({
  id: z.string().min(1).max(64),
  hlc: z.string().regex(/^\d{15}-[0-9a-f]{4}-.+$/),
  device: z.string().min(1).max(16),
  table: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  rowId: z.string().min(1).max(200),
  op: z.enum(['insert', 'update']),
  columns: Columns,
  seq: z.number().int().positive().nullable(),
});
export type ChangeT = z.infer<typeof Change>;
/** A change as the hub hands it out: always with its sequence number. */
export const SequencedChange = Change.extend({ seq: z.number().int().positive() });
export type SequencedChangeT = z.infer<typeof SequencedChange>;

export const MAX_BATCH = 1000;

export const Hello = z.object({
  protocol: z.number().int(),
  device: z.string().min(1).max(16),
  /** Device credential from pairing (null before pairing). */
  credential: z.string().max(200).nullable(),
  /** Number of station migrations (db/migrations/sqlite/meta/_journal.json). */
  schemaVersion: z.number().int().nonnegative(),
  /** Changes waiting on the station to be pushed (shown on the hub's device list). */
  pending: z.number().int().nonnegative().optional(),
  /** The station's own wall clock (UTC ms) as it says hello: the hub lists how far it is off. */
  clock: z.number().int().nonnegative().optional(),
});
export type HelloT = z.infer<typeof Hello>;

const Refused = z.object({ ok: z.literal(false), error: SyncError });

export const HelloAnswer = z.discriminatedUnion('ok', [
  /** `serverTime`: the hub's clock (UTC ms) when it answered; the station measures its own clock against it. */
  z.object({ ok: z.literal(true), hub: z.string(), schemaVersion: z.number().int(), lastSeq: z.number().int().nonnegative(), serverTime: z.number() }),
  Refused,
]);
export type HelloAnswerT = z.infer<typeof HelloAnswer>;

/**
 * station → hub 'pair': join the hub once. The station proves it knows the code an admin asked
 * for without sending it: `share` is its SPAKE2 share masked by the code (main/sync/pake.ts).
 * The hub answers with its own share and a MAC over the transcript, which names the certificate
 * it presents; then the station sends its MAC ('pair-confirm') and gets a device credential.
 */
export const Pair = z.object({
  protocol: z.number().int(),
  device: z.string().regex(/^[A-Z][A-Z0-9]{0,2}$/),
  share: z.string().regex(SHARE_PATTERN),
  /**
   * Master data this station wrote itself (a demo, a clinic started on its own), which it would
   * send the hub once paired: how many changes, and a sample of them. A hub that does not hold
   * them refuses the pairing at once (MASTER_DATA_ELSEWHERE) instead of refusing them one by one.
   */
  ownMasterData: z.object({
    count: z.number().int().positive(),
    sample: z.array(z.object({ id: z.string().min(1).max(64), table: z.string().max(64), rowId: z.string().min(1).max(200) })).min(1).max(20),
  }).optional(),
});
export type PairT = z.infer<typeof Pair>;
export const PairChallenge = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), share: z.string().regex(SHARE_PATTERN), mac: z.string().regex(MAC_PATTERN) }),
  Refused,
]);
export type PairChallengeT = z.infer<typeof PairChallenge>;
/** station → hub 'pair-confirm': the station's MAC, after it checked the hub's. */
export const PairConfirm = z.object({ mac: z.string().regex(MAC_PATTERN) });
export type PairConfirmT = z.infer<typeof PairConfirm>;
export const PairAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), hub: z.string(), credential: z.string().min(32) }),
  Refused,
]);
export type PairAnswerT = z.infer<typeof PairAnswer>;

export const Push = z.object({
  changes: z.array(Change).min(1).max(MAX_BATCH),
  /** Changes still waiting on the station once this batch is in (shown on the hub's device list). */
  pending: z.number().int().nonnegative().optional(),
});
export type PushT = z.infer<typeof Push>;
/** One change of a push the hub did not take, and why: the station sets it aside and shows it. */
export const RefusedChange = z.object({ id: z.string(), code: z.enum(SYNC_ERROR_CODES), reason: z.string() });
export type RefusedChangeT = z.infer<typeof RefusedChange>;
/**
 * `acks`: the changes taken (new or already known), with their seqs; `refused`: the changes of the
 * batch the hub's checks refused (never appended). Every change of the batch is in one or the other.
 */
export const PushAnswer = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    acks: z.array(z.object({ id: z.string(), seq: z.number().int().positive() })),
    refused: z.array(RefusedChange).optional(),
  }),
  Refused,
]);
export type PushAnswerT = z.infer<typeof PushAnswer>;

export const Pull = z.object({
  after: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_BATCH),
  /** Bootstrapping: a page of the hub's snapshot up to this seq (main/hub/snapshot.ts), not of the whole log. */
  upto: z.number().int().nonnegative().optional(),
  /**
   * Following the log: leave out the asker's own changes (it has them all; it merged them again
   * when they were acknowledged). Ignored with `upto`: a snapshot is whole.
   */
  others: z.boolean().optional(),
});
export type PullT = z.infer<typeof Pull>;
export const PullAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), changes: z.array(SequencedChange), cursor: z.number().int().nonnegative(), more: z.boolean() }),
  Refused,
]);
export type PullAnswerT = z.infer<typeof PullAnswer>;

/**
 * station → hub 'auth': a person logging in at a desk proves it to the hub with the password; the
 * hub answers a token it signed (main/hub/person-token.ts) for this device's socket only.
 */
export const Auth = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type AuthT = z.infer<typeof Auth>;
const CallError = z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });
export const AuthAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), token: z.string().min(1).max(2000), accountId: z.string(), expiresAt: z.number() }),
  z.object({ ok: z.literal(false), error: CallError }),
]);
export type AuthAnswerT = z.infer<typeof AuthAnswer>;

/**
 * station → hub 'call': an `at: 'hub'` procedure, checked at the station, run at the hub as the
 * person the token proves (never an account id the station names). Without a valid token the
 * hub runs nothing: the station's device credential alone can only push and pull.
 */
export const Call = z.object({
  procedure: z.string().min(1).max(100),
  input: z.unknown(),
  token: z.string().min(1).max(2000).optional(),
});
export type CallT = z.infer<typeof Call>;
/** The procedure's own Result: `{ok, value}` or a structured error the UI translates. */
export const CallAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: CallError }),
]);
export type CallAnswerT = z.infer<typeof CallAnswer>;

export const Broadcast = z.object({ changes: z.array(SequencedChange).min(1) });
export type BroadcastT = z.infer<typeof Broadcast>;

export function refusal(code: SyncErrorCode, message: string): { ok: false; error: SyncErrorT } {
  return { ok: false, error: { code, message } };
}

/** Turns a zod failure into a BAD_MESSAGE refusal text (first few issues). */
export function describeIssues(err: z.ZodError): string {
  return err.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

let cachedVersion: number | undefined;
/** The station schema version: how many SQLite migrations exist. Station and hub must agree. */
export function schemaVersion(): number {
  if (cachedVersion === undefined) {
    const journal = JSON.parse(
      readFileSync(join(SQLITE_MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    cachedVersion = journal.entries.length;
  }
  return cachedVersion;
}
