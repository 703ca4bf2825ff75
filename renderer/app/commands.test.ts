import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE, type CommandId } from '../../shared/commands/commandTable';
import { matchesShortcut } from './commands';

/** The keydown a person makes for a table shortcut (Ctrl as Mod: the tests run off macOS). */
function press(shortcut: string) {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  return {
    key: key.length === 1 ? key.toLowerCase() : key,
    ctrlKey: parts.includes('Mod'),
    metaKey: false,
    shiftKey: parts.includes('Shift'),
    altKey: parts.includes('Alt'),
  };
}

describe('shortcuts through the renderer matcher', () => {
  const entries = Object.entries(COMMAND_TABLE) as Array<[CommandId, { shortcuts?: readonly string[] }]>;

  it('each key of the table runs exactly one command', () => {
    for (const [id, spec] of entries) {
      for (const s of spec.shortcuts ?? []) {
        const e = press(s);
        const hits = entries
          .filter(([, other]) => (other.shortcuts ?? []).some((o) => matchesShortcut(e, o)))
          .map(([other]) => other);
        expect(hits, `${s} of ${id}`).toEqual([id]);
      }
    }
  });

  it('tells Ctrl+E (export) from Ctrl+J (code view) and Shift+F from F', () => {
    expect(matchesShortcut(press('Mod+E'), 'Mod+J')).toBe(false);
    expect(matchesShortcut(press('Mod+E'), 'Mod+E')).toBe(true);
    expect(
      matchesShortcut({ key: 'F', ctrlKey: false, metaKey: false, shiftKey: true, altKey: false }, 'Shift+F'),
    ).toBe(true);
    expect(
      matchesShortcut({ key: 'f', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false }, 'Shift+F'),
    ).toBe(false);
  });
});
