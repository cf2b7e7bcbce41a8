/** The Electron main process: one window on the station of this workstation. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { setFontDirectory, warmUpDocuments } from '../../main/documents/index';
import { setIcd10File } from '../../main/station/icd10';
import { setStationPrinter } from '../../main/station/services/documents';
import { Station } from '../../main/station/station';
import { offerSetup } from '../../main/web/setup-runtime';
import { serveIpc } from './ipc';
import { desktopStationKey } from './station-key';
import { electronPrinter } from './printer';
import { loadPrinterSetting } from './printerSetting';
import { runtimePath, RUNTIME_FILES } from './resources';
import { hardenSessions } from './security';
import { loadWindowState, rememberWindowState } from './windowState';

const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererFile = fileURLToPath(new URL('../../renderer/index.html', import.meta.url));
const devUrl = process.env['ELECTRON_RENDERER_URL'];
const appUrl = devUrl ?? pathToFileURL(rendererFile).href;

let win: BrowserWindow | null = null;

function openStation(): Station {
  const dir = app.getPath('userData');
  mkdirSync(dir, { recursive: true });
  setFontDirectory(runtimePath(RUNTIME_FILES.fonts));
  setIcd10File(runtimePath(RUNTIME_FILES.icd10));
  // (The migrations travel inside the bundle: electron.vite.config.ts copies them beside it.)
  const file = process.env['CLINIC_DESK_DB'] ?? join(dir, 'station.sqlite');
  const log = (line: string) => console.log(`[station] ${line}`);
  const station = new Station({ file, key: desktopStationKey(file, log).key });
  if (station.converted) log(`the plain station file from before is encrypted now (${station.converted.tables} tables, ${station.converted.ms} ms)`);
  void warmUpDocuments().catch((err: unknown) => console.warn('documents: warm-up failed', err));
  setInterval(() => station.sweepSessions(), 5_000);
  // Documents print on this computer's printer (the setting is read at each print).
  setStationPrinter(station, electronPrinter(() => loadPrinterSetting(dir)));
  // First run: the wizard starts a new clinic (the hub in this process, on the LAN) or joins one;
  // later starts bring back the in-process hub and the sync with the hub.
  const hub = offerSetup(station, { hubDataDir: join(dir, 'hub'), hubHost: '0.0.0.0', hubPort: 5190, log: (line) => console.log(`[hub] ${line}`) });
  void hub.resume().catch((err: unknown) => console.warn('hub: could not start', err));
  let quitting = false;
  app.on('will-quit', (e) => {
    if (quitting) return;
    quitting = true;
    e.preventDefault();
    void hub.close().catch(() => undefined).finally(() => { station.close(); app.quit(); });
  });
  return station;
}

function createWindow(station: Station): void {
  const dir = app.getPath('userData');
  const state = loadWindowState(dir);
  win = new BrowserWindow({
    ...state.bounds,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Clinic desk',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  rememberWindowState(win, dir);
  serveIpc(station, win, appUrl);
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => { win = null; });
  void (devUrl ? win.loadURL(devUrl) : win.loadFile(rendererFile));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    hardenSessions();
    createWindow(openStation());
  });
}
