/**
 * App-level commands (file, history, undo/redo, modes) in the shared registry, and the bridge from
 * the Electron menu (window.desktop.onMenuCommand) to the registry.
 */
import { useEffect } from 'react';
import { registerCommands, runCommand } from './commands';
import { onMenuCommand } from './desktop';
import { checkpointCommand, importIntoCurrent, openFileCommand, saveCommand } from './projects';
import { useEditor } from './store';

export function useAppCommands(actions: {
  openNew(): void;
  openExport(): void;
  toggleCode(): void;
  openShortcuts(): void;
}): void {
  useEffect(() => {
    const unregister = registerCommands([
      { id: 'file.new', run: actions.openNew },
      { id: 'file.open', global: true, run: openFileCommand },
      { id: 'file.importMachine', run: importIntoCurrent },
      { id: 'file.save', global: true, run: () => saveCommand() },
      { id: 'file.saveAs', global: true, run: () => saveCommand({ saveAs: true }) },
      { id: 'file.checkpoint', run: () => checkpointCommand() },
      { id: 'file.export', global: true, run: actions.openExport },
      { id: 'edit.undo', enabled: () => useEditor.getState().canUndo, run: () => useEditor.getState().undo() },
      { id: 'edit.redo', enabled: () => useEditor.getState().canRedo, run: () => useEditor.getState().redo() },
      { id: 'view.toggleCode', global: true, run: actions.toggleCode },
      { id: 'help.shortcuts', run: actions.openShortcuts },
      { id: 'mode.design', global: true, run: () => useEditor.getState().setMode('design') },
      { id: 'mode.simulate', global: true, run: () => useEditor.getState().setMode('simulate') },
      { id: 'mode.operate', global: true, run: () => useEditor.getState().setMode('operate') },
    ]);
    const unmenu = onMenuCommand((id) => runCommand(id));
    return () => {
      unregister();
      unmenu();
    };
  }, [actions]);
}
