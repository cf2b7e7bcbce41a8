/**
 * A desk SIGKILLed in the middle of real commands (registering, walk-ins paid in cash, patient
 * edits, bills paid), again and again on the same file: after each kill the reopened file passes
 * integrity_check, holds every commit the desk reported, and its change log folds to its rows.
 * The soak (npm run soak) runs the same harness for 200 kills.
 */
import { describe, expect, it } from 'vitest';
import { createFixture } from '../station/testing';
import { changeLogMismatches, missingCommits, runDeskKills } from './desk-kills';

/** Each run starts a desk process with tsx on 2 shared cores: room beyond the default 30 s. */
const TIMEOUT_MS = 240_000;

describe('faults: a desk killed in the middle of real commands', () => {
  it('SIGKILLed at random moments, 8 times: nothing reported is lost, the file is whole, the change log is the rows', async () => {
    const r = await runDeskKills({ kills: 8, seed: 20261204 });
    expect(r.problems).toEqual([]);
    expect(r.kills).toBe(8);
    expect(r.lost).toBe(0);
    // The kills landed while commands were being made: commits were reported, the log grew.
    expect(r.reported).toBeGreaterThan(8);
    expect(r.changes).toBeGreaterThan(r.reported);
  }, TIMEOUT_MS);
});

describe('the checks of a killed desk\'s file', () => {
  it('see a row changed without its change-log entry, a change-log entry without its row, and a reported commit that is not there', () => {
    const fx = createFixture();
    try {
      const reception = fx.login('reception');
      const p = fx.ok(reception, 'patients.register', { name: '检查' }).patient;
      fx.ok(reception, 'patients.update', { id: p.id, address: '地址 1' });
      expect(changeLogMismatches(fx.station)).toEqual([]);
      expect(missingCommits(fx.station, `ok patient ${p.id}\nok address ${p.id} 地址 1\n`)).toEqual({ reported: 2, missing: [] });
      // A line cut short by the kill was not reported.
      expect(missingCommits(fx.station, `ok patient ${p.id}\nok patient 0192`).reported).toBe(1);
      expect(missingCommits(fx.station, `ok patient 0192-none\nok address ${p.id} 地址 2\n`).missing).toHaveLength(2);

      fx.station.raw.prepare('UPDATE patients SET address = ? WHERE id = ?').run('不在日志', p.id);
      expect(changeLogMismatches(fx.station)).toEqual([`patients ${p.id}.address: row "不在日志", change log "地址 1"`]);
      fx.station.raw.prepare('DELETE FROM patients WHERE id = ?').run(p.id);
      expect(changeLogMismatches(fx.station)).toEqual([`patients ${p.id}: change-log entries with no row`]);
    } finally {
      fx.close();
    }
  });
});
