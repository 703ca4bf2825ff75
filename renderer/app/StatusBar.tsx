/** Status bar: diagnostics counts (click → Problems), state/branch counts, save state, last edit. */
import { useEffect, useMemo, useState } from 'react';
import { plural } from '../ui/plural';
import { flattenMachine } from '../../shared/model/flatten';
import { useDiagnostics } from '../features/validation/useDiagnostics';
import { ConnectionStatus } from '../features/operate/ConnectionStatus';
import { branchCount } from '../features/inspector/branchCount';
import { getSaveState, onSaveState, type SaveState } from './autosave';
import { useEditor, type EditorState } from './store';

const selectMachine = (s: EditorState) => s.doc.machine;
const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved',
  pending: 'Saving…',
  saving: 'Saving…',
  error: 'Save failed',
};

export function StatusBar() {
  const diagnostics = useDiagnostics();
  const machine = useEditor(selectMachine);
  const rollout = useEditor((s) => s.doc.rollout);
  const [save, setSave] = useState<SaveState>(getSaveState());
  useEffect(() => onSaveState(setSave), []);
  const counts = useMemo(() => {
    const flat = flattenMachine(machine);
    return { states: flat.stateOrder.length, branches: branchCount(flat, machine) };
  }, [machine]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const openProblems = () => {
    const s = useEditor.getState();
    s.setMode('design');
    s.setBottomTab('validation');
  };
  return (
    <footer className="status-bar" data-testid="status-bar">
      <button className="status-item" onClick={openProblems} data-testid="status-diagnostics" title="Show problems">
        <span className={errors ? 'dot dot-bad' : 'dot dot-good'} /> {errors} {errors === 1 ? 'error' : 'errors'}
        <span className={warnings ? 'dot dot-warn' : 'dot dot-muted'} /> {warnings}{' '}
        {warnings === 1 ? 'warning' : 'warnings'}
      </button>
      <span className="status-item muted">
        {plural(counts.states, 'state')} · {plural(counts.branches, 'branch', 'branches')} · rollout <b>{rollout}</b>
      </span>
      <span className="status-spacer" />
      <ConnectionStatus />
      <span className={`status-item save-${save}`} data-testid="save-state">
        {SAVE_TEXT[save]}
      </span>
    </footer>
  );
}
