/** Writing master data outside a request: the demo seeder, tests, and (later) an in-process hub. */
import type { Station } from './station';
import { Writer } from './writer';

export function withMasterWriter<T>(station: Station, fn: (write: Writer) => T): T {
  if (!station.allowMasterData) throw new Error('this station may not write master data');
  const write = new Writer({ db: station.db, device: station.device, clock: station.clock, now: station.now, allowMasterData: true });
  const out = station.raw.transaction(() => {
    const value = fn(write);
    station.saveClock();
    return value;
  }).immediate();
  if (write.touched.has('settings')) station.reloadSettings();
  station.emit('data.changed', { tables: [...write.touched] });
  return out;
}
