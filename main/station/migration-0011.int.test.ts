/**
 * Migration 0011 (drug records, staff phone, patients' other ID documents and social fields, the
 * data dictionary) on a real replica that already holds patients, staff and drugs: it applies
 * once, every row keeps its values, the new columns start empty, and the desk works on.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../db/migrations-path';
import { TEST_STATION_KEY } from './keys.testing';
import { Station } from './station';
import { dispatchSync } from './dispatch';
import { createFixture, logInAs } from './testing';
import { newPatient, openDesk } from './services/frontdesk.testing';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length > 0) cleanups.pop()!(); });

describe('migration 0011 on a replica that already has patients, staff and drugs', () => {
  it('adds the columns empty and the dictionary table, keeping every row', () => {
    const fx = createFixture();
    const desk = openDesk(fx);
    const ids = ['王芳', '李四'].map((name) => newPatient(fx, desk, { name }));
    const before = {
      patients: fx.station.raw.prepare('SELECT id, name, record_no FROM patients ORDER BY id').all(),
      staff: fx.station.raw.prepare('SELECT id, name, position FROM staff ORDER BY id').all(),
      drugs: fx.station.raw.prepare('SELECT id, code, name, price_fen, ingredients FROM drugs ORDER BY id').all(),
    };
    expect(before.drugs.length).toBeGreaterThan(0);
    expect(before.staff.length).toBeGreaterThan(0);
    // Back to the replica as 0010 left it.
    const journal = JSON.parse(readFileSync(join(SQLITE_MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    const from0011 = journal.entries.find((e) => e.tag.startsWith('0011_'))!.when;
    fx.station.raw.exec(`
      DROP TABLE dictionary_entries; DROP INDEX patients_id_doc_number; ALTER TABLE staff DROP COLUMN phone;
      ALTER TABLE patients DROP COLUMN id_doc_type; ALTER TABLE patients DROP COLUMN id_doc_number; ALTER TABLE patients DROP COLUMN marital_status;
      ALTER TABLE patients DROP COLUMN ethnicity; ALTER TABLE patients DROP COLUMN occupation;
      ALTER TABLE drugs DROP COLUMN manufacturer; ALTER TABLE drugs DROP COLUMN approval_number;
      ALTER TABLE drugs DROP COLUMN contraindications; ALTER TABLE drugs DROP COLUMN cautions;
      DELETE FROM __drizzle_migrations WHERE created_at >= ${from0011};`);
    expect(fx.station.raw.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(11);
    fx.station.close();

    const station = new Station({ key: TEST_STATION_KEY, file: join(fx.dir, 'station.sqlite'), device: 'A1', now: () => fx.clock.t });
    cleanups.push(() => { station.close(); rmSync(fx.dir, { recursive: true, force: true }); });
    expect(station.raw.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(12);
    expect(station.raw.prepare('SELECT id, name, record_no FROM patients ORDER BY id').all()).toEqual(before.patients);
    expect(station.raw.prepare('SELECT id, name, position FROM staff ORDER BY id').all()).toEqual(before.staff);
    expect(station.raw.prepare('SELECT id, code, name, price_fen, ingredients FROM drugs ORDER BY id').all()).toEqual(before.drugs);
    expect(station.raw.prepare(`SELECT DISTINCT manufacturer || '/' || approval_number || '/' || contraindications || '/' || cautions FROM drugs`).pluck().all()).toEqual(['///']);
    expect(station.raw.prepare('SELECT count(*) FROM staff WHERE phone IS NOT NULL').pluck().get()).toBe(0);
    expect(station.raw.prepare(`SELECT count(*) FROM patients WHERE coalesce(id_doc_type, id_doc_number, marital_status, ethnicity, occupation) IS NOT NULL`).pluck().get()).toBe(0);
    expect(station.raw.prepare('SELECT count(*) FROM dictionary_entries').pluck().get()).toBe(0);
    // The desk works on: a patient with a passport is registered and found.
    const reception = logInAs(station, 'reception');
    const r = dispatchSync(station, reception, 'patients.register', { name: 'John Smith' });
    expect(r.ok).toBe(true);
    const found = dispatchSync(station, reception, 'patients.search', { q: '王芳' });
    expect(found.ok && found.value.items.map((i) => i.id)).toEqual([ids[0]]);
  });
});
