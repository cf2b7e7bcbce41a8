/**
 * The full normal demo, made once: counts, identity numbers, search keys, integrity (foreign
 * keys, money, change log), the pharmacy's lists, and that every role can log in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openKeyed } from '../../db/cipher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../domain/dates';
import { ROLES } from '../domain/enums';
import { normalizePhone } from '../domain/phone';
import { pinyinKeys } from '../domain/pinyin';
import { parseResidentId } from '../domain/residentId';
import { dispatch } from '../station/dispatch';
import { Station } from '../station/station';
import { phoneColumns } from '../station/services/patients-fields';
import { REPLICATED_TABLES } from '../station/tables';
import { getTableName } from 'drizzle-orm';
import { createDemoClinic, DEMO_PASSWORD, type DemoSummary } from './index';
import { TEST_STATION_KEY } from '../station/keys.testing';

const NOW = Date.parse('2026-11-23T03:30:00Z'); // 11:30 in Shanghai, a Monday
let dir: string;
let file: string;
let summary: DemoSummary;
let db: Database.Database;
const all = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[];
const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-'));
  file = join(dir, 'demo.sqlite');
  summary = createDemoClinic(file, { key: TEST_STATION_KEY, seed: 42, now: NOW });
  db = openKeyed(file, TEST_STATION_KEY, { readonly: true });
}, 300_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the normal demo clinic', () => {
  it('has the clinic, its people and its catalogue', () => {
    const c = summary.counts;
    expect(summary.today).toBe('2026-11-23');
    expect(c['patients']).toBe(5000);
    expect(c['departments']).toBeGreaterThanOrEqual(8);
    expect(c['staff']).toBeGreaterThanOrEqual(20);
    expect(c['drugs']).toBeGreaterThanOrEqual(200);
    expect(c['exam_items']).toBeGreaterThanOrEqual(30);
    expect(c['beds']).toBeGreaterThan(0);
    const setting = one<{ value: string }>("SELECT value FROM settings WHERE key = 'clinicName'");
    expect(JSON.parse(setting.value)).toBe('康宁诊所');
    expect(JSON.parse(one<{ value: string }>("SELECT value FROM settings WHERE key = 'timeZone'").value)).toBe('Asia/Shanghai');
    const titles = all<{ title: string }>("SELECT DISTINCT title FROM staff WHERE position = 'doctor'").map((r) => r.title).sort();
    expect(titles).toEqual(['主任医师', '主治医师', '住院医师', '副主任医师'].sort());
  });

  it('has rosters from two weeks back to two weeks ahead, and appointments ahead', () => {
    const r = one<{ lo: string; hi: string }>('SELECT min(date) AS lo, max(date) AS hi FROM roster_sessions');
    expect(r.lo <= addDays(summary.today, -14)).toBe(true);
    expect(r.hi >= addDays(summary.today, 13)).toBe(true);
    const ahead = one<{ n: number }>(
      "SELECT count(*) AS n FROM appointments a JOIN roster_sessions s ON s.id = a.session_id WHERE s.date > ? AND a.status IN ('pending', 'confirmed')",
      summary.today,
    );
    expect(ahead.n).toBeGreaterThan(100);
  });

  it('has months of visits at believable daily volumes, and a queue going on today', () => {
    const days = all<{ d: string; n: number }>('SELECT visit_date AS d, count(*) AS n FROM visits GROUP BY 1');
    expect(days.length).toBeGreaterThan(80);
    const n = days.map((d) => d.n).sort((a, b) => a - b);
    expect(n[Math.floor(n.length / 2)]!).toBeGreaterThan(100);
    expect(n[Math.floor(n.length / 2)]!).toBeLessThan(400);
    const today = all<{ status: string }>('SELECT status FROM visits WHERE visit_date = ?', summary.today).map((r) => r.status);
    expect(today).toContain('waiting');
    expect(today).toContain('discharged');
    for (const t of ['medical_records', 'diagnoses', 'prescriptions', 'prescription_items', 'exam_orders', 'bills', 'payments', 'refunds', 'day_closes', 'admissions']) {
      expect(summary.counts[t], t).toBeGreaterThan(0);
    }
  });

  it('gives every patient a valid ID number that agrees with sex and birth date, and search keys', () => {
    const rows = all<{ name: string; sex: 'M' | 'F'; birth_date: string; id_number: string | null; phone: string | null; phone_rev: string | null; pinyin_full: string; pinyin_initials: string; record_no: string }>(
      'SELECT name, sex, birth_date, id_number, phone, phone_rev, pinyin_full, pinyin_initials, record_no FROM patients',
    );
    let withId = 0;
    const ids = new Set<string>();
    for (const p of rows) {
      if (p.id_number !== null) {
        withId++;
        const parsed = parseResidentId(p.id_number, summary.today);
        expect(parsed.sex, p.id_number).toBe(p.sex);
        expect(parsed.birthDate, p.id_number).toBe(p.birth_date);
        ids.add(p.id_number);
      }
      const keys = pinyinKeys(p.name);
      expect(p.pinyin_full).toBe(keys.full);
      expect(p.pinyin_initials).toBe(keys.initials);
      if (p.phone !== null) {
        expect(normalizePhone(p.phone)).toBe(p.phone);
        expect(p.phone_rev).toBe(phoneColumns(p.phone).phoneRev);
      }
    }
    expect(withId).toBeGreaterThan(rows.length * 0.9);
    expect(ids.size).toBe(withId);
    expect(new Set(rows.map((r) => r.record_no)).size).toBe(rows.length);
    expect(rows.some((r) => r.pinyin_initials.length === 4 && /^(欧阳|司马|诸葛|上官|东方|皇甫|司徒)/.test(r.name))
      || rows.some((r) => /^(欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|夏侯|尉迟|公孙|端木|长孙|司徒)/.test(r.name))).toBe(true);
  });

  it('keeps every foreign key and every money invariant', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM bills WHERE total_fen != insurance_fen + self_pay_fen OR insurance_fen > total_fen').n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM bills b WHERE total_fen != (SELECT sum(amount_fen) FROM bill_items i WHERE i.bill_id = b.id)').n).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM bills b WHERE status = 'paid' AND total_fen != (SELECT coalesce(sum(amount_fen), 0) FROM payments p WHERE p.bill_id = b.id)").n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM prescription_items WHERE amount_fen != quantity * unit_price_fen').n).toBe(0);
    // Stock never below zero on any batch.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM (SELECT batch_id, sum(quantity) AS q FROM stock_movements GROUP BY 1 HAVING q < 0)').n).toBe(0);
    // Days before today are closed; close totals match their payments.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM payments WHERE day_close_id IS NULL AND created_at < ?', summary.ms ? NOW - 86_400_000 : 0).n).toBe(0);
    const close = one<{ id: string; totals: string; payment_count: number }>('SELECT id, totals, payment_count FROM day_closes LIMIT 1');
    const paid = one<{ n: number; s: number }>('SELECT count(*) AS n, sum(amount_fen) AS s FROM payments WHERE day_close_id = ?', close.id);
    expect(close.payment_count).toBe(paid.n);
    expect(JSON.parse(close.totals).paidFen).toBe(paid.s);
  });

  it('gives every replicated row exactly its change-log entry, with the row as written', () => {
    for (const table of REPLICATED_TABLES) {
      const name = getTableName(table);
      const key = name === 'settings' ? 'key' : 'id';
      const rows = one<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`).n;
      const logged = one<{ n: number }>(`SELECT count(DISTINCT row_id) AS n FROM change_log WHERE table_name = ? AND row_id IN (SELECT ${key} FROM "${name}")`, name).n;
      expect(logged, name).toBe(rows);
    }
    expect(one<{ n: number }>('SELECT count(*) AS n FROM change_log').n).toBe(
      REPLICATED_TABLES.reduce((s, t) => s + summary.counts[getTableName(t)]!, 0),
    );
    const sample = all<{ table_name: string; row_id: string; columns: string }>(
      "SELECT table_name, row_id, columns FROM change_log WHERE table_name IN ('patients', 'payments', 'visits', 'drugs', 'accounts') ORDER BY hlc LIMIT 4000",
    );
    for (const entry of sample) {
      const row = one<Record<string, unknown>>(`SELECT * FROM "${entry.table_name}" WHERE id = ?`, entry.row_id);
      const logged = JSON.parse(entry.columns) as Record<string, unknown>;
      // Every logged column as stored; a column left out was written as its default (the Writer logs what it was given).
      for (const [col, value] of Object.entries(logged)) expect(row[col], `${entry.table_name}.${col}`).toEqual(value);
      if (entry.table_name !== 'drugs' && entry.table_name !== 'accounts') {
        for (const [col, value] of Object.entries(row)) if (value !== null) expect(logged[col], `${entry.table_name}.${col}`).toEqual(value);
      }
    }
    const hlcs = all<{ hlc: string }>('SELECT hlc FROM change_log').map((r) => r.hlc);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });

  it('leaves a few drugs low and a few batches expiring, for the pharmacy lists', () => {
    const low = all<{ name: string }>(
      'SELECT d.name FROM drugs d JOIN stock_movements m ON m.drug_id = d.id GROUP BY d.id HAVING sum(m.quantity) < d.low_stock_threshold',
    );
    expect(low.length).toBeGreaterThanOrEqual(3);
    const expiring = all<{ id: string }>(
      'SELECT b.id FROM stock_batches b WHERE b.expiry_date <= ? AND (SELECT sum(quantity) FROM stock_movements m WHERE m.batch_id = b.id) > 0',
      addDays(summary.today, 90),
    );
    expect(expiring.length).toBeGreaterThanOrEqual(3);
  });

  it('has an account for every role, and each logs in with the demo password', async () => {
    for (const role of ROLES) expect(summary.accounts.some((a) => a.roles.includes(role)), role).toBe(true);
    const station = new Station({ key: TEST_STATION_KEY, file, now: () => NOW });
    try {
      for (const role of ROLES) {
        const account = summary.accounts.find((a) => a.roles.includes(role))!;
        const r = await dispatch(station, { token: null }, 'accounts.login', { username: account.username, password: DEMO_PASSWORD });
        expect(r.ok, `${account.username}: ${JSON.stringify(r)}`).toBe(true);
        if (r.ok) expect(r.value.roles).toContain(role);
      }
      const wrong = await dispatch(station, { token: null }, 'accounts.login', { username: 'admin', password: 'wrong-password1' });
      expect(wrong.ok).toBe(false);
    } finally {
      station.close();
    }
  });
});
