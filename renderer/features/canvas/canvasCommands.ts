/**
 * Canvas commands in the shared registry: delete, copy/paste, select all, add state, reorder
 * branches, auto-layout, zoom to fit, find. The toolbar, shortcuts and the Electron menu run them.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect, useSyncExternalStore } from 'react';
import {
  addState,
  copyStates,
  isStatesClipboard,
  moveTransition,
  pasteStates,
  removeStates,
  removeTransition,
  replaceLayout,
  uniqueStateName,
  type StatesClipboard,
} from '../../../shared/model/edits';
import { flattenMachine } from '../../../shared/model/flatten';
import { registerCommands } from '../../app/commands';
import { useEditor } from '../../app/store';
import type { StateNode, TransitionEdge } from './derive';
import { computeLayout } from './autoLayout';
import type { FitGraph } from './useFitGraph';

let clipboard: StatesClipboard | null = null;

function selectedKeys(): string[] {
  const sel = useEditor.getState().selection;
  return sel?.kind === 'state' ? [sel.key] : sel?.kind === 'multi' ? sel.keys : [];
}

/** Run elk and apply the result as one undoable edit; fit the view afterwards. */
let layoutsRunning = 0;
const layoutListeners = new Set<() => void>();
const layoutChanged = (delta: number) => {
  layoutsRunning += delta;
  for (const l of layoutListeners) l();
};
/** True while an auto-layout is computing or fitting its result (the canvas shows it as data-layout). */
export function useLayoutRunning(): boolean {
  return useSyncExternalStore(
    (l) => {
      layoutListeners.add(l);
      return () => layoutListeners.delete(l);
    },
    () => layoutsRunning > 0,
  );
}

async function runAutoLayout(fitGraph: FitGraph): Promise<void> {
  layoutChanged(1);
  try {
    const doc = useEditor.getState().doc;
    const layout = await computeLayout(doc);
    useEditor.getState().edit('Auto layout', (d) => replaceLayout(d, layout));
    // the fit resolves when its animation has ended
    await new Promise<void>((done) =>
      requestAnimationFrame(
        () =>
          void fitGraph(250).then(
            () => done(),
            () => done(),
          ),
      ),
    );
  } finally {
    layoutChanged(-1);
  }
}

/** Move the selected branch up or down its state's list (order is meaning). */
function moveSelectedBranch(delta: -1 | 1): void {
  const { selection, doc, edit, select } = useEditor.getState();
  if (selection?.kind !== 'transition') return;
  const flat = flattenMachine(doc.machine);
  const t = flat.transitions.find((x) => x.id === selection.id);
  if (!t) return;
  const list = flat.outgoing.get(t.source) ?? [];
  const neighbour = list[t.order + delta];
  if (!neighbour || neighbour.kind !== t.kind) return;
  edit(delta < 0 ? 'Move branch up' : 'Move branch down', (d) => moveTransition(d, t.id, delta));
  // the moved branch now has its neighbour's order (and, for `on`, maybe another id form)
  const after = flattenMachine(useEditor.getState().doc.machine).outgoing.get(t.source) ?? [];
  const same = after.find((x) => x.config === t.config) ?? after[t.order + delta];
  if (same) select({ kind: 'transition', id: same.id });
}

function deleteSelection(): void {
  const { selection, edit, select } = useEditor.getState();
  if (!selection) return;
  if (selection.kind === 'transition') edit('Delete branch', (d) => removeTransition(d, selection.id));
  else {
    const keys = selection.kind === 'state' ? [selection.key] : selection.keys;
    edit(keys.length > 1 ? `Delete ${keys.length} states` : 'Delete state', (d) => removeStates(d, keys));
  }
  select(null);
}

function addStateAtCenter(flow: Pick<ReactFlowInstance<StateNode, TransitionEdge>, 'screenToFlowPosition'>): void {
  const { doc, edit, select } = useEditor.getState();
  const el = document.querySelector('.canvas')?.getBoundingClientRect();
  const p = flow.screenToFlowPosition({
    x: (el?.left ?? 0) + (el?.width ?? 800) / 2,
    y: (el?.top ?? 0) + (el?.height ?? 600) / 2,
  });
  const jitter = (Object.keys(doc.machine.states ?? {}).length % 5) * 24;
  const name = uniqueStateName(doc, null, 'state');
  edit('Add state', (d) =>
    addState(d, { name, position: { x: Math.round(p.x - 105 + jitter), y: Math.round(p.y - 34 + jitter) } }),
  );
  select({ kind: 'state', key: name });
}

export function useCanvasCommands(
  flow: ReactFlowInstance<StateNode, TransitionEdge>,
  openFind: () => void,
  fitGraph: FitGraph,
): void {
  useEffect(
    () =>
      registerCommands([
        { id: 'canvas.addState', run: () => addStateAtCenter(flow) },
        { id: 'edit.delete', enabled: () => !!useEditor.getState().selection, run: deleteSelection },
        {
          id: 'edit.copy',
          enabled: () => selectedKeys().length > 0,
          run: () => {
            clipboard = copyStates(useEditor.getState().doc, selectedKeys());
            void navigator.clipboard?.writeText(JSON.stringify(clipboard)).catch(() => {});
          },
        },
        {
          id: 'edit.paste',
          run: async () => {
            let clip = clipboard;
            if (!clip) {
              const text = await navigator.clipboard?.readText().catch(() => '');
              try {
                const parsed: unknown = text ? JSON.parse(text) : null;
                if (isStatesClipboard(parsed)) clip = parsed;
              } catch {
                /* not ours */
              }
            }
            if (!clip) return;
            const payload = clip;
            const { edit, select } = useEditor.getState();
            let keys: string[] = [];
            edit('Paste', (d) => {
              const r = pasteStates(d, payload, null);
              keys = r.keys;
              return r.doc;
            });
            select(keys.length === 1 ? { kind: 'state', key: keys[0]! } : { kind: 'multi', keys });
          },
        },
        {
          id: 'edit.selectAll',
          run: () => {
            const keys = flattenMachine(useEditor.getState().doc.machine).stateOrder;
            useEditor.getState().select(keys.length ? { kind: 'multi', keys } : null);
          },
        },
        {
          id: 'canvas.branchUp',
          enabled: () => useEditor.getState().selection?.kind === 'transition',
          run: () => moveSelectedBranch(-1),
        },
        {
          id: 'canvas.branchDown',
          enabled: () => useEditor.getState().selection?.kind === 'transition',
          run: () => moveSelectedBranch(1),
        },
        { id: 'view.autoLayout', run: () => runAutoLayout(fitGraph) },
        { id: 'view.fitView', run: () => void fitGraph(250) },
        { id: 'view.find', global: true, run: openFind },
      ]),
    [flow, openFind, fitGraph],
  );
}
