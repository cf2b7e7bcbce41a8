/** The window's size and position, remembered between runs in the user-data folder. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1366, height: 860 }, maximized: false };

function isState(v: unknown): v is WindowState {
  const s = v as WindowState | null;
  return typeof s === 'object' && s !== null && typeof s.maximized === 'boolean' &&
    ['x', 'y', 'width', 'height'].every((k) => Number.isFinite((s.bounds as unknown as Record<string, unknown>)?.[k]));
}

export function loadWindowState(dir: string): WindowState {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'));
    if (isState(parsed) && parsed.bounds.width >= 800 && parsed.bounds.height >= 600) return parsed;
  } catch {
    // first run, or an unreadable file: use the default
  }
  return DEFAULT;
}

export function rememberWindowState(win: BrowserWindow, dir: string): void {
  const save = () => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeFileSync(join(dir, 'window-state.json'), JSON.stringify(state));
    } catch (err) {
      console.error('could not save the window state', err);
    }
  };
  win.on('close', save);
}
