/**
 * One command registry (commands as data, the excalidraw habit): the toolbar, keyboard shortcuts,
 * the command menu and the Electron menu all run commands by id from here.
 *
 * Ids reuse the Electron menu's `MenuCommand` names where one exists ('edit.undo', 'file.save'),
 * so a native menu click is just `runCommand(id)`.
 */
import { COMMAND_TABLE, type CommandId } from '../../shared/commands/commandTable';
import { isMac } from '../ui/formatShortcut';

export type { CommandId };

/** What a view registers: the behaviour. Label and keys come from the one command table. */
export interface CommandImpl {
  id: CommandId;
  /** Run also while typing in a text field (e.g. Save). Default false. */
  global?: boolean;
  enabled?: () => boolean;
  run: () => void | Promise<void>;
}

interface Command extends CommandImpl {
  label: string;
  /** e.g. 'Mod+Z', 'Mod+Shift+Z', 'Delete', 'Mod+F' (Mod = Cmd on macOS, Ctrl elsewhere). */
  shortcut: readonly string[];
  /** Menu group for display ('File', 'Edit', 'View', 'Graph', 'Help'). */
  group: string;
}

/** The shortcut shown for a command (tooltips): its first in the table, if any. */
export function shortcutOf(id: CommandId): string | undefined {
  return specOf(id).shortcut[0];
}

/** The table's label, group and shortcuts for a command id. */
function specOf(id: CommandId): { label: string; group: string; shortcut: readonly string[] } {
  const spec: { label: string; group: string; shortcuts?: readonly string[] } = COMMAND_TABLE[id];
  return { label: spec.label, group: spec.group, shortcut: spec.shortcuts ?? [] };
}

const registry = new Map<string, Command>();

/** Register commands; returns a function that removes exactly these registrations. */
export function registerCommands(impls: CommandImpl[]): () => void {
  const commands: Command[] = impls.map((c) => ({ ...specOf(c.id), ...c }));
  for (const c of commands) registry.set(c.id, c);
  return () => {
    for (const c of commands) if (registry.get(c.id) === c) registry.delete(c.id);
  };
}

/** Run a command by id if it exists and is enabled. Returns whether it ran. */
export function runCommand(id: CommandId): boolean {
  const c = registry.get(id);
  if (!c || (c.enabled && !c.enabled())) return false;
  void c.run();
  return true;
}

/** True when a keyboard event matches a shortcut string like 'Mod+Shift+Z'. */
export function matchesShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  shortcut: string,
): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toLowerCase();
  const want = new Set(parts.map((p) => p.toLowerCase()));
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (want.has('mod') !== mod) return false;
  if (want.has('shift') !== e.shiftKey) return false;
  if (want.has('alt') !== e.altKey) return false;
  if (!isMac && e.metaKey) return false;
  const pressed = e.key.toLowerCase();
  return pressed === key || (key === 'delete' && pressed === 'backspace');
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return true;
  // Monaco's EditContext surface is a plain div: it has its own undo, copy and delete
  return target.closest('.nokey, .monaco-editor') !== null;
}

/** Install the document-level shortcut handler once (Shell does). */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const typing = typingInto(e.target);
    for (const c of registry.values()) {
      if (!c.shortcut.length || (typing && !c.global)) continue;
      if (!c.shortcut.some((s) => matchesShortcut(e, s))) continue;
      if (c.enabled && !c.enabled()) return;
      e.preventDefault();
      void c.run();
      return;
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
