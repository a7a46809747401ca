import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, } from '../../shared/contract/transport';
import type { RecentCycle } from '../../shared/contract/calls';

export interface MenuActions {
  send(command: MenuCommand): void;
  presenter(): void;
  /** The focused window's print dialog; the print stylesheet leaves the rail and buttons out. */
  print(): void;
  about(): void;
  /** Opens the folder of the app's log (errorLog.logFolder) in the file manager. */
  openLog(): void;
  quit(): void;
}

/** File, Edit, View, Window, Help; Open Recent lists the recent cycles that still exist. */
export function menuTemplate(platform: NodeJS.Platform, recent: RecentCycle[], actions: MenuActions, dev: boolean): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent cycles', enabled: false }]
      : recent.map((r) => ({ label: `${r.name} — ${r.path}`, enabled: r.exists, click: () => actions.send({ kind: 'open-path', path: r.path }) }));
  const view: MenuItemConstructorOptions[] = [
    ...(dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Cycle…', accelerator: 'CmdOrCtrl+N', click: () => actions.send({ kind: 'new-cycle' }) },
        { label: 'Start Next Cycle…', click: () => actions.send({ kind: 'next-cycle' }) },
        { label: 'Open Cycle…', accelerator: 'CmdOrCtrl+O', click: () => actions.send({ kind: 'open-cycle' }) },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Print…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { type: 'separator' },
        { label: 'Close Cycle', accelerator: 'CmdOrCtrl+W', click: () => actions.send({ kind: 'close-cycle' }) },
        ...(platform === 'darwin' ? [] : [{ type: 'separator' as const }, { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }]),
      ],
    },
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: '&View', submenu: view },
    {
      label: '&Window',
      submenu: [
        { label: 'Presenter View', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.presenter() },
        { type: 'separator' },
        { role: 'minimize' },
        ...(platform === 'darwin' ? [{ role: 'zoom' as const }, { role: 'front' as const }] : [{ role: 'close' as const }]),
      ],
    },
    { label: '&Help', role: 'help', submenu: [{ label: 'About Model Review Board', click: () => actions.about() }, { label: 'Open Log Folder', click: () => actions.openLog() }] },
  ];
}

export function aboutText(versions: Record<string, string | undefined>): string {
  return Object.entries(versions)
    .map(([name, version]) => `${name}: ${version ?? 'unknown'}`)
    .join('\n');
}
