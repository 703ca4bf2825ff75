/**
 * The designer canvas. React Flow is controlled by the document: nodes and edges are derived from
 * it, and every user gesture becomes a document edit through the store. The only canvas-local
 * state is the in-flight drag (committed to doc.layout as one undo step on drop).
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnNodeDrag,
  type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { addState, addTransition, setLayout, uniqueStateName } from '../../../shared/model/edits';
import { flattenMachine } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';
import { CanvasToolbar } from './CanvasToolbar';
import { useCanvasCommands, useLayoutRunning } from './canvasCommands';
import {
  GROUP_HEADER,
  GROUP_PAD,
  NODE_H,
  NODE_W,
  type StateNode,
  type TransitionEdge as TransitionEdgeT,
} from './derive';
import { FindBar } from './FindBar';
import { useFitGraph } from './useFitGraph';
import { useRevealInView } from './useRevealInView';
import GroupNode from './GroupNode';
import { OverlayLegend } from './OverlayLegend';
import { SelectionBar } from './SelectionBar';
import StateNodeView from './StateNode';
import TransitionEdge from './TransitionEdge';
import { useCanvasGraph } from './useCanvasGraph';
import { LARGE_GRAPH_STATES, LowDetailContext, drawsOnCanvasLayer, selectLowDetail } from './lod';
import { LowDetailEdges } from './LowDetailEdges';
import { LowDetailLayer } from './LowDetailLayer';
import { lowDetailPaths } from './lowDetailPaths';
import { lowDetailScene } from './lowDetailScene';
import { buildHitIndex, hitTest } from './hitIndex';

const nodeTypes = { state: StateNodeView, group: GroupNode };
const edgeTypes = { transition: TransitionEdge };
// userSpaceOnUse: arrowheads keep one size when the overlay widens an edge to show its traffic
const defaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#8b93a7', markerUnits: 'userSpaceOnUse' },
};
const proOptions = { hideAttribution: true };
const LARGE = LARGE_GRAPH_STATES;
/** Low detail: branches are drawn by LowDetailEdges, not by React Flow (see lowDetailPaths.ts). */
const NO_EDGES: TransitionEdgeT[] = [];

/** Select the last `always` branch of `source` after a connect (ids are order-based). */
function lastBranchId(source: string): string | null {
  const out = flattenMachine(useEditor.getState().doc.machine).outgoing.get(source) ?? [];
  const always = out.filter((t) => t.kind === 'always');
  return always[always.length - 1]?.id ?? null;
}

function CanvasInner() {
  const { nodes: derived, edges, flat } = useCanvasGraph();
  const edit = useEditor((s) => s.edit);
  const select = useEditor((s) => s.select);
  const flow = useReactFlow<StateNode, TransitionEdgeT>();
  const fitGraph = useFitGraph();
  const [dragNodes, setDragNodes] = useState<StateNode[] | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const nodes = dragNodes ?? derived;
  const nodesRef = useRef(nodes);
  // latest-value ref, read only in event handlers (never while rendering)
  // eslint-disable-next-line react-hooks/refs -- written here so a handler in this same render sees these nodes
  nodesRef.current = nodes;
  const openFind = useCallback(() => setFindOpen(true), []);
  // another project opened: show all of it once React Flow has measured the new nodes. A blank
  // graph has nothing to show, so its first state must not re-centre the view (the next
  // double-click would land on that state instead of adding one): no pending fit then. This
  // replaces React Flow's `fitView` prop, which waits for the first nodes and fits then.
  const projectId = useEditor((s) => s.projectId);
  const nodeCount = derived.length;
  const initialized = useNodesInitialized();
  /** The project whose opening fit is done (a ref for the effect, state for data-view). */
  const fitDoneFor = useRef<string | null | undefined>(undefined);
  const [settledFor, setSettledFor] = useState<string | null | undefined>(undefined);
  // compared during render: the frame that shows another project never claims to be at rest
  const viewSettled = settledFor === projectId;
  useEffect(() => {
    if (fitDoneFor.current === projectId) return;
    const done = () => {
      fitDoneFor.current = projectId;
      setSettledFor(projectId);
    };
    if (nodeCount === 0) return done();
    // nodes carry their sizes, so a short delay is enough even when some are never measured
    // (onlyRenderVisibleElements on large graphs); `initialized` re-fits once all are measured
    const final = initialized || nodeCount > LARGE;
    const id = setTimeout(() => {
      performance.mark('sop-open:fit');
      void fitGraph();
      if (final) done();
    }, 120);
    return () => clearTimeout(id);
  }, [initialized, projectId, fitGraph, nodeCount]);
  /** True while the viewport moves (pan, zoom, an animated fit): clicks would land on moving cards. */
  const [moving, setMoving] = useState(false);
  const onMoveStart = useCallback(() => setMoving(true), []);
  const onMoveEnd = useCallback(() => setMoving(false), []);
  const layoutRunning = useLayoutRunning();
  useCanvasCommands(flow, openFind, fitGraph);
  useRevealInView(flow);
  const hasOverlay = useEditor((s) => s.overlay !== null);
  // the docked legend comes and goes with the overlay: refit so it never covers a state
  const overlayShown = useRef(hasOverlay);
  useEffect(() => {
    if (overlayShown.current === hasOverlay) return;
    overlayShown.current = hasOverlay;
    void fitGraph();
  }, [hasOverlay, fitGraph]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StateNode>[]) => {
      const moves = changes.filter((c) => c.type === 'position' && c.position);
      if (moves.length) {
        const dragging = moves.some((c) => c.type === 'position' && c.dragging);
        if (dragging) setDragNodes((cur) => applyNodeChanges(moves, cur ?? nodesRef.current));
        else {
          // keyboard nudges: straight into the document, coalesced while the key repeats
          const entries: Record<string, { x: number; y: number }> = {};
          for (const c of moves)
            if (c.type === 'position' && c.position)
              entries[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
          useEditor.getState().edit('Move states', (d) => setLayout(d, entries), { coalesce: 'nudge' });
        }
      }
      const sel = changes.filter((c) => c.type === 'select');
      if (sel.length) {
        const cur = useEditor.getState().selection;
        const keys = new Set(cur?.kind === 'state' ? [cur.key] : cur?.kind === 'multi' ? cur.keys : []);
        for (const c of sel) {
          if (c.type !== 'select') continue;
          if (c.selected) keys.add(c.id);
          else keys.delete(c.id);
        }
        const list = [...keys];
        if (list.length === 1) select({ kind: 'state', key: list[0]! });
        else if (list.length > 1) select({ kind: 'multi', keys: list });
        else if (cur?.kind !== 'transition') select(null);
      }
    },
    [select],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const c of changes) {
        if (c.type !== 'select') continue;
        const id = c.id.split('~')[0]!;
        const cur = useEditor.getState().selection;
        if (c.selected) select({ kind: 'transition', id });
        else if (cur?.kind === 'transition' && cur.id === id) select(null);
      }
    },
    [select],
  );

  const onNodeDragStart: OnNodeDrag<StateNode> = useCallback(() => setDragNodes(nodesRef.current), []);
  const onNodeDragStop: OnNodeDrag<StateNode> = useCallback(
    (_e, _node, dragged) => {
      const entries: Record<string, { x: number; y: number }> = {};
      for (const n of dragged) entries[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      edit(dragged.length > 1 ? 'Move states' : 'Move state', (d) => setLayout(d, entries), { coalesce: 'drag' });
      setDragNodes(null);
    },
    [edit],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target) return;
      edit('Add branch', (d) => addTransition(d, { source: c.source, target: c.target }));
      const id = lastBranchId(c.source);
      if (id) select({ kind: 'transition', id });
    },
    [edit, select],
  );

  const large = flat.stateOrder.length > LARGE;
  const empty = flat.stateOrder.length === 0;
  const lowDetail = useStore(selectLowDetail);
  // zoomed out, a large graph is drawn on the canvas layer: its nodes stay in React Flow's store
  // (fit, find and reveal use them) but hidden, so none of them is in the DOM
  const stateCount = flat.stateOrder.length;
  const onCanvasLayer = useStore(
    useCallback(
      (s: ReactFlowState) => drawsOnCanvasLayer(stateCount, s.transform[2], !viewSettled),
      [stateCount, viewSettled],
    ),
  );
  const flowNodes = useMemo(
    () => (onCanvasLayer ? nodes.map((n) => ({ ...n, hidden: true })) : nodes),
    [onCanvasLayer, nodes],
  );
  const scene = useMemo(() => (onCanvasLayer ? lowDetailScene(nodes) : null), [onCanvasLayer, nodes]);
  const scenePaths = useMemo(() => (onCanvasLayer ? lowDetailPaths(nodes, edges) : []), [onCanvasLayer, nodes, edges]);
  const hits = useMemo(() => (scene ? buildHitIndex(scene.hitBoxes) : null), [scene]);
  /** The state under a client point on the canvas layer (null off the layer or between states). */
  const stateAt = useCallback(
    (e: { clientX: number; clientY: number }) => {
      if (!hits) return null;
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      return hitTest(hits, p.x, p.y);
    },
    [hits, flow],
  );
  /** A click on the canvas layer selects the state under the pointer (with Ctrl/Meta: toggles it). */
  const onPaneClick = useCallback(
    (e: MouseEvent) => {
      const key = stateAt(e);
      if (!key) return;
      const additive = e.ctrlKey || e.metaKey;
      // React Flow clears its selection right after this handler (its onNodesChange deselects):
      // select once that has run, or a click on the selected state would end up selecting nothing
      const before = useEditor.getState().selection;
      queueMicrotask(() => {
        if (!additive) return select({ kind: 'state', key });
        const keys = new Set(before?.kind === 'state' ? [before.key] : before?.kind === 'multi' ? before.keys : []);
        if (keys.has(key)) keys.delete(key);
        else keys.add(key);
        const list = [...keys];
        select(
          list.length === 1 ? { kind: 'state', key: list[0]! } : list.length ? { kind: 'multi', keys: list } : null,
        );
      });
    },
    [stateAt, select],
  );

  /**
   * Double-click on empty canvas adds a state there; inside a compound state, as its child. On the
   * canvas layer, a double-click on a state zooms in to it (and selects it).
   */
  const onDoubleClick = useCallback(
    (e: MouseEvent) => {
      const el = e.target as HTMLElement;
      const group = el.closest<HTMLElement>('.react-flow__node-group');
      if (!el.classList.contains('react-flow__pane') && !group) return;
      if (el.closest('.react-flow__node-state')) return;
      const hit = el.classList.contains('react-flow__pane') ? stateAt(e) : null;
      const hitBox = hit ? scene?.hitBoxes.find((b) => b.key === hit) : undefined;
      if (hit && hitBox) {
        select({ kind: 'state', key: hit });
        void flow.setCenter(hitBox.x + hitBox.w / 2, hitBox.y + hitBox.h / 2, { zoom: 0.9, duration: 300 });
        return;
      }
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const parent = group?.dataset.id ?? null;
      let pos = { x: Math.round(p.x - NODE_W / 2), y: Math.round(p.y - NODE_H / 2) };
      if (parent) {
        const abs = flow.getInternalNode(parent)?.internals.positionAbsolute ?? { x: 0, y: 0 };
        pos = { x: Math.max(GROUP_PAD, pos.x - abs.x), y: Math.max(GROUP_HEADER, pos.y - abs.y) };
      }
      const doc = useEditor.getState().doc;
      const name = uniqueStateName(doc, parent, 'state');
      edit('Add state', (d) => addState(d, { parent, name, position: pos }));
      select({ kind: 'state', key: parent ? `${parent}.${name}` : name });
    },
    [edit, flow, select, stateAt, scene],
  );

  const minimapColor = useMemo(() => (n: { type?: string }) => (n.type === 'group' ? '#e6e9f2' : '#c4cadb'), []);

  return (
    <LowDetailContext.Provider value={lowDetail}>
      <div
        className={lowDetail ? 'canvas is-low-detail' : 'canvas'}
        data-testid="canvas"
        data-detail={lowDetail ? 'low' : 'full'}
        data-layer={onCanvasLayer ? 'canvas' : 'dom'}
        data-view={!viewSettled ? 'fitting' : moving ? 'moving' : 'settled'}
        data-layout={layoutRunning ? 'running' : 'idle'}
        onDoubleClick={onDoubleClick}
      >
        {/* docked above the graph, never over it */}
        <div className="canvas-dock">
          <CanvasToolbar onFind={openFind} />
          <SelectionBar />
        </div>
        <div className="canvas-flow">
          <ReactFlow<StateNode>
            nodes={flowNodes}
            edges={lowDetail || onCanvasLayer ? NO_EDGES : edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            defaultEdgeOptions={defaultEdgeOptions}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStart={onNodeDragStart}
            onNodeDragStop={onNodeDragStop}
            onConnect={onConnect}
            onPaneClick={onCanvasLayer ? onPaneClick : undefined}
            onMoveStart={onMoveStart}
            onMoveEnd={onMoveEnd}
            deleteKeyCode={null}
            zoomOnDoubleClick={false}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={['Meta', 'Control']}
            onlyRenderVisibleElements={large}
            minZoom={0.05}
            maxZoom={2}
            // a click whose pointer moves a few pixels (a trackpad tap, a hand) is still a click
            nodeDragThreshold={4}
            nodeClickDistance={4}
            paneClickDistance={4}
            proOptions={proOptions}
          >
            {lowDetail && !onCanvasLayer && <LowDetailEdges nodes={nodes} edges={edges} />}
            {scene && <LowDetailLayer scene={scene} paths={scenePaths} />}
            {/* zoomed out the dots are ~3 px apart: a full-pane pattern repainted on every pan frame, and no help to the eye */}
            {!lowDetail && <Background variant={BackgroundVariant.Dots} gap={22} size={1.3} color="#d5d9e3" />}
            {/* on the canvas layer the whole graph is in view, and the minimap would redraw 1,000 rects per pan frame */}
            {!onCanvasLayer && (
              <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={2} className="minimap" />
            )}
            <Controls showInteractive={false} position="bottom-left" />
          </ReactFlow>
          {onCanvasLayer && viewSettled && (
            <div className="low-detail-hint" data-testid="low-detail-hint">
              Overview of {stateCount.toLocaleString('en-US')} states · click one to select it, double-click to zoom in
            </div>
          )}
          <OverlayLegend />
          {findOpen && <FindBar flat={flat} onClose={() => setFindOpen(false)} />}
          {empty && (
            <div className="canvas-empty">
              <div className="canvas-empty__title">An empty procedure</div>
              <div>
                Double-click anywhere to add the first state, or use <b>+ State</b> in the toolbar.
              </div>
            </div>
          )}
        </div>
      </div>
    </LowDetailContext.Provider>
  );
}

/** The canvas with its own React Flow provider (the viewport is canvas-local). */
export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}
