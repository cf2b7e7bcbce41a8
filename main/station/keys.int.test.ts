/**
 * Where a station's key lives (main/station/keys.ts), on real files and the real OS keystore
 * binding: the key file fallback (0600 in a 0700 folder, refused when wider), a keystore that is
 * not there, a sealed key file, and the refusals.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { keyFileStore, osKeyringStore, sealedKeyFileStore, stationKeyFor } from './keys';
import { TEST_STATION_KEY } from './keys.testing';
import { Station } from './station';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (f: string) => statSync(f).mode & 0o777;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : `not a DomainError: ${String(err)}`;
  }
  return 'no error';
}

describe('the key file fallback', () => {
  it('makes a random key for a new station in <file>.key, 0600 in a 0700 folder, and finds it again', () => {
    const file = join(dir, 'data', 'station.sqlite');
    const made = stationKeyFor(file, { keystore: null });
    expect(made.created).toBe(true);
    expect(made.key).toHaveLength(32);
    expect(made.key.equals(TEST_STATION_KEY)).toBe(false);
    expect(made.where).toBe(`key file ${file}.key`);
    expect(mode(`${file}.key`)).toBe(0o600);
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(readFileSync(`${file}.key`, 'utf8').trim()).toBe(made.key.toString('hex'));
    const again = stationKeyFor(file, { keystore: null });
    expect(again.created).toBe(false);
    expect(again.key.equals(made.key)).toBe(true);
    // Another station gets another key.
    expect(stationKeyFor(join(dir, 'data', 'other.sqlite'), { keystore: null }).key.equals(made.key)).toBe(false);
  });

  it('refuses a key file others may read, or one that is not a key: STORAGE_KEY_UNSAFE / STORAGE_KEY_WRONG', () => {
    const file = join(dir, 'station.sqlite');
    stationKeyFor(file, { keystore: null });
    chmodSync(`${file}.key`, 0o644);
    expect(codeOf(() => stationKeyFor(file, { keystore: null }))).toBe('STORAGE_KEY_UNSAFE');
    chmodSync(`${file}.key`, 0o640);
    expect(codeOf(() => keyFileStore(`${file}.key`).read())).toBe('STORAGE_KEY_UNSAFE');
    chmodSync(`${file}.key`, 0o600);
    writeFileSync(`${file}.key`, 'not a key\n');
    expect(codeOf(() => stationKeyFor(file, { keystore: null }))).toBe('STORAGE_KEY_WRONG');
  });

  it('makes no new key for an encrypted file whose key is gone (STORAGE_KEY_MISSING), nor when told to only read', () => {
    const file = join(dir, 'station.sqlite');
    const { key } = stationKeyFor(file, { keystore: null });
    new Station({ file, key }).close();
    rmSync(`${file}.key`);
    expect(codeOf(() => stationKeyFor(file, { keystore: null }))).toBe('STORAGE_KEY_MISSING');
    expect(existsSync(`${file}.key`)).toBe(false);
    expect(codeOf(() => stationKeyFor(join(dir, 'new.sqlite'), { keystore: null, readOnly: true }))).toBe('STORAGE_KEY_MISSING');
    expect(existsSync(join(dir, 'new.sqlite.key'))).toBe(false);
  });
});

describe('the OS keystore', () => {
  it('where there is none (headless Linux: AccessDenied), the key goes to the key file and says why', () => {
    const file = join(dir, 'station.sqlite');
    const service = `clinic-desk test ${randomBytes(4).toString('hex')}`;
    const os = osKeyringStore(file, service);
    const saved = process.env['CLINIC_KEYSTORE'];
    delete process.env['CLINIC_KEYSTORE'];
    const lines: string[] = [];
    try {
      // The real keystore binding, as production asks it (here: a headless Linux, no Secret Service).
      const made = stationKeyFor(file, { ...(os.store ? { keystore: os.store } : { keystore: null }), log: (l) => lines.push(l) });
      if (process.platform === 'linux' && !process.env['DBUS_SESSION_BUS_ADDRESS']) expect(made.where).toMatch(/^key file/);
      if (made.where.startsWith('key file')) {
        expect(made.where).toBe(`key file ${file}.key`);
        expect(mode(`${file}.key`)).toBe(0o600);
        expect(lines.join('\n')).toMatch(/no OS keystore here|did not keep the key|cannot be read/);
        expect(stationKeyFor(file, { keystore: os.store }).key.equals(made.key)).toBe(true);
      } else {
        // A desktop with a keystore: the key goes there, not to a file.
        expect(existsSync(`${file}.key`)).toBe(false);
        expect(os.store?.read()?.equals(made.key)).toBe(true);
      }
    } finally {
      if (saved !== undefined) process.env['CLINIC_KEYSTORE'] = saved;
    }
  });

  it('a keystore that throws when asked to keep the key falls back to the key file', () => {
    const file = join(dir, 'station.sqlite');
    const lines: string[] = [];
    const broken = { where: 'a broken keystore', read: () => null, write: () => { throw new Error('AccessDenied'); } };
    const made = stationKeyFor(file, { keystore: broken, log: (l) => lines.push(l) });
    expect(made.where).toBe(`key file ${file}.key`);
    expect(lines.join('\n')).toMatch(/a broken keystore did not keep the key \(AccessDenied\)/);
  });

  it('a sealed key file (the desktop: safeStorage) holds the key only sealed, 0600', () => {
    const sealKey = randomBytes(32);
    const seal = (plain: string) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    };
    const unseal = (sealed: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    };
    mkdirSync(join(dir, 'user'), { mode: 0o700 });
    const file = join(dir, 'user', 'station.sqlite');
    const store = sealedKeyFileStore(`${file}.key.sealed`, seal, unseal, 'test seal');
    const made = stationKeyFor(file, { keystore: store });
    expect(made.where).toBe(`test seal (${file}.key.sealed)`);
    const onDisk = readFileSync(`${file}.key.sealed`);
    expect(onDisk.includes(Buffer.from(made.key.toString('hex')))).toBe(false);
    expect(mode(`${file}.key.sealed`)).toBe(0o600);
    expect(existsSync(`${file}.key`)).toBe(false);
    expect(stationKeyFor(file, { keystore: store }).key.equals(made.key)).toBe(true);
  });
});
