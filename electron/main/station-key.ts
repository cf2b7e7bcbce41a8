/**
 * The desktop's station key: sealed with Electron's safeStorage (the OS keystore: Keychain,
 * DPAPI, the desktop's Secret Service) in `<station file>.key.sealed`; where safeStorage has no
 * real keystore (Linux "basic_text"), main/station/keys.ts falls back to its key file (0600).
 */
import { safeStorage } from 'electron';
import { sealedKeyFileStore, stationKeyFor, type StationKey } from '../../main/station/keys';

function hasRealKeystore(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export function desktopStationKey(file: string, log: (line: string) => void): StationKey {
  const keystore = hasRealKeystore()
    ? sealedKeyFileStore(`${file}.key.sealed`, (plain) => safeStorage.encryptString(plain), (sealed) => safeStorage.decryptString(sealed), 'Electron safeStorage')
    : null;
  if (!keystore) log('no OS keystore through safeStorage here; the station key is kept in a key file readable by this user only');
  return stationKeyFor(file, { keystore, log });
}
