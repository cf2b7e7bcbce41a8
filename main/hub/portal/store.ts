/**
 * The patient portal's hub-only tables (PGlite or PostgreSQL; never replicated to desks):
 * patient accounts (phone + argon2id hash), their sessions (only a hash of each token is kept),
 * the family members each account may act for, and the front desk's one-time activation codes
 * (only a hash of each code is kept). Created with the hub's other tables (HUB_DDL).
 */
import { createHash } from 'node:crypto';
import type { Big, Sql } from '../log-rows';

export const PORTAL_DDL = `
CREATE TABLE IF NOT EXISTS portal_accounts (
  id text PRIMARY KEY,
  phone text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS portal_sessions (
  token_hash text PRIMARY KEY,
  account_id text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS portal_sessions_account ON portal_sessions (account_id);
CREATE TABLE IF NOT EXISTS portal_members (
  account_id text NOT NULL,
  patient_id text NOT NULL,
  self boolean NOT NULL,
  registered_by_patient boolean NOT NULL,
  added_at bigint NOT NULL,
  PRIMARY KEY (account_id, patient_id)
);
CREATE TABLE IF NOT EXISTS portal_activation_codes (
  code_hash text PRIMARY KEY,
  patient_id text NOT NULL,
  issued_by text NOT NULL,
  issued_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint
);
CREATE TABLE IF NOT EXISTS portal_kiosks (
  token_hash text PRIMARY KEY,
  name text NOT NULL,
  issued_by text NOT NULL,
  issued_at bigint NOT NULL,
  revoked_at bigint
);
ALTER TABLE portal_kiosks ADD COLUMN IF NOT EXISTS last_used_at bigint;
`;

/** A kiosk's last use is written at most this often (each of its calls would otherwise write). */
export const KIOSK_USE_EVERY_MS = 60_000;

export interface KioskRow { name: string; issuedBy: string; issuedAt: number; lastUsedAt: number | null; revokedAt: number | null }

/** SHA-256 hex of a session token or activation code: the tables never hold either. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface RatingRow { visitId: string; stars: number; comment: string; createdAt: number }

export interface PortalAccountRow { id: string; phone: string; passwordHash: string }
export interface MemberRow { patientId: string; self: boolean; registeredByPatient: boolean; addedAt: number }

/** The portal's reads and writes, each one statement (atomic on its own). */
export class PortalStore {
  constructor(private readonly sql: Sql) {}

  /** Claims the phone number for a new account; false when it already has one. */
  async createAccount(id: string, phone: string, passwordHash: string, at: number): Promise<boolean> {
    const r = await this.sql.query<{ id: string }>(
      'INSERT INTO portal_accounts (id, phone, password_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (phone) DO NOTHING RETURNING id',
      [id, phone, passwordHash, at],
    );
    return r.rows.length === 1;
  }

  /** Undoes createAccount when the rest of opening the account failed. */
  async dropAccount(id: string): Promise<void> {
    await this.sql.query('DELETE FROM portal_members WHERE account_id = $1', [id]);
    await this.sql.query('DELETE FROM portal_sessions WHERE account_id = $1', [id]);
    await this.sql.query('DELETE FROM portal_accounts WHERE id = $1', [id]);
  }

  async accountByPhone(phone: string): Promise<PortalAccountRow | undefined> {
    const r = (await this.sql.query<{ id: string; phone: string; password_hash: string }>('SELECT id, phone, password_hash FROM portal_accounts WHERE phone = $1', [phone])).rows[0];
    return r && { id: r.id, phone: r.phone, passwordHash: r.password_hash };
  }

  async phoneOf(accountId: string): Promise<string | undefined> {
    return (await this.sql.query<{ phone: string }>('SELECT phone FROM portal_accounts WHERE id = $1', [accountId])).rows[0]?.phone;
  }

  async startSession(tokenHash: string, accountId: string, at: number, expiresAt: number): Promise<void> {
    await this.sql.query('INSERT INTO portal_sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, accountId, at, expiresAt]);
  }

  /** The account of a live session, or undefined (unknown, or expired: then it is removed). */
  async sessionAccount(tokenHash: string, now: number): Promise<string | undefined> {
    const r = (await this.sql.query<{ account_id: string; expires_at: Big }>('SELECT account_id, expires_at FROM portal_sessions WHERE token_hash = $1', [tokenHash])).rows[0];
    if (!r) return undefined;
    if (Number(r.expires_at) <= now) {
      await this.endSession(tokenHash);
      return undefined;
    }
    return r.account_id;
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.sql.query('DELETE FROM portal_sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** Log-out everywhere: every session of the account; answers how many there were. */
  async endAllSessions(accountId: string): Promise<number> {
    return (await this.sql.query<{ token_hash: string }>('DELETE FROM portal_sessions WHERE account_id = $1 RETURNING token_hash', [accountId])).rows.length;
  }

  async addMember(accountId: string, patientId: string, self: boolean, registeredByPatient: boolean, at: number): Promise<void> {
    await this.sql.query(
      'INSERT INTO portal_members (account_id, patient_id, self, registered_by_patient, added_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [accountId, patientId, self, registeredByPatient, at],
    );
  }

  async members(accountId: string): Promise<MemberRow[]> {
    const r = await this.sql.query<{ patient_id: string; self: boolean; registered_by_patient: boolean; added_at: Big }>(
      'SELECT patient_id, self, registered_by_patient, added_at FROM portal_members WHERE account_id = $1 ORDER BY self DESC, added_at, patient_id', [accountId],
    );
    return r.rows.map((m) => ({ patientId: m.patient_id, self: m.self, registeredByPatient: m.registered_by_patient, addedAt: Number(m.added_at) }));
  }

  /** A new code for the patient; the patient's earlier codes not used yet stop working now (a lost slip is void once a new one is made). */
  async putActivationCode(codeHash: string, patientId: string, issuedBy: string, at: number, expiresAt: number): Promise<void> {
    await this.sql.query('UPDATE portal_activation_codes SET expires_at = $2 WHERE patient_id = $1 AND used_at IS NULL AND expires_at > $2', [patientId, at]);
    await this.sql.query(
      'INSERT INTO portal_activation_codes (code_hash, patient_id, issued_by, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [codeHash, patientId, issuedBy, at, expiresAt],
    );
  }

  /** Uses the code once, atomically: its patient when it is known, unused and unexpired; else undefined. */
  async useActivationCode(codeHash: string, now: number): Promise<string | undefined> {
    const r = await this.sql.query<{ patient_id: string }>(
      'UPDATE portal_activation_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING patient_id', [codeHash, now],
    );
    return r.rows[0]?.patient_id;
  }

  /** Gives a used code back (the account it was used for could not be opened). */
  async releaseActivationCode(codeHash: string): Promise<void> {
    await this.sql.query('UPDATE portal_activation_codes SET used_at = NULL WHERE code_hash = $1', [codeHash]);
  }

  /** Keeps a rating of a visit; false when the visit was rated before (nothing written then). */
  async rate(r: { visitId: string; doctorId: string; patientId: string; accountId: string; stars: number; comment: string; at: number }): Promise<boolean> {
    const out = await this.sql.query<{ visit_id: string }>(
      `INSERT INTO portal_ratings (visit_id, doctor_id, patient_id, account_id, stars, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (visit_id) DO NOTHING RETURNING visit_id`,
      [r.visitId, r.doctorId, r.patientId, r.accountId, r.stars, r.comment, r.at],
    );
    return out.rows.length === 1;
  }

  /** The ratings of these visits. */
  async ratingsOf(visitIds: readonly string[]): Promise<Map<string, RatingRow>> {
    if (visitIds.length === 0) return new Map();
    const r = await this.sql.query<{ visit_id: string; stars: number; comment: string; created_at: Big }>(
      'SELECT visit_id, stars, comment, created_at FROM portal_ratings WHERE visit_id = ANY($1::text[])', [visitIds],
    );
    return new Map(r.rows.map((x) => [x.visit_id, { visitId: x.visit_id, stars: Number(x.stars), comment: x.comment, createdAt: Number(x.created_at) }]));
  }

  /** Every rated doctor's average (1–5) and count. */
  async doctorRatings(): Promise<Map<string, { average: number; count: number }>> {
    const r = await this.sql.query<{ doctor_id: string; average: string | number; count: Big }>(
      'SELECT doctor_id, avg(stars) AS average, count(*) AS count FROM portal_ratings GROUP BY doctor_id',
    );
    return new Map(r.rows.map((x) => [x.doctor_id, { average: Math.round(Number(x.average) * 10) / 10, count: Number(x.count) }]));
  }

  /** A self check-in kiosk's token (hashed), issued by an admin. */
  async putKiosk(tokenHash: string, name: string, issuedBy: string, at: number): Promise<void> {
    await this.sql.query('INSERT INTO portal_kiosks (token_hash, name, issued_by, issued_at) VALUES ($1, $2, $3, $4)', [tokenHash, name, issuedBy, at]);
  }

  /**
   * The kiosk's name when the token is one an admin issued and has not revoked; with `usedAt`, its
   * last use is noted too (at most once a minute).
   */
  async kioskName(tokenHash: string, usedAt?: number): Promise<string | undefined> {
    if (usedAt !== undefined) {
      const used = await this.sql.query<{ name: string }>(
        `UPDATE portal_kiosks SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at <= $3)
          RETURNING name`, [tokenHash, usedAt, usedAt - KIOSK_USE_EVERY_MS],
      );
      if (used.rows[0]) return used.rows[0].name;
    }
    return (await this.sql.query<{ name: string }>('SELECT name FROM portal_kiosks WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash])).rows[0]?.name;
  }

  /** Every kiosk token issued (revoked ones too), newest first. */
  async kiosks(): Promise<KioskRow[]> {
    const r = await this.sql.query<{ name: string; issued_by: string; issued_at: Big; last_used_at: Big | null; revoked_at: Big | null }>(
      'SELECT name, issued_by, issued_at, last_used_at, revoked_at FROM portal_kiosks ORDER BY issued_at DESC, name',
    );
    const n = (v: Big | null) => (v === null ? null : Number(v));
    return r.rows.map((x) => ({ name: x.name, issuedBy: x.issued_by, issuedAt: Number(x.issued_at), lastUsedAt: n(x.last_used_at), revokedAt: n(x.revoked_at) }));
  }

  /** Whether a kiosk of that name may work now (a token of it not revoked). */
  async kioskLive(name: string): Promise<boolean> {
    return (await this.sql.query('SELECT 1 FROM portal_kiosks WHERE name = $1 AND revoked_at IS NULL', [name])).rows.length > 0;
  }

  /** Revokes every kiosk token of that name; answers how many. */
  async revokeKiosk(name: string, at: number): Promise<number> {
    return (await this.sql.query<{ token_hash: string }>('UPDATE portal_kiosks SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL RETURNING token_hash', [name, at])).rows.length;
  }
}
