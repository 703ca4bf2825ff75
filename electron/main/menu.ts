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
import { COMMAND_TABLE, toAccelerator } from '../../shared/commands/commandTable';

// Which commands each submenu lists, in order; labels and keys come from the one command table.
const FILE: MenuCommand[] = ['file.new', 'file.open', 'file.importMachine', 'file.save', 'file.saveAs'];
const EDIT: MenuCommand[] = ['edit.undo', 'edit.redo', 'edit.copy', 'edit.paste', 'edit.delete', 'edit.selectAll'];
const VIEW: MenuCommand[] = ['view.find', 'view.fitView', 'view.autoLayout', 'view.toggleCode'];
const HELP: MenuCommand[] = ['help.shortcuts'];

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Development builds get the reload/devtools items. */
  dev: boolean;
}

/** Build the menu template; `dispatch` sends a command to the focused window. */
export function buildMenuTemplate(
  dispatch: (command: MenuCommand) => void,
  opts: MenuOptions,
): MenuItemConstructorOptions[] {
  const item = (command: MenuCommand, registerAccelerator = true): MenuItemConstructorOptions => {
    const spec: { label: string; shortcuts?: readonly string[] } = COMMAND_TABLE[command];
    const shortcut = spec.shortcuts?.[0];
    return {
      label: spec.label,
      id: command,
      ...(shortcut ? { accelerator: toAccelerator(shortcut), registerAccelerator } : {}),
      click: () => dispatch(command),
    };
  };
  const isMac = opts.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac)
    template.push({
      label: opts.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  template.push({
    label: 'File',
    submenu: [...FILE.map((c) => item(c)), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
  });
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
      ...(opts.dev
        ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
    ],
  });
  template.push({
    label: 'Window',
    submenu: [{ role: 'minimize' }, ...(isMac ? ([{ role: 'zoom' }] as MenuItemConstructorOptions[]) : [])],
  });
  // the page owns '?' (typing a '?' into a field must stay a character): shown, not registered
  template.push({ role: 'help', submenu: HELP.map((c) => item(c, false)) });
  return template;
}
