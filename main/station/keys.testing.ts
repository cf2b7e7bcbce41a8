/** The fixed station key of tests (never used in production: stationKeyFor makes a random one). */
import { keyFileStore } from './keys';

export const TEST_STATION_KEY = Buffer.from('7e57'.repeat(16), 'hex');

/**
 * Puts TEST_STATION_KEY in the key file beside `stationFile` (0600), where a station started in
 * another process (`npm run serve` on a seeded file) finds it with no OS keystore.
 */
export function writeTestKeyFile(stationFile: string): void {
  keyFileStore(`${stationFile}.key`).write(TEST_STATION_KEY);
}
