/** The fixed station key of tests (never used in production: stationKeyFor makes a random one). */
export const TEST_STATION_KEY = Buffer.from('7e57'.repeat(16), 'hex');
