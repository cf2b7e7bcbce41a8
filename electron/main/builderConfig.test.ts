/**
 * electron-builder cannot run here (it downloads Electron), so its config is checked against
 * what the build makes and what the app reads: the entry is packed, the native module is
 * unpacked, the runtime files exist where the app looks for them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { RUNTIME_FILES } from './runtimeFiles';

const root = join(import.meta.dirname, '..', '..');
interface Resource { from: string; to: string; filter?: string[] }
interface Config {
  appId: string; productName: string; files: string[]; asar: boolean; asarUnpack: string[];
  extraResources: Resource[]; directories: { output: string; buildResources: string };
  electronFuses: Record<string, unknown>;
  win: { target: { target: string }[] }; mac: { target: { target: string }[] }; linux: { target: string[] };
}
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it('packs the electron-vite output that package.json starts', () => {
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(config.files).toContain('out/**');
    const vite = readFileSync(join(root, 'electron.vite.config.ts'), 'utf8');
    for (const dir of ['out/electron/main', 'out/electron/preload', 'out/renderer']) expect(vite).toContain(dir);
    expect(pkg.main).toBe('out/electron/main/index.js');
  });

  it('keeps the native SQLite module out of the asar, and it is a production dependency', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack.some((p) => p.includes('better-sqlite3'))).toBe(true);
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    // The encrypting build under the name drizzle imports (db/cipher.ts needs its PRAGMA key).
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^npm:better-sqlite3-multiple-ciphers@/);
    const installed = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { name: string };
    expect(installed.name).toBe('better-sqlite3-multiple-ciphers');
  });

  it('copies every runtime file the app reads to the path it reads it from', () => {
    const targets = config.extraResources.map((r) => r.to);
    for (const rel of Object.values(RUNTIME_FILES)) {
      expect(targets.some((t) => rel === t || rel.startsWith(`${t}/`)), rel).toBe(true);
    }
    for (const r of config.extraResources) expect(existsSync(join(root, r.from)), r.from).toBe(true);
    expect(existsSync(join(root, RUNTIME_FILES.icd10))).toBe(true);
    // The fonts are copied there by postinstall (resources/fonts/copy-fonts.mjs), with their licence.
    expect(existsSync(join(root, 'resources/fonts/NotoSansSC-Regular.ttf'))).toBe(true);
    expect(existsSync(join(root, 'resources/fonts/OFL.txt'))).toBe(true);
  });

  it('flips the security fuses: no run-as-node, NODE_OPTIONS or --inspect; code only from the checked asar; encrypted cookies', () => {
    const fuses = config.electronFuses;
    expect(fuses['runAsNode']).toBe(false);
    expect(fuses['enableNodeOptionsEnvironmentVariable']).toBe(false);
    expect(fuses['enableNodeCliInspectArguments']).toBe(false);
    expect(fuses['enableCookieEncryption']).toBe(true);
    expect(fuses['onlyLoadAppFromAsar']).toBe(true);
    expect(fuses['enableEmbeddedAsarIntegrityValidation']).toBe(true);
    // The integrity fuse checks a hash embedded in the binary at packing: only with an asar (not disableIntegrity).
    expect(config.asar).toBe(true);
  });

  it('builds for Windows (NSIS), macOS (dmg) and Linux (AppImage, deb)', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.directories.buildResources).toBe('build');
  });
});
