/**
 * The application menu as data. Every item dispatches a MenuCommand to the renderer, which owns
 * what the command means (one command registry for menu, shortcuts and palette).
 *
 * Edit items show their accelerators but do not register them (`registerAccelerator: false`,
 * Windows/Linux): those keystrokes reach the page, so text fields and Monaco keep native
 * undo/copy/paste and the renderer's own key handling (the same as in the browser build) applies.
 * File and View accelerators are owned by the menu: in Electron the renderer should not bind them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../ipc/contract';

interface CommandItem {
  command: MenuCommand;
  label: string;
  accelerator?: string;
}

const FILE: CommandItem[] = [
  { command: 'file.new', label: 'New Graph', accelerator: 'CmdOrCtrl+N' },
  { command: 'file.open', label: 'Open…', accelerator: 'CmdOrCtrl+O' },
  { command: 'file.importMachine', label: 'Import XState Machine…', accelerator: 'CmdOrCtrl+Shift+I' },
  { command: 'file.save', label: 'Save', accelerator: 'CmdOrCtrl+S' },
  { command: 'file.saveAs', label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S' },
];
const EDIT: CommandItem[] = [
  { command: 'edit.undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z' },
  { command: 'edit.redo', label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z' },
  { command: 'edit.copy', label: 'Copy', accelerator: 'CmdOrCtrl+C' },
  { command: 'edit.paste', label: 'Paste', accelerator: 'CmdOrCtrl+V' },
  { command: 'edit.delete', label: 'Delete', accelerator: 'Delete' },
  { command: 'edit.selectAll', label: 'Select All', accelerator: 'CmdOrCtrl+A' },
];
const VIEW: CommandItem[] = [
  { command: 'view.find', label: 'Find State…', accelerator: 'CmdOrCtrl+F' },
  { command: 'view.fitView', label: 'Zoom to Fit', accelerator: 'CmdOrCtrl+0' },
  { command: 'view.autoLayout', label: 'Auto Layout', accelerator: 'CmdOrCtrl+Shift+L' },
  { command: 'view.toggleCode', label: 'Toggle Code View', accelerator: 'CmdOrCtrl+E' },
];

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Development builds get the reload/devtools items. */
  dev: boolean;
}

/** Build the menu template; `dispatch` sends a command to the focused window. */
export function buildMenuTemplate(dispatch: (command: MenuCommand) => void, opts: MenuOptions): MenuItemConstructorOptions[] {
  const item = (c: CommandItem, registerAccelerator = true): MenuItemConstructorOptions => ({
    label: c.label,
    id: c.command,
    ...(c.accelerator ? { accelerator: c.accelerator, registerAccelerator } : {}),
    click: () => dispatch(c.command),
  });
  const isMac = opts.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ label: opts.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { role: 'quit' }] });
  template.push({ label: 'File', submenu: [...FILE.map((c) => item(c)), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }] });
  template.push({ label: 'Edit', submenu: EDIT.map((c) => item(c, false)) });
  template.push({
    label: 'View',
    submenu: [
      ...VIEW.map((c) => item(c)),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(opts.dev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  });
  template.push({ label: 'Window', submenu: [{ role: 'minimize' }, ...(isMac ? ([{ role: 'zoom' }] as MenuItemConstructorOptions[]) : [])] });
  return template;
}
