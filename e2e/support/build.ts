/**
 * The renderer and the patient app, each built once for the end-to-end tests: into a temp folder
 * named by a hash of the sources it is made from, so parallel test files share one build (a lock
 * folder guards it) and an unchanged tree is not built again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { InlineConfig } from 'vite';
import { patientAppConfig } from '../../patient-app/build.config';
import { rendererConfig } from '../../renderer/build.config';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['renderer', 'main/api', 'main/domain', 'package-lock.json'];
const PATIENT_SOURCES = ['patient-app', 'main/api', 'main/domain', 'package-lock.json'];

function fingerprint(sources: string[]): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== 'node_modules') walk(join(p, name));
    } else if (!p.endsWith('.test.ts') && !p.endsWith('.test.tsx')) {
      h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const s of sources) walk(join(ROOT, s));
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function builtRenderer(): Promise<string> {
  return built('renderer', SOURCES, rendererConfig);
}

/** The patient app (patient-app/), as `npm run build` makes it into out/patient. */
export function builtPatientApp(): Promise<string> {
  return built('patient', PATIENT_SOURCES, patientAppConfig);
}

async function built(name: string, sources: string[], config: (outDir: string) => InlineConfig): Promise<string> {
  const base = join(tmpdir(), 'clinic-desk-e2e');
  mkdirSync(base, { recursive: true });
  const dir = join(base, `${name}-${fingerprint(sources)}`);
  const lock = `${dir}.lock`;
  for (let i = 0; i < 600 && !existsSync(join(dir, 'index.html')); i++) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building it (or a dead run left the lock: take it after a minute).
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      const tmp = `${dir}.tmp-${process.pid}`;
      await build({ ...config(tmp), logLevel: 'warn' });
      renameSync(tmp, dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`the ${name} build did not appear in ${dir}`);
  // Builds of older trees pile up: drop those untouched for a day.
  for (const name of readdirSync(base)) {
    const old = join(base, name);
    if (old !== dir && Date.now() - statSync(old).mtimeMs > 86_400_000) rmSync(old, { recursive: true, force: true });
  }
  return dir;
}
