/**
 * The station's patient search index (migration 0009) on real SQLite files: ranking (the whole
 * name, then patients seen here most recently, then the rest), and the index kept in step by its
 * triggers through commands, edits, merges, visits, changes applied from another desk, and the
 * backfill of a replica that already had patients.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../../db/migrations-path';
import { patients, visits } from '../../../db/schema';
import { applyRemoteChanges } from '../../sync/apply';
import { pendingChanges } from '../../sync/local';
import { TEST_STATION_KEY } from '../keys.testing';
import { withMasterWriter } from '../master';
import { Station } from '../station';
import { dispatchSync } from '../dispatch';
import { createFixture, logInAs, type Fixture } from '../testing';
import { newPatient, openDesk, walkIn, type Desk } from './frontdesk.testing';
import { searchKeysOf } from './patients-search-keys';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length > 0) cleanups.pop()!(); });

function fixture(): { fx: Fixture; desk: Desk } {
  const fx = createFixture();
  cleanups.push(() => fx.close());
  return { fx, desk: openDesk(fx) };
}

function names(fx: Fixture, desk: Desk, q: string): string[] {
  return fx.ok(desk.reception, 'patients.search', { q }).items.map((i) => i.name);
}

/** The index holds exactly the keys of every unmerged patient, each with the patient's last check-in (0: none). */
function expectIndexInStep(station: Station): number {
  const rows = station.raw.prepare('SELECT key, seen, patient_id AS id FROM patient_search_keys ORDER BY 1, 2, 3').all() as { key: string; seen: number; id: string }[];
  const people = station.raw.prepare(`SELECT p.id, p.name, p.pinyin_initials AS initials,
      coalesce((SELECT max(checked_in_at) FROM visits v WHERE v.patient_id = p.id), 0) AS seen
    FROM patients p WHERE p.merged_into IS NULL`).all() as { id: string; name: string; initials: string; seen: number }[];
  const want = people.flatMap((p) => searchKeysOf(p.name, p.initials).map((key) => ({ key, seen: p.seen, id: p.id })));
  const order = (a: { key: string; seen: number; id: string }, b: typeof a) =>
    Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) || a.seen - b.seen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  expect(rows).toEqual(want.sort(order));
  return rows.length;
}

describe('ranking', () => {
  it('lists the whole name first, then patients seen here most recently, then the rest newest registered first', () => {
    const { fx, desk } = fixture();
    const wyy = newPatient(fx, desk, { name: '王一一' });
    fx.advance(1000);
    newPatient(fx, desk, { name: '王一七' });
    fx.advance(1000);
    const wf = newPatient(fx, desk, { name: '王芳' });
    const wff = newPatient(fx, desk, { name: '王芳芳' });
    newPatient(fx, desk, { name: '李娜' });
    fx.advance(60_000);
    walkIn(fx, desk, wf);
    fx.advance(60_000);
    walkIn(fx, desk, wff);
    fx.advance(60_000);
    walkIn(fx, desk, wyy);

    // "王": no one is called just 王; those holding it, newest seen first, then the never seen.
    expect(names(fx, desk, '王')).toEqual(['王一一', '王芳芳', '王芳', '王一七']);
    // A given-name character, a middle character: any part finds the name.
    expect(names(fx, desk, '芳')).toEqual(['王芳芳', '王芳']);
    expect(names(fx, desk, '娜')).toEqual(['李娜']);
    expect(names(fx, desk, '一')).toEqual(['王一一', '王一七']);
    // The whole name first, even before someone seen more recently.
    expect(names(fx, desk, '王芳')).toEqual(['王芳', '王芳芳']);
    // Pinyin initials: exactly them first, then initials starting with them; each newest seen first.
    expect(names(fx, desk, 'wf')).toEqual(['王芳', '王芳芳']);
    expect(names(fx, desk, 'wy')).toEqual(['王一一', '王一七']);
    expect(names(fx, desk, 'w')).toEqual(['王一一', '王芳芳', '王芳', '王一七']);
    expect(fx.ok(desk.reception, 'patients.search', { q: '芳' }).items.map((i) => i.matchedBy)).toEqual(['name', 'name']);
  });
});

describe('the index kept by its triggers', () => {
  it('follows registration, edits, merges, visits moved and removed', () => {
    const { fx, desk } = fixture();
    const a = newPatient(fx, desk, { name: '张伟' });
    const b = newPatient(fx, desk, { name: '张伟' });
    const c = newPatient(fx, desk, { name: 'Anna Lee' });
    expect(expectIndexInStep(fx.station)).toBeGreaterThan(0);
    const v = walkIn(fx, desk, a).visit.id;
    expectIndexInStep(fx.station);

    fx.ok(desk.reception, 'patients.update', { id: a, name: '张伟华' });
    expect(names(fx, desk, '伟华')).toEqual(['张伟华']);
    expect(names(fx, desk, '张伟')).toEqual(['张伟', '张伟华']);
    expectIndexInStep(fx.station);

    withMasterWriter(fx.station, (w) => w.update(visits, v, { patientId: b }));
    expectIndexInStep(fx.station);
    expect(names(fx, desk, '张')).toEqual(['张伟', '张伟华']);

    withMasterWriter(fx.station, (w) => w.update(patients, b, { mergedInto: a }));
    expect(names(fx, desk, '张伟')).toEqual(['张伟华']);
    expectIndexInStep(fx.station);

    // (Visits are never deleted by the app; the trigger is there for completeness: bills point at the visit.)
    fx.station.raw.pragma('foreign_keys = OFF');
    fx.station.raw.prepare('DELETE FROM visits WHERE id = ?').run(v);
    fx.station.raw.pragma('foreign_keys = ON');
    expectIndexInStep(fx.station);
    expect(names(fx, desk, 'lee')).toEqual([]);
    expect(names(fx, desk, 'Anna Lee')).toEqual(['Anna Lee']);
    expect(fx.ok(desk.reception, 'patients.search', { q: 'al' }).items.map((i) => i.id)).toEqual([c]);
  });

  it('follows changes applied from another desk, visits arriving before their patient included', () => {
    const { fx, desk } = fixture();
    fx.station.raw.pragma('wal_checkpoint(TRUNCATE)');
    const dir = mkdtempSync(join(tmpdir(), 'clinic-search-b-'));
    copyFileSync(join(fx.dir, 'station.sqlite'), join(dir, 'station.sqlite'));
    const other = new Station({ key: TEST_STATION_KEY, file: join(dir, 'station.sqlite'), device: 'B1', now: () => fx.clock.t });
    cleanups.push(() => { other.close(); rmSync(dir, { recursive: true, force: true }); });

    const p = newPatient(fx, desk, { name: '李娜' });
    fx.advance(60_000);
    walkIn(fx, desk, p);
    newPatient(fx, desk, { name: '李娜娜' });
    const changes = pendingChanges(fx.station, 10_000).map((c, i) => ({ ...c, seq: i + 1 }));
    // Children first: the visit's change before its patient's (a batch may come in any order).
    const visitFirst = [...changes.filter((c) => c.table === 'visits'), ...changes.filter((c) => c.table !== 'visits')];
    applyRemoteChanges(other, visitFirst, { cursor: changes.length });
    expectIndexInStep(other);
    const rows = other.raw.prepare("SELECT seen FROM patient_search_keys WHERE key = '=李娜'").all() as { seen: number }[];
    expect(rows).toEqual([{ seen: (fx.station.raw.prepare('SELECT checked_in_at AS t FROM visits').get() as { t: number }).t }]);
  });
});

describe('migration 0009 on a replica that already has patients', () => {
  it('backfills every key with each patient\'s last check-in, and the triggers take over', () => {
    const fx = createFixture();
    const desk = openDesk(fx);
    const ids = ['王芳', '王芳芳', '欧阳娜娜', '阿卜杜拉·买买提', 'John Smith', '李四'].map((name) => newPatient(fx, desk, { name }));
    walkIn(fx, desk, ids[0]!);
    fx.advance(60_000);
    walkIn(fx, desk, ids[2]!);
    withMasterWriter(fx.station, (w) => w.update(patients, ids[5]!, { mergedInto: ids[0]! }));
    // Back to the replica as 0008 left it: no index, no triggers, neither 0009 nor the migrations after it applied.
    const journal = JSON.parse(readFileSync(join(SQLITE_MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    const from0009 = journal.entries.find((e) => e.tag.startsWith('0009_'))!.when;
    fx.station.raw.exec(`
      DROP TRIGGER patient_search_insert; DROP TRIGGER patient_search_unkey; DROP TRIGGER patient_search_rekey;
      DROP TRIGGER patient_search_delete; DROP TRIGGER patient_seen_visit; DROP TRIGGER patient_seen_visit_moved;
      DROP TRIGGER patient_seen_visit_deleted; DROP VIEW patient_search_source;
      DROP TABLE patient_search_keys; DROP TABLE patient_seen; DROP TABLE search_positions;
      DROP TABLE vital_signs; DROP TABLE record_templates;
      DROP TABLE dictionary_entries; DROP INDEX patients_id_doc_number; ALTER TABLE staff DROP COLUMN phone;
      ALTER TABLE patients DROP COLUMN id_doc_type; ALTER TABLE patients DROP COLUMN id_doc_number; ALTER TABLE patients DROP COLUMN marital_status;
      ALTER TABLE patients DROP COLUMN ethnicity; ALTER TABLE patients DROP COLUMN occupation;
      ALTER TABLE drugs DROP COLUMN manufacturer; ALTER TABLE drugs DROP COLUMN approval_number;
      ALTER TABLE drugs DROP COLUMN contraindications; ALTER TABLE drugs DROP COLUMN cautions;
      DELETE FROM __drizzle_migrations WHERE created_at >= ${from0009};`);
    expect(fx.station.raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').pluck().get()).toBe(9);
    fx.station.close();
    const station = new Station({ key: TEST_STATION_KEY, file: join(fx.dir, 'station.sqlite'), device: 'A1', now: () => fx.clock.t });
    cleanups.push(() => { station.close(); rmSync(fx.dir, { recursive: true, force: true }); });
    expect(expectIndexInStep(station)).toBeGreaterThan(30);
    expect((station.raw.prepare('SELECT count(*) AS n FROM patient_seen').get() as { n: number }).n).toBe(2);
    const reception = logInAs(station, 'reception');
    const found = (q: string) => {
      const r = dispatchSync(station, reception, 'patients.search', { q });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.items.map((i) => i.name);
    };
    expect(found('娜')).toEqual(['欧阳娜娜']);
    expect(found('芳')).toEqual(['王芳', '王芳芳']);
    expect(found('买买')).toEqual(['阿卜杜拉·买买提']);
    expect(found('李四')).toEqual([]);
    const r = dispatchSync(station, reception, 'patients.register', { name: '王芳华' });
    expect(r.ok).toBe(true);
    expect(found('芳华')).toEqual(['王芳华']);
    expectIndexInStep(station);
  });
});
