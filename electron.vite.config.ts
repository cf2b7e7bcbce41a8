/**
 * Build of the desktop app: Electron main process, preload (CommonJS, so the window keeps
 * `sandbox: true`), and the React renderer (root `renderer/`, also served by the web host).
 */
import { cpSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './renderer/build.config';

const root = dirname(fileURLToPath(import.meta.url));

/** db/open.ts finds its migrations next to the module; in the bundle that is out/electron/main. */
function copyMigrations(): Plugin {
  return {
    name: 'clinic-desk:copy-migrations',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir ?? resolve(root, 'out/electron/main');
      cpSync(resolve(root, 'db/migrations/sqlite'), resolve(outDir, 'migrations/sqlite'), { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/electron/main'),
      lib: { entry: resolve(root, 'electron/main/index.ts') },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/electron/preload'),
      lib: { entry: resolve(root, 'electron/preload/index.ts') },
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig(resolve(root, 'out/renderer')),
});
