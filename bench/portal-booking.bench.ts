/**
 * The patient's booking round trip at a hub holding 1,000,000 patients (issue 15: p95 < 100 ms):
 * a real hub (PGlite store, the admin replica in SQLite) with its patient port over HTTPS on
 * loopback; 40 patient accounts, each booking a seat in each of 10 coming sessions through
 * `portal.book` as the phone sends it (cookie session, JSON over HTTPS), then the same number of
 * `portal.bookings` reads. Timed at the client, from the request to the parsed answer: the hub
 * checks the member, the session, the day's limit and the seats, writes the appointment at its
 * replica and its log, and answers.
 *
 * The 1,000,000 patients are written straight into the hub replica's patients table (one SQL
 * statement, no change log): what the booking reads (the member's row, their appointments of the
 * day, the session's seats) is looked up by index among them.
 *
 *   npx tsx bench/portal-booking.bench.ts     prints the section for bench/RESULTS.md
 */
import { cpus, totalmem } from 'node:os';
import { rosterSessions } from '../db/schema';
import { addDays } from '../main/domain/dates';
import { PgliteStore } from '../main/hub/pglite-store';
import { patientsWithSessions, startPortalHub } from '../main/hub/portal/portal.testing';
import { withMasterWriter } from '../main/station/master';
import { TODAY } from '../main/station/testing';
import { load, ms, stats, table } from './lib';

export const BOOKING_TARGET_P95_MS = 100;
const PATIENTS = 1_000_000;
const ACCOUNTS = 40;
const SESSIONS = 10;
const WARM_UP = 10;

interface Column { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }

/** A value for every column that must have one, by its name and type: enough for rows the booking never reads. */
function filler(c: Column): string {
  if (c.name === 'id') return "printf('0190b000-0000-7000-8000-%012d', n)";
  if (c.name === 'record_no') return "'B' || n";
  if (c.name === 'name') return "'患者' || n";
  if (c.name === 'sex') return "'F'";
  if (c.name === 'insurance_type') return "'self_pay'";
  return /INT|REAL|NUM/i.test(c.type) ? '0' : "''";
}

async function main(): Promise<void> {
  const loadBefore = load();
  const t = await startPortalHub(await PgliteStore.template());
  try {
    const raw = t.clinic.admin.station.raw;
    const started = performance.now();
    const cols = (raw.prepare('PRAGMA table_info(patients)').all() as Column[]).filter((c) => c.notnull === 1 && c.dflt_value === null);
    raw.exec(`WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${PATIENTS})
      INSERT INTO patients (${cols.map((c) => c.name).join(', ')}) SELECT ${cols.map(filler).join(', ')} FROM seq`);
    raw.exec('ANALYZE');
    const fillSeconds = (performance.now() - started) / 1000;
    const patients = (raw.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;

    const { doctor } = t.ids.staff;
    const { internal } = t.ids.departments;
    const sessions = withMasterWriter(t.clinic.admin.station, (w) => Array.from({ length: SESSIONS }, (_, i) => w.insert(rosterSessions, {
      date: addDays(TODAY, i + 1), period: 'afternoon', doctorId: doctor, departmentId: internal, roomId: t.ids.rooms.room1, capacity: 1000, stopped: false, stopReason: null,
    })));
    const people = await patientsWithSessions(t, ACCOUNTS, 900);

    const book: number[] = [];
    const read: number[] = [];
    let n = 0;
    for (const sessionId of sessions) {
      for (const { phone, memberId } of people) {
        const start = performance.now();
        await phone.ok('portal.book', { memberId, sessionId });
        if (n++ >= WARM_UP) book.push(performance.now() - start);
      }
    }
    n = 0;
    for (let round = 0; round < SESSIONS; round++) {
      for (const { phone } of people) {
        const start = performance.now();
        const { items } = await phone.ok('portal.bookings', {});
        if (items.length !== SESSIONS) throw new Error(`expected ${SESSIONS} bookings, got ${items.length}`);
        if (n++ >= WARM_UP) read.push(performance.now() - start);
      }
    }
    const b = stats(book);
    const r = stats(read);
    const md = [
      '## Booking from the patient app at 1,000,000 patients',
      '',
      `A real hub (PGlite store, the admin replica in SQLite) with its patient port over HTTPS on loopback; ${patients.toLocaleString('en')} patients in the hub's replica `
        + `(written straight into its table in ${ms(fillSeconds, 0)} s, no change log); ${ACCOUNTS} patient accounts each booking a seat in each of ${SESSIONS} coming sessions `
        + 'through `portal.book` as the phone sends it, then as many `portal.bookings` reads; timed at the client from the request to the parsed answer, '
        + `after ${WARM_UP} warm-up calls each. \`npx tsx bench/portal-booking.bench.ts\` re-runs it.`,
      '',
      table(['', ''], [
        ['machine', `${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}, ${ms(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`],
        ['load average (1/5/15 min), start → end', `${loadBefore} → ${load()}`],
      ]),
      '',
      table(['call', 'n', 'p50 ms', 'p95 ms', 'max ms', `target p95 < ${BOOKING_TARGET_P95_MS} ms`], [
        ['portal.book (written at the hub)', b.n, ms(b.p50), ms(b.p95), ms(b.max), b.p95 < BOOKING_TARGET_P95_MS ? 'met' : '**missed**'],
        ['portal.bookings (my bookings)', r.n, ms(r.p50), ms(r.p95), ms(r.max), ''],
      ]),
      '',
    ].join('\n');
    console.log(md);
  } finally {
    await t.close();
  }
}

await main();
