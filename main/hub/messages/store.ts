/**
 * The message outbox and the SMS provider keys: hub-only tables (PGlite or PostgreSQL, never
 * replicated; keys never leave the hub). A message is queued once per dedupe key (one reminder
 * per appointment), claimed for sending by one statement (status queued → sending), and ends
 * sent, failed (with the provider's reason) or called (ticked off on the front desk's call list).
 * A message found 'sending' after a restart may have reached the provider: it is never sent again
 * (marked failed, 'interrupted'), so none is sent twice.
 */
import type { Big, Sql } from '../log-rows';
import { TEMPLATES_DDL, TemplateStore } from './template-store';
import type { MessageKind, MessageLanguage } from './templates';

export const MESSAGES_DDL = `
CREATE TABLE IF NOT EXISTS hub_messages (
  id text PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  kind text NOT NULL,
  patient_id text NOT NULL,
  patient_name text NOT NULL,
  phone text,
  language text NOT NULL,
  body text NOT NULL,
  params jsonb NOT NULL,
  day text NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint NOT NULL,
  provider text,
  provider_ref text,
  reason text,
  created_at bigint NOT NULL,
  sent_at bigint,
  called_at bigint,
  called_by text
);
CREATE INDEX IF NOT EXISTS hub_messages_due ON hub_messages (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS hub_messages_day ON hub_messages (day);
CREATE TABLE IF NOT EXISTS hub_sms_providers (
  provider text PRIMARY KEY,
  keys jsonb NOT NULL,
  updated_at bigint NOT NULL,
  last_error text,
  last_error_at bigint
);
CREATE TABLE IF NOT EXISTS hub_patient_messaging (
  patient_id text PRIMARY KEY,
  opted_out boolean NOT NULL DEFAULT false,
  language text NOT NULL DEFAULT 'zh-CN',
  updated_at bigint NOT NULL
);
${TEMPLATES_DDL}`;

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'called'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface NewMessage {
  id: string;
  dedupeKey: string;
  kind: MessageKind;
  patientId: string;
  patientName: string;
  phone: string | null;
  language: MessageLanguage;
  body: string;
  params: string[];
  /** The clinic day it is about (the call list's day). */
  day: string;
}

export interface MessageRow extends NewMessage {
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: number;
  provider: string | null;
  providerRef: string | null;
  reason: string | null;
  createdAt: number;
  sentAt: number | null;
  calledAt: number | null;
}

interface RawMessage {
  id: string; dedupe_key: string; kind: MessageKind; patient_id: string; patient_name: string; phone: string | null; language: MessageLanguage;
  body: string; params: string[]; day: string; status: MessageStatus; attempts: number; next_attempt_at: Big; provider: string | null;
  provider_ref: string | null; reason: string | null; created_at: Big; sent_at: Big | null; called_at: Big | null;
}

const num = (v: Big | null) => (v === null ? null : Number(v));

function fromRaw(r: RawMessage): MessageRow {
  return {
    id: r.id, dedupeKey: r.dedupe_key, kind: r.kind, patientId: r.patient_id, patientName: r.patient_name, phone: r.phone, language: r.language,
    body: r.body, params: r.params, day: r.day, status: r.status, attempts: Number(r.attempts), nextAttemptAt: Number(r.next_attempt_at),
    provider: r.provider, providerRef: r.provider_ref, reason: r.reason, createdAt: Number(r.created_at), sentAt: num(r.sent_at), calledAt: num(r.called_at),
  };
}

export interface ProviderRow { provider: string; keys: Record<string, string>; updatedAt: number; lastError: string | null; lastErrorAt: number | null }

/** Each method one statement (atomic on its own). */
export class OutboxStore {
  constructor(private readonly sql: Sql) {}

  /** The clinic's message texts (what is queued from now on is written with them). */
  get templates(): TemplateStore {
    return new TemplateStore(this.sql);
  }

  /** Queues a message unless its dedupe key is already queued; true: new. */
  async enqueue(m: NewMessage, at: number): Promise<boolean> {
    const r = await this.sql.query<{ id: string }>(
      `INSERT INTO hub_messages (id, dedupe_key, kind, patient_id, patient_name, phone, language, body, params, day, status, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, 'queued', $11, $11) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [m.id, m.dedupeKey, m.kind, m.patientId, m.patientName, m.phone, m.language, m.body, JSON.stringify(m.params), m.day, at],
    );
    return r.rows.length === 1;
  }

  /** Which of these dedupe keys are in the outbox already (whatever their status). */
  async existingKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const r = await this.sql.query<{ dedupe_key: string }>('SELECT dedupe_key FROM hub_messages WHERE dedupe_key = ANY($1::text[])', [[...keys]]);
    return new Set(r.rows.map((x) => x.dedupe_key));
  }

  /** Queued messages due by `now` (oldest first), at most `limit`. */
  async due(now: number, limit: number): Promise<MessageRow[]> {
    return (await this.sql.query<RawMessage>(
      `SELECT * FROM hub_messages WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY created_at, id LIMIT $2`, [now, limit])).rows.map(fromRaw);
  }

  /** Claims a queued message for one send; false: someone else has (or it is no longer queued). */
  async claim(id: string, provider: string): Promise<boolean> {
    const r = await this.sql.query<{ id: string }>(
      `UPDATE hub_messages SET status = 'sending', provider = $2, attempts = attempts + 1 WHERE id = $1 AND status = 'queued' RETURNING id`, [id, provider]);
    return r.rows.length === 1;
  }

  async markSent(id: string, providerRef: string, at: number): Promise<void> {
    await this.sql.query(`UPDATE hub_messages SET status = 'sent', provider_ref = $2, sent_at = $3, reason = NULL WHERE id = $1 AND status = 'sending'`, [id, providerRef, at]);
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.sql.query(`UPDATE hub_messages SET status = 'failed', reason = $2 WHERE id = $1 AND status = 'sending'`, [id, reason.slice(0, 500)]);
  }

  /** Back to the queue, tried again at `nextAt` (the provider was not reached, or our keys failed). */
  async requeue(id: string, reason: string, nextAt: number): Promise<void> {
    await this.sql.query(`UPDATE hub_messages SET status = 'queued', reason = $2, next_attempt_at = $3 WHERE id = $1 AND status = 'sending'`, [id, reason.slice(0, 500), nextAt]);
  }

  /** Messages left 'sending' by a hub that stopped mid-send: they may have gone, so they are not sent again. */
  async failInterrupted(): Promise<number> {
    const r = await this.sql.query<{ id: string }>(
      `UPDATE hub_messages SET status = 'failed', reason = 'interrupted while sending: it may have reached the patient, so it is not sent again' WHERE status = 'sending' RETURNING id`);
    return r.rows.length;
  }

  /** Ticks a message off the call list. */
  async markCalled(id: string, by: string, at: number): Promise<boolean> {
    const r = await this.sql.query<{ id: string }>(
      `UPDATE hub_messages SET status = 'called', called_at = $3, called_by = $2 WHERE id = $1 AND status IN ('queued', 'failed') RETURNING id`, [id, by, at]);
    return r.rows.length === 1;
  }

  async list(opts: { day?: string; statuses?: readonly MessageStatus[]; limit?: number } = {}): Promise<MessageRow[]> {
    return (await this.sql.query<RawMessage>(
      `SELECT * FROM hub_messages WHERE ($1::text IS NULL OR day = $1) AND ($2::text[] IS NULL OR status = ANY($2::text[]))
       ORDER BY created_at DESC, id LIMIT $3`,
      [opts.day ?? null, opts.statuses ? [...opts.statuses] : null, opts.limit ?? 500])).rows.map(fromRaw);
  }

  async provider(): Promise<ProviderRow | undefined> {
    const r = (await this.sql.query<{ provider: string; keys: Record<string, string>; updated_at: Big; last_error: string | null; last_error_at: Big | null }>(
      'SELECT * FROM hub_sms_providers ORDER BY updated_at DESC LIMIT 1')).rows[0];
    return r && { provider: r.provider, keys: r.keys, updatedAt: Number(r.updated_at), lastError: r.last_error, lastErrorAt: num(r.last_error_at) };
  }

  /** The clinic's one SMS provider and its keys (replacing any other). */
  async setProvider(provider: string, keys: Record<string, string>, at: number): Promise<void> {
    await this.sql.query('DELETE FROM hub_sms_providers WHERE provider <> $1', [provider]);
    await this.sql.query(`INSERT INTO hub_sms_providers (provider, keys, updated_at) VALUES ($1, $2::jsonb, $3)
      ON CONFLICT (provider) DO UPDATE SET keys = excluded.keys, updated_at = excluded.updated_at, last_error = NULL, last_error_at = NULL`,
    [provider, JSON.stringify(keys), at]);
  }

  async providerFailed(provider: string, reason: string | null, at: number): Promise<void> {
    await this.sql.query('UPDATE hub_sms_providers SET last_error = $2, last_error_at = $3 WHERE provider = $1', [provider, reason, reason === null ? null : at]);
  }

  async preferences(patientIds: readonly string[]): Promise<Map<string, { optedOut: boolean; language: MessageLanguage }>> {
    if (patientIds.length === 0) return new Map();
    const r = await this.sql.query<{ patient_id: string; opted_out: boolean; language: MessageLanguage }>(
      'SELECT patient_id, opted_out, language FROM hub_patient_messaging WHERE patient_id = ANY($1::text[])', [[...patientIds]]);
    return new Map(r.rows.map((x) => [x.patient_id, { optedOut: x.opted_out, language: x.language }]));
  }

  async preference(patientId: string): Promise<{ optedOut: boolean; language: MessageLanguage; updatedAt: number } | undefined> {
    const r = (await this.sql.query<{ opted_out: boolean; language: MessageLanguage; updated_at: Big }>(
      'SELECT opted_out, language, updated_at FROM hub_patient_messaging WHERE patient_id = $1', [patientId])).rows[0];
    return r && { optedOut: r.opted_out, language: r.language, updatedAt: Number(r.updated_at) };
  }

  async setPreference(patientId: string, optedOut: boolean, language: MessageLanguage, at: number): Promise<void> {
    await this.sql.query(`INSERT INTO hub_patient_messaging (patient_id, opted_out, language, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (patient_id) DO UPDATE SET opted_out = excluded.opted_out, language = excluded.language, updated_at = excluded.updated_at`,
    [patientId, optedOut, language, at]);
  }
}
