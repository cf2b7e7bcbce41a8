import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWindowState } from './windowState';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('loadWindowState', () => {
  it('remembers a saved size and falls back to the default for a missing, broken or tiny one', () => {
    dir = mkdtempSync(join(tmpdir(), 'winstate-'));
    expect(loadWindowState(dir).bounds).toMatchObject({ width: 1366, height: 860 });
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 10, y: 20, width: 1600, height: 900 }, maximized: true }));
    expect(loadWindowState(dir)).toEqual({ bounds: { x: 10, y: 20, width: 1600, height: 900 }, maximized: true });
    writeFileSync(join(dir, 'window-state.json'), '{broken');
    expect(loadWindowState(dir).bounds.width).toBe(1366);
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 0, y: 0, width: 100, height: 50 }, maximized: false }));
    expect(loadWindowState(dir).bounds.width).toBe(1366);
  });
});
