/**
 * Where a station's 256-bit file key lives (db/cipher.ts uses it). In order:
 *
 * 1. the OS keystore, where there is one: under plain Node `@napi-rs/keyring` (macOS Keychain,
 *    Windows Credential Manager, the Secret Service on a Linux desktop); the desktop app passes
 *    a store sealed with Electron's `safeStorage` instead (electron/main/station-key.ts);
 * 2. otherwise, and documented as the fallback (README "Data at rest"): a random key in a key
 *    file next to the data, `<station file>.key`, readable by the service user only — the file
 *    0600 and its folder 0700, refused (STORAGE_KEY_UNSAFE) when wider or owned by someone else.
 *
 * A key is made only for a station file that is new or still plain; an encrypted file whose key
 * is found nowhere is STORAGE_KEY_MISSING (a new key would only lock it for good).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../domain/errors';
import { isPlainSqlite, makePrivate, STATION_KEY_BYTES } from '../../db/cipher';

/** One place a key can be kept. `read` answers null when it holds none. */
export interface KeyStore {
  /** Said in logs: where the key is (never the key). */
  readonly where: string;
  read(): Buffer | null;
  write(key: Buffer): void;
}

const HEX_KEY = /^[0-9a-f]{64}$/;

function parseKey(text: string, where: string): Buffer {
  const hex = text.trim().toLowerCase();
  if (!HEX_KEY.test(hex)) throw new DomainError('STORAGE_KEY_WRONG', `${where} does not hold a station key (64 hex digits)`, { where });
  return Buffer.from(hex, 'hex');
}

/** A file's mode must give group and others nothing, and it must be ours. */
export function checkPrivate(path: string, what: string): void {
  const st = statSync(path);
  const mode = st.mode & 0o777;
  const uid = process.getuid?.();
  if ((mode & 0o077) !== 0) {
    throw new DomainError('STORAGE_KEY_UNSAFE', `${what} ${path} has mode ${mode.toString(8)}: others may read it; make it 600 (chmod 600 ${path})`, { path, mode: mode.toString(8) });
  }
  if (uid !== undefined && st.uid !== uid) {
    throw new DomainError('STORAGE_KEY_UNSAFE', `${what} ${path} belongs to another user (uid ${st.uid})`, { path, uid: st.uid });
  }
}

/** Writes `text` to `file` (mode 0600) through a temporary name, so a reader never sees half a file. */
export function writePrivateFile(file: string, text: string | Buffer): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  makePrivate(dir, 'dir');
  const tmp = `${file}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    if (typeof text === 'string') writeSync(fd, text);
    else writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The fallback: a key file (hex, 0600, in a 0700 folder). */
export function keyFileStore(file: string): KeyStore {
  return {
    where: `key file ${file}`,
    read() {
      if (!existsSync(file)) return null;
      checkPrivate(file, 'the key file');
      return parseKey(readFileSync(file, 'utf8'), file);
    },
    write(key) {
      writePrivateFile(file, `${key.toString('hex')}\n`);
    },
  };
}

/**
 * A key store sealed by someone else's cipher (the desktop: Electron's safeStorage), kept in a
 * private file. `seal`/`unseal` come from the caller, so main/ never imports electron.
 */
export function sealedKeyFileStore(file: string, seal: (plain: string) => Buffer, unseal: (sealed: Buffer) => string, name: string): KeyStore {
  return {
    where: `${name} (${file})`,
    read() {
      if (!existsSync(file)) return null;
      checkPrivate(file, 'the sealed key file');
      return parseKey(unseal(readFileSync(file)), file);
    },
    write(key) {
      writePrivateFile(file, seal(key.toString('hex')));
    },
  };
}

interface KeyringEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
}
type KeyringModule = { Entry: new (service: string, account: string) => KeyringEntry };

export const KEYRING_SERVICE = 'clinic-desk station key';

/**
 * The OS keystore through @napi-rs/keyring, or null (with the reason) where there is none: on a
 * headless Linux it answers "Couldn't access platform storage: AccessDenied".
 */
export function osKeyringStore(account: string, service = KEYRING_SERVICE): { store: KeyStore | null; reason: string | null } {
  let entry: KeyringEntry;
  try {
    const mod = createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;
    entry = new mod.Entry(service, account);
    entry.getPassword();
  } catch (err) {
    return { store: null, reason: err instanceof Error ? err.message : String(err) };
  }
  return {
    reason: null,
    store: {
      where: `OS keystore (${service} / ${account})`,
      read: () => {
        const text = entry.getPassword();
        return text === null ? null : parseKey(text, `the OS keystore entry ${account}`);
      },
      write: (key) => entry.setPassword(key.toString('hex')),
    },
  };
}

export interface StationKey {
  key: Buffer;
  /** Where the key is (for the log). */
  where: string;
  /** A key made now (a new or still-plain station file). */
  created: boolean;
}

export interface StationKeyOptions {
  /** The OS keystore, tried first (null: none here). Default: @napi-rs/keyring for this file. */
  keystore?: KeyStore | null;
  /** The fallback key file; default `<station file>.key`. */
  keyFile?: string;
  /** Only read a key, never make one (e.g. `--rebuild-from` another station's file). */
  readOnly?: boolean;
  log?: (line: string) => void;
}

/** The station file's key: found in the keystore or the key file, or made for a new (or plain) file. */
export function stationKeyFor(stationFile: string, opts: StationKeyOptions = {}): StationKey {
  const file = resolve(stationFile);
  // CLINIC_KEYSTORE=file: the key file only (tests, so they never write to a developer's keystore).
  let keystore = opts.keystore === undefined && process.env['CLINIC_KEYSTORE'] === 'file' ? null : opts.keystore;
  if (keystore === undefined) {
    const os = osKeyringStore(file);
    keystore = os.store;
    if (!os.store) opts.log?.(`no OS keystore here (${os.reason}); the station key is kept in a key file readable by this user only`);
  }
  const fallback = keyFileStore(opts.keyFile ?? `${file}.key`);
  if (keystore) {
    try {
      const key = keystore.read();
      if (key) return { key, where: keystore.where, created: false };
    } catch (err) {
      if (err instanceof DomainError) throw err;
      // A keystore that answers once and then "AccessDenied" (a headless Linux) is no keystore.
      opts.log?.(`${keystore.where} cannot be read (${err instanceof Error ? err.message : String(err)}); using a key file`);
      keystore = null;
    }
  }
  const inFile = fallback.read();
  if (inFile) return { key: inFile, where: fallback.where, created: false };
  const encrypted = existsSync(file) && statSync(file).size > 0 && !isPlainSqlite(file);
  if (encrypted || opts.readOnly) {
    throw new DomainError('STORAGE_KEY_MISSING', `no key for ${file} in ${keystore ? `${keystore.where} or ` : ''}${fallback.where}`, { file });
  }
  const key = randomBytes(STATION_KEY_BYTES);
  for (const store of keystore ? [keystore, fallback] : [fallback]) {
    try {
      store.write(key);
      // Read back: a keystore that takes a secret and loses it would lock the file for good.
      if (store.read()?.equals(key)) return { key, where: store.where, created: true };
    } catch (err) {
      if (store === fallback) throw err;
      opts.log?.(`${store.where} did not keep the key (${err instanceof Error ? err.message : String(err)}); using a key file`);
    }
  }
  throw new DomainError('STORAGE_KEY_MISSING', `no place kept the new key for ${file}`, { file });
}
