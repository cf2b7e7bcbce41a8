/**
 * The patient app's build (a second Vite entry beside renderer/build.config.ts): its own
 * index.html and bundle, served by the hub on its patient port (main/hub/portal/server.ts).
 * Used by `npm run build` (patient-app/build.ts, into out/patient) and the end-to-end tests.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';

// import.meta.url, not import.meta.dirname: config bundlers rewrite only the former to this file's own place.
export const PATIENT_APP_ROOT = dirname(fileURLToPath(import.meta.url));

export function patientAppConfig(outDir: string): InlineConfig {
  return {
    root: PATIENT_APP_ROOT,
    configFile: false,
    base: '/',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      // No inline module-preload polyfill: the page's policy allows scripts from files only.
      modulePreload: { polyfill: false },
      rolldownOptions: { input: resolve(PATIENT_APP_ROOT, 'index.html') },
    },
    plugins: [react()],
  };
}
