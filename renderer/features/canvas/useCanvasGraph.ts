/**
 * Subscribes narrowly (machine, layout, overlay, selection) and derives React Flow nodes/edges.
 * Unchanged nodes and edges keep their object identity so React Flow and memoized node views skip
 * them: a one-state edit re-renders one node, not a thousand.
 */
import { useMemo, useRef } from 'react';
import { flattenMachine, type FlatGraph } from '../../../shared/model/flatten';
import { useEditor, type EditorState, type Selection } from '../../app/store';
import { deriveEdges, deriveNodes, type StateNode, type TransitionEdge } from './derive';
import { routeIsFresh } from './edgeRoutes';
import { routesOfLayout } from './savedRoutes';
import { absoluteNodeBoxes, placeLabels } from './labelPlacement';
import { useDiagnostics } from '../validation/useDiagnostics';
import { guardErrors } from './guardErrors';

const selectMachine = (s: EditorState) => s.doc.machine;
const selectLayout = (s: EditorState) => s.doc.layout;
const selectOverlay = (s: EditorState) => s.overlay;
const selectSelection = (s: EditorState) => s.selection;

function shallowEqual(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

function sameNode(a: StateNode, b: StateNode): boolean {
  return (
    a.type === b.type &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.parentId === b.parentId &&
    !!a.selected === !!b.selected &&
    shallowEqual(a.data, b.data)
  );
}

function sameEdge(a: TransitionEdge, b: TransitionEdge): boolean {
  return (
    a.source === b.source && a.target === b.target && !!a.selected === !!b.selected && shallowEqual(a.data, b.data)
  );
}

function reuse<T extends { id: string }>(prev: Map<string, T>, next: T[], same: (a: T, b: T) => boolean): T[] {
  return next.map((n) => {
    const p = prev.get(n.id);
    return p && same(p, n) ? p : n;
  });
}

function isSelectedState(sel: Selection, key: string): boolean {
  return (sel?.kind === 'state' && sel.key === key) || (sel?.kind === 'multi' && sel.keys.includes(key));
}

export interface CanvasGraph {
  flat: FlatGraph;
  nodes: StateNode[];
  edges: TransitionEdge[];
}

export function useCanvasGraph(): CanvasGraph {
  const machine = useEditor(selectMachine);
  const layout = useEditor(selectLayout);
  const overlay = useEditor(selectOverlay);
  const selection = useEditor(selectSelection);
  const prevNodes = useRef(new Map<string, StateNode>());
  const prevEdges = useRef(new Map<string, TransitionEdge>());
  const flat = useMemo(() => flattenMachine(machine), [machine]);
  const rawNodes = useMemo(() => deriveNodes(layout, flat, overlay), [flat, layout, overlay]);
  const routes = useMemo(() => routesOfLayout(layout), [layout]);
  const diagnostics = useDiagnostics();
  const errors = useMemo(() => guardErrors(diagnostics), [diagnostics]);
  const rawEdges = useMemo(() => {
    let edges = deriveEdges(flat, overlay);
    if (routes.size) {
      // elk's routes where both states are still where elk put them
      const boxes = absoluteNodeBoxes(rawNodes);
      edges = edges.map((e) => {
        const r = routes.get(e.id);
        return r && routeIsFresh(r, boxes.get(e.source), boxes.get(e.target))
          ? { ...e, data: { ...e.data!, route: r } }
          : e;
      });
    }
    const nudges = placeLabels(rawNodes, edges);
    return nudges.size
      ? edges.map((e) =>
          nudges.has(e.id)
            ? { ...e, data: { ...e.data!, labelDx: nudges.get(e.id)!.dx, labelDy: nudges.get(e.id)!.dy } }
            : e,
        )
      : edges;
  }, [flat, overlay, rawNodes, routes]);
  /* eslint-disable react-hooks/refs -- identity reuse: the previous render's node/edge objects are kept where
     unchanged so memoised cards skip re-rendering; the refs only cache, they never decide what is drawn */
  return useMemo(() => {
    const withSel = rawNodes.map((n) => (isSelectedState(selection, n.id) ? { ...n, selected: true } : n));
    const nodes = reuse(prevNodes.current, withSel, sameNode);
    const edges = reuse(
      prevEdges.current,
      rawEdges.map((e) => {
        const error = errors.get(e.data!.transitionId);
        const withError = error ? { ...e, data: { ...e.data!, guardError: error } } : e;
        return selection?.kind === 'transition' && e.data!.transitionId === selection.id
          ? { ...withError, selected: true }
          : withError;
      }),
      sameEdge,
    );
    prevNodes.current = new Map(nodes.map((n) => [n.id, n]));
    prevEdges.current = new Map(edges.map((e) => [e.id, e]));
    return { flat, nodes, edges };
  }, [flat, rawNodes, rawEdges, selection, errors]);
  /* eslint-enable react-hooks/refs */
}
