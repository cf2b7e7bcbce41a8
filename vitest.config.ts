import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'db/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'patient-app/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'e2e/**/*.test.ts'],
    pool: 'forks',
    // Two files at a time: most tests wait on disks, sockets and Chromium rather than a core, and one
    // file at a time (vitest's default on two cores) put CI past its 30 minutes.
    maxWorkers: 2,
    // Station keys of tests go to key files, never into the OS keystore of whoever runs them.
    env: { CLINIC_KEYSTORE: 'file' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
