/**
 * IPC channel names, derived from the contract's handler map: one `invoke` channel per handler
 * plus one main → renderer channel for menu commands. No runtime electron import, so the preload
 * bundle and Node tests share it.
 */
import type { IpcHandlers, MenuCommand } from './contract';

export type HandlerName = keyof IpcHandlers;

/** Every handler name, checked at compile time against the contract (adding one there fails here). */
const HANDLER_NAMES = {
  getAppInfo: true,
  openGraphFile: true,
  saveGraphFile: true,
  openLogFile: true,
  readLogChunk: true,
  exportFile: true,
} as const satisfies Record<HandlerName, true>;

export const HANDLERS = Object.keys(HANDLER_NAMES) as HandlerName[];

const PREFIX = 'sop-studio:';

/** The invoke channel of a handler, e.g. `sop-studio:saveGraphFile`. */
export function channelOf(name: HandlerName): string {
  return `${PREFIX}${name}`;
}

/** Main → renderer: a menu item or accelerator fired. Payload: a MenuCommand. */
export const MENU_COMMAND_CHANNEL = `${PREFIX}menu-command`;

export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.importMachine',
  'edit.undo',
  'edit.redo',
  'edit.copy',
  'edit.paste',
  'edit.delete',
  'edit.selectAll',
  'view.fitView',
  'view.autoLayout',
  'view.toggleCode',
  'view.find',
  'help.shortcuts',
] as const satisfies readonly MenuCommand[];

// Compile-time check that MENU_COMMANDS lists every MenuCommand (not just a subset).
type Missing = Exclude<MenuCommand, (typeof MENU_COMMANDS)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
