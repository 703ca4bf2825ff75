import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu';
import {
  COMMAND_TABLE,
  RESERVED_SHORTCUTS,
  normalizeShortcut,
  toAccelerator,
} from '../../shared/commands/commandTable';

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);

/** Owners of each key: every table command's shortcuts, plus the keys reserved by roles and the browser. */
function owners(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (key: string, owner: string) =>
    map.set(normalizeShortcut(key), [...(map.get(normalizeShortcut(key)) ?? []), owner]);
  for (const [id, spec] of Object.entries(COMMAND_TABLE))
    for (const s of 'shortcuts' in spec ? spec.shortcuts : []) add(s, id);
  for (const s of RESERVED_SHORTCUTS) add(s, `reserved ${s}`);
  return map;
}

describe('the command table', () => {
  it('gives no key to two commands (nor a key a menu role or the browser owns)', () => {
    const clashes = [...owners()].filter(([, who]) => who.length > 1).map(([key, who]) => `${key}: ${who.join(', ')}`);
    expect(clashes).toEqual([]);
  });

  it('notices a clash when one is there (the check can fail)', () => {
    const map = owners();
    // Ctrl+0 was the menu's "Zoom to fit" and the resetZoom role's key at once
    expect(map.get(normalizeShortcut('Mod+0'))).toEqual(['reserved Mod+0']);
    expect(normalizeShortcut('Shift+Mod+Z')).toBe(normalizeShortcut('Mod+Shift+Z'));
  });

  it('builds the menu accelerators from the table: Ctrl+E exports, the code view is Ctrl+J', () => {
    const items = flatten(buildMenuTemplate(() => undefined, { appName: 'SOP Studio', platform: 'linux', dev: true }));
    const accelerators = items.filter((i) => i.accelerator).map((i) => [i.id, i.accelerator]);
    expect(Object.fromEntries(accelerators)).toMatchObject({
      'view.toggleCode': 'CmdOrCtrl+J',
      'view.fitView': 'Shift+F',
      'edit.undo': 'CmdOrCtrl+Z',
    });
    expect(accelerators.filter(([, a]) => a === 'CmdOrCtrl+E')).toEqual([]);
    expect(accelerators.some(([, a]) => a === 'CmdOrCtrl+Shift+I')).toBe(false);
    for (const [id, a] of accelerators) {
      const spec = COMMAND_TABLE[id as keyof typeof COMMAND_TABLE];
      expect('shortcuts' in spec ? spec.shortcuts.map(toAccelerator) : [], String(id)).toContain(a);
    }
  });

  it('writes accelerators in Electron syntax', () => {
    expect(toAccelerator('Mod+Shift+L')).toBe('CmdOrCtrl+Shift+L');
    expect(toAccelerator('Alt+ArrowUp')).toBe('Alt+Up');
  });
});
