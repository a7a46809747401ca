import fs from 'node:fs';
import path from 'node:path';
import { writeOwnerOnlyFile } from '../services/ownerOnly';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const DEFAULT: WindowState = { width: 1280, height: 820, maximized: false };

/** The main window's last bounds, in the user data folder; a damaged file means defaults. */
export function loadWindowState(userDataDir: string): WindowState {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(userDataDir, 'window-state.json'), 'utf8')) as Partial<WindowState>;
    const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
    if (!ok(raw.width) || !ok(raw.height)) return DEFAULT;
    return {
      width: Math.max(640, raw.width as number),
      height: Math.max(480, raw.height as number),
      maximized: raw.maximized === true,
      ...(ok(raw.x) && ok(raw.y) ? { x: raw.x as number, y: raw.y as number } : {}),
    };
  } catch {
    return DEFAULT;
  }
}

export function saveWindowState(userDataDir: string, state: WindowState): void {
  writeOwnerOnlyFile(path.join(userDataDir, 'window-state.json'), JSON.stringify(state));
}
