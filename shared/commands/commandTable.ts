/**
 * The one command table: id, label and shortcut of every command the app has. The Electron menu
 * (menu.ts) builds its items and accelerators from it, and the renderer's command registry takes
 * labels and shortcuts from it, so a key can never mean one thing in the menu and another in the
 * page (the menu's Ctrl+E once toggled the code view while the page's Ctrl+E exported).
 *
 * Pure data in shared/: the Electron main process and the renderer both read it.
 *
 * Shortcut syntax: '+'-joined, modifiers first; 'Mod' is Cmd on macOS and Ctrl elsewhere; the
 * key is a KeyboardEvent.key ('Z', 'Delete', 'ArrowUp', '?').
 */

export interface CommandSpec {
  label: string;
  /** Where the command is listed (menu submenu, shortcut sheet section). */
  group: 'File' | 'Edit' | 'View' | 'Graph' | 'Operate' | 'Help';
  /** The first shortcut is the one shown in menus and tooltips. */
  shortcuts?: readonly string[];
}

export const COMMAND_TABLE = {
  'file.new': { label: 'New graph…', group: 'File', shortcuts: ['Mod+N'] },
  'file.open': { label: 'Open…', group: 'File', shortcuts: ['Mod+O'] },
  // no shortcut: Ctrl+Shift+I opens the developer tools in Chromium and Electron
  'file.importMachine': { label: 'Import XState machine…', group: 'File' },
  'file.save': { label: 'Save', group: 'File', shortcuts: ['Mod+S'] },
  'file.saveAs': { label: 'Save as…', group: 'File', shortcuts: ['Mod+Shift+S'] },
  'file.checkpoint': { label: 'Save checkpoint', group: 'File' },
  'file.export': { label: 'Export…', group: 'File', shortcuts: ['Mod+E'] },
  'edit.undo': { label: 'Undo', group: 'Edit', shortcuts: ['Mod+Z'] },
  'edit.redo': { label: 'Redo', group: 'Edit', shortcuts: ['Mod+Shift+Z', 'Mod+Y'] },
  'edit.copy': { label: 'Copy', group: 'Edit', shortcuts: ['Mod+C'] },
  'edit.paste': { label: 'Paste', group: 'Edit', shortcuts: ['Mod+V'] },
  'edit.delete': { label: 'Delete', group: 'Edit', shortcuts: ['Delete', 'Backspace'] },
  'edit.selectAll': { label: 'Select all', group: 'Edit', shortcuts: ['Mod+A'] },
  'view.find': { label: 'Find state…', group: 'View', shortcuts: ['Mod+F'] },
  // not Ctrl+0: that resets the page zoom (the View menu's resetZoom role)
  'view.fitView': { label: 'Zoom to fit', group: 'View', shortcuts: ['Shift+F'] },
  'view.autoLayout': { label: 'Auto layout', group: 'View', shortcuts: ['Mod+Shift+L'] },
  'view.toggleCode': { label: 'Toggle code view', group: 'View', shortcuts: ['Mod+J'] },
  'mode.design': { label: 'Design mode', group: 'View', shortcuts: ['Mod+1'] },
  'mode.simulate': { label: 'Simulate mode', group: 'View', shortcuts: ['Mod+2'] },
  'mode.operate': { label: 'Operate mode', group: 'View', shortcuts: ['Mod+3'] },
  'canvas.addState': { label: 'Add state', group: 'Graph', shortcuts: ['N'] },
  'canvas.branchUp': { label: 'Move branch up', group: 'Graph', shortcuts: ['Alt+ArrowUp'] },
  'canvas.branchDown': { label: 'Move branch down', group: 'Graph', shortcuts: ['Alt+ArrowDown'] },
  // the approval inbox (Operate mode): one key per decision, as in a mail client
  'inbox.approve': { label: "Approve the agent's draft", group: 'Operate', shortcuts: ['A'] },
  'inbox.edit': { label: 'Approve with another branch', group: 'Operate', shortcuts: ['E'] },
  'inbox.reject': { label: 'Reject the draft', group: 'Operate', shortcuts: ['R'] },
  'inbox.next': { label: 'Next inbox item', group: 'Operate', shortcuts: ['J'] },
  'inbox.previous': { label: 'Previous inbox item', group: 'Operate', shortcuts: ['K'] },
  // '?' is typed with Shift on most layouts; KeyboardEvent.key is then '?'
  'help.shortcuts': { label: 'Keyboard shortcuts', group: 'Help', shortcuts: ['Shift+?'] },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMAND_TABLE;

/**
 * Keys the menu's built-in roles and the browser already own (zoom, devtools, reload, quit,
 * full screen, window close): no command may take them.
 */
export const RESERVED_SHORTCUTS: readonly string[] = [
  'Mod+0',
  'Mod+=',
  'Mod+-',
  'Mod+Shift+I',
  'Mod+R',
  'Mod+Shift+R',
  'Mod+Q',
  'Mod+W',
  'Mod+M',
  'F11',
  'F12',
];

/** Electron accelerator syntax for a table shortcut ('Mod+Shift+Z' → 'CmdOrCtrl+Shift+Z'). */
export function toAccelerator(shortcut: string): string {
  return shortcut
    .split('+')
    .map((p) => (p === 'Mod' ? 'CmdOrCtrl' : p === 'ArrowUp' ? 'Up' : p === 'ArrowDown' ? 'Down' : p))
    .join('+');
}

/** A canonical form for comparing shortcuts: modifiers sorted, key lower-cased. */
export function normalizeShortcut(shortcut: string): string {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toLowerCase();
  return [...parts.map((p) => p.toLowerCase()).sort(), key].join('+');
}
