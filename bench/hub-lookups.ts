/**
 * Lookups at the hub on PGlite at 1,000,000+ rows: the audit trail (1,200,000 rows over a year)
 * and appointments (1,000,000 over a year of 40 doctors' sessions), paged by keyset cursor with
 * the filters an admin uses; the first page and pages deep in the list (a cursor taken half-way
 * and near the end), N runs each, p50/p95 per page. The data is made once in
 * bench/out/hub-lookups-pglite/ so a rerun only times. Runs the same page functions the
 * `lookup.*` handlers run, on a bare PGlite connection.
 *
 *   npx tsx bench/hub-lookups.ts      writes the section '## Hub lookups' of bench/RESULTS.md
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, startOfLocalDay } from '../main/domain/dates';
import { STATS_INDEXES_DDL } from '../main/hub/stats/indexes';
import { hubTablesDdl } from '../main/hub/pg-schema';
import type { SortKey } from '../main/hub/lookups/cursor';
import { pageAudit } from '../main/hub/lookups/lists-audit';
import { pageAppointments } from '../main/hub/lookups/lists-clinic';
import type { Page } from '../main/hub/lookups/page';
import { openPglite } from './hub-stats';
import { clinicSql, DEPARTMENTS, DOCTORS, id, idOf, K as STATS_K, TIME_ZONE, TODAY } from './hub-stats-data';
import { load, ms, OUT, stats, table, writeResultsSection } from './lib';

const DAYS = 365;
const FROM = addDays(TODAY, -(DAYS - 1));
const AUDIT = 1_200_000;
const APPOINTMENTS = 1_000_000;
const PEOPLE = 30;
const PATIENTS = 200_000;
const RUNS = 20;
const LIMIT = 50;
const TARGET_MS = 1000;
/** The kinds of hub-stats-data, and this bench's own. */
const K = { ...STATS_K, account: 20, audit: 21 };

export function steps(): { label: string; sql: string }[] {
  const firstMs = startOfLocalDay(FROM, TIME_ZONE);
  const ddl = hubTablesDdl().split(';\n').map((s) => s.trim()).filter(Boolean);
  return [
    { label: 'tables', sql: ddl.filter((s) => s.startsWith('CREATE TABLE')).join(';\n') },
    { label: 'master data', sql: [
      ...clinicSql(),
      `INSERT INTO accounts (id, username, password_hash, roles, staff_id, active, created_at, updated_at)
        SELECT ${id(K.account, 'i')}, 'user' || i, 'x', '["receptionist"]', ${id(K.doc, `i % ${DOCTORS}`)}, 1, 0, 0 FROM generate_series(0, ${PEOPLE - 1}) i`,
      `INSERT INTO roster_sessions (id, date, period, doctor_id, department_id, capacity, stopped, created_at, updated_at)
        SELECT ${id(K.session, 's')}, to_char(date '${FROM}' + (s / ${DOCTORS})::int, 'YYYY-MM-DD'), 'full_day',
          ${id(K.doc, `s % ${DOCTORS}`)}, ${id(K.dep, `(s % ${DOCTORS}) / ${DOCTORS / DEPARTMENTS}`)}, 60, 0, 0, 0
        FROM generate_series(0, ${DAYS * DOCTORS - 1}) s`,
      `INSERT INTO patients (id, record_no, name, sex, insurance_type, pinyin_full, pinyin_initials, created_at, updated_at)
        SELECT ${id(K.patient, 'i')}, 'H' || i, '患者' || i, 'F', 'self_pay', '', '', 0, 0 FROM generate_series(1, ${PATIENTS}) i`,
    ].join(';\n') },
    { label: 'appointments', sql: `
      INSERT INTO appointments (id, patient_id, session_id, status, source, created_at, updated_at)
      SELECT ${id(K.appt, 'i')}, ${id(K.patient, `1 + (i * 7919) % ${PATIENTS}`)}, ${id(K.session, `(i * ${DAYS * DOCTORS}::bigint / ${APPOINTMENTS})`)},
        (ARRAY['completed', 'completed', 'completed', 'confirmed', 'pending', 'cancelled', 'no_show'])[1 + i % 7],
        (ARRAY['phone', 'counter', 'online'])[1 + i % 3], 0, 0
      FROM generate_series(0::bigint, ${APPOINTMENTS - 1}::bigint) i` },
    { label: 'audit trail', sql: `
      INSERT INTO audit_log (id, at, account_id, device, action, entity, entity_id, patient_id, procedure)
      SELECT ${id(K.audit, 'i')}, ${firstMs}::bigint + i * ${Math.floor((DAYS * 86_400_000) / AUDIT)}, ${id(K.account, `(i * 31) % ${PEOPLE}`)},
        'D' || (i % 12), (ARRAY['read', 'read', 'read', 'update', 'create', 'print'])[1 + i % 6], 'patient', 'x',
        ${id(K.patient, `1 + (i * 104729) % ${PATIENTS}`)}, 'patients.get'
      FROM generate_series(0::bigint, ${AUDIT - 1}::bigint) i` },
    { label: 'indexes', sql: [...ddl.filter((s) => s.startsWith('CREATE INDEX')), ...STATS_INDEXES_DDL].join(';\n') },
    { label: 'analyze', sql: 'ANALYZE' },
  ];
}

type Db = Awaited<ReturnType<typeof openPglite>>;

async function ensureData(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)');
  const tag = JSON.stringify({ AUDIT, APPOINTMENTS, DAYS });
  const done = (await db.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'scale'`)).rows[0];
  if (done?.value === tag) {
    await db.exec(STATS_INDEXES_DDL.join(';\n'));
    return;
  }
  for (const s of steps()) {
    const t = performance.now();
    await db.exec(s.sql);
    console.log(`  ${s.label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await db.query(`INSERT INTO bench_meta (key, value) VALUES ('scale', $1)`, [tag]);
}

interface Case {
  name: string;
  page: (after: SortKey | null) => Promise<Page<object>>;
  /** Sort keys to start from: none (first page), half-way, near the end. */
  keys: () => Promise<[string, SortKey | null][]>;
}

async function main(): Promise<void> {
  const db = await openPglite(join(OUT, 'hub-lookups-pglite'));
  const t0 = performance.now();
  await ensureData(db);
  console.log(`data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]!.n);
  const counts = { audit: await count('SELECT count(*)::int AS n FROM audit_log'), appointments: await count('SELECT count(*)::int AS n FROM appointments') };
  const year = { from: FROM, to: TODAY };
  /** The audit sort key of the row at `fraction` of the newest-first order (set up once, untimed). */
  const auditKeys = (where: string) => async (): Promise<[string, SortKey | null][]> => {
    const n = await count(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`);
    const at = async (f: number) => {
      const r = (await db.query<{ at: number; id: string }>(`SELECT at, id FROM audit_log WHERE ${where} ORDER BY at DESC, id DESC OFFSET ${Math.min(Math.floor(n * f), n - LIMIT)} LIMIT 1`)).rows[0]!;
      return [Number(r.at), r.id] as SortKey;
    };
    // A list of a page or two has no deep pages to time.
    return n <= 2 * LIMIT ? [[`first (all ${n})`, null]] : [['first', null], ['half-way', await at(0.5)], ['near the end', await at(0.98)]];
  };
  const apptKeys = (where: string) => async (): Promise<[string, SortKey | null][]> => {
    const n = await count(`SELECT count(*)::int AS n FROM appointments a JOIN roster_sessions s ON s.id = a.session_id WHERE ${where}`);
    const at = async (f: number) => {
      const r = (await db.query<{ date: string; sid: string; id: string }>(`SELECT s.date, s.id AS sid, a.id FROM appointments a JOIN roster_sessions s ON s.id = a.session_id
        WHERE ${where} ORDER BY s.date, s.id, a.id OFFSET ${Math.min(Math.floor(n * f), n - LIMIT)} LIMIT 1`)).rows[0]!;
      return [r.date, r.sid, r.id] as SortKey;
    };
    return n <= 2 * LIMIT ? [[`first (all ${n})`, null]] : [['first', null], ['half-way', await at(0.5)], ['near the end', await at(0.98)]];
  };
  const person = idOf(K.account, 7);
  const patient = idOf(K.patient, 4242);
  const dep = idOf(K.dep, 3);
  const doctor = idOf(K.doc, 17);
  const cases: Case[] = [
    { name: 'audit trail, one year', page: (a) => pageAudit(db, year, a, LIMIT), keys: auditKeys('TRUE') },
    { name: 'audit trail, one person', page: (a) => pageAudit(db, { ...year, accountId: person }, a, LIMIT), keys: auditKeys(`account_id = '${person}'`) },
    { name: 'audit trail, one patient', page: (a) => pageAudit(db, { ...year, patientId: patient }, a, LIMIT), keys: auditKeys(`patient_id = '${patient}'`) },
    { name: 'audit trail, desk + action', page: (a) => pageAudit(db, { ...year, device: 'D3', action: 'update' }, a, LIMIT), keys: auditKeys(`device = 'D3' AND action = 'update'`) },
    { name: 'appointments, one year', page: (a) => pageAppointments(db, year, a, LIMIT), keys: apptKeys('TRUE') },
    { name: 'appointments, one department', page: (a) => pageAppointments(db, { ...year, departmentId: dep }, a, LIMIT), keys: apptKeys(`s.department_id = '${dep}'`) },
    { name: 'appointments, doctor + status', page: (a) => pageAppointments(db, { ...year, doctorId: doctor, status: 'no_show' }, a, LIMIT), keys: apptKeys(`s.doctor_id = '${doctor}' AND a.status = 'no_show'`) },
    { name: 'appointments, source', page: (a) => pageAppointments(db, { ...year, source: 'online' }, a, LIMIT), keys: apptKeys(`a.source = 'online'`) },
  ];
  const rows: (string | number)[][] = [];
  let worst = 0;
  for (const c of cases) {
    for (const [where, key] of await c.keys()) {
      const samples: number[] = [];
      await c.page(key);
      for (let i = 0; i < RUNS; i += 1) {
        const t = performance.now();
        const page = await c.page(key);
        samples.push(performance.now() - t);
        if (page.rows.length === 0) throw new Error(`${c.name} ${where}: an empty page`);
      }
      const s = stats(samples);
      worst = Math.max(worst, s.p95);
      rows.push([c.name, where, ms(s.p50, 1), ms(s.p95, 1)]);
      console.log(`${c.name} / ${where}: p50 ${ms(s.p50, 1)} ms, p95 ${ms(s.p95, 1)} ms`);
    }
  }
  const section = [
    '## Hub lookups',
    '',
    `\`npx tsx bench/hub-lookups.ts\` — ${new Date().toISOString().slice(0, 16)}Z, PGlite, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,`,
    `load average before/after: ${loadBefore} → ${load()} (the machine is shared with other engineers' test runs).`,
    `${counts.audit.toLocaleString('en')} audit rows and ${counts.appointments.toLocaleString('en')} appointments over ${DAYS} days; a page is ${LIMIT} rows,`,
    `read by keyset cursor (main/hub/lookups/) from the first page, a cursor half-way and one 98% of the way through; ${RUNS} runs each.`,
    `Target (issue 16): well under a second a page. Worst p95: ${ms(worst, 1)} ms ${worst < TARGET_MS ? '(met)' : '(NOT met)'}.`,
    '',
    table(['list and filter', 'page', 'p50 ms', 'p95 ms'], rows),
    '',
  ].join('\n');
  writeResultsSection('## Hub lookups', section);
  await db.close();
}

const loadBefore = load();
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
