/**
 * The hub on its own: `npm run build:hub` bundles main/cli/hub.ts (our code, one file) into
 * out/hub/hub.mjs for plain Node 22, next to the station migrations it needs. Packages stay
 * outside the bundle (PGlite's WebAssembly, better-sqlite3's native module, pg): the hub runs
 * from the installed app folder with its node_modules (`npm ci --omit=dev`). The bundle sits
 * two folders below the app folder, so `resources/` (the ICD-10 table) and `out/renderer` (the
 * admin screens) are found where they are in the app.
 *
 *   node build/hub/build.mjs [--outdir out/hub]
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'out/hub' } } });
const outdir = resolve(root, values.outdir);

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const started = Date.now();
await build({
  entryPoints: [resolve(root, 'main/cli/hub.ts')],
  outfile: resolve(outdir, 'hub.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
// db/migrations-path.ts finds the migrations next to the bundle.
cpSync(resolve(root, 'db/migrations/sqlite'), resolve(outdir, 'migrations/sqlite'), { recursive: true });
console.log(`hub bundle: ${resolve(outdir, 'hub.mjs')} in ${Date.now() - started} ms`);
