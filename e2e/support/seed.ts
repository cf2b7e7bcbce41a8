/**
 * A fresh clinic for a browser test: the demo clinic when the demo seeder is there, else the
 * integration tests' small clinic with its roster moved to the clinic's real today.
 */
import { rosterSessions } from '../../db/schema';
import { addDays, localDate } from '../../main/domain/dates';
import { withMasterWriter } from '../../main/station/master';
import { Station } from '../../main/station/station';
import { seedClinic, TEST_PASSWORD } from '../../main/station/testing';
import { TEST_STATION_KEY, writeTestKeyFile } from '../../main/station/keys.testing';

export const PASSWORD = TEST_PASSWORD;
export const USERS = { reception: 'reception', doctor: 'doctor', doctor2: 'doctor2', cashier: 'cashier', pharmacist: 'pharmacist', admin: 'admin', frontcash: 'frontcash' } as const;
export const TIME_ZONE = 'Asia/Shanghai';

/** `idleLockMs`: the clinic's idle lock, shorter for a test that waits for it (the least is 10 s). */
export function seedSmallClinic(file: string, opts: { idleLockMs?: number } = {}): { today: string } {
  // The web host process reads the station's key from the key file beside it (CLINIC_KEYSTORE=file in tests).
  writeTestKeyFile(file);
  const station = new Station({ key: TEST_STATION_KEY, file, device: 'E2', allowMasterData: true });
  try {
    const ids = seedClinic(station);
    const today = localDate(Date.now(), TIME_ZONE);
    withMasterWriter(station, (w) => {
      w.update(rosterSessions, ids.sessions.todayMorning, { date: today });
      w.update(rosterSessions, ids.sessions.todayAfternoon, { date: today });
      w.update(rosterSessions, ids.sessions.todayPaeds, { date: today });
      w.update(rosterSessions, ids.sessions.tomorrow, { date: addDays(today, 1) });
      if (opts.idleLockMs !== undefined) w.setSetting('idleLockMs', opts.idleLockMs);
    });
    return { today };
  } finally {
    station.close();
  }
}
