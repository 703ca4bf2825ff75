/**
 * Document → React Flow nodes and edges. Pure: the canvas shows exactly the document (plus an
 * optional overlay); positions come from doc.layout (relative to the parent for children).
 */
import type { Edge, Node } from '@xyflow/react';
import type { FlatGraph, FlatState, FlatTransition } from '../../../shared/model/flatten';
import type { GraphDoc, LayoutEntry, Tier } from '../../../shared/model/types';
import type { CanvasOverlay } from '../../app/overlay';
import type { EdgeRoute } from './edgeRoutes';

export const NODE_W = 210;
export const NODE_H = 68;
export const GROUP_PAD = 28;
export const GROUP_HEADER = 44;

export interface StateNodeData extends Record<string, unknown> {
  key: string;
  name: string;
  activity: string;
  type: FlatState['type'];
  isInitial: boolean;
  agent?: string;
  tool?: string;
  owner?: string;
  tier?: Tier;
  branches: number;
  /** Branches with no target (drawn as a note on the node). */
  targetless: number;
  overlay?: CanvasOverlay['states'][string];
  dimmed?: boolean;
  highlighted?: boolean;
}

interface TransitionEdgeData extends Record<string, unknown> {
  transitionId: string;
  label: string;
  guard: string | null;
  /** The CEL error of the guard (cel-syntax / cel-type), set by useCanvasGraph from the live diagnostics. */
  guardError?: string;
  tier: Tier;
  /** True when the tier is inherited (state default or the implicit `human`). */
  tierInherited: boolean;
  order: number;
  /** Number of branches leaving the source (order shown only when > 1). */
  siblings: number;
  overlay?: CanvasOverlay['transitions'][string];
  dimmed?: boolean;
  highlighted?: boolean;
  /** Label nudge from the placement pass (labelPlacement.ts), in flow units. */
  labelDx?: number;
  labelDy?: number;
  /** elk's route for this edge when still fresh (edgeRoutes.ts); absent → the simple curve. */
  route?: EdgeRoute;
  /** Cases of the history that took this branch (`meta.cases`, set on SOPs drafted from a log). */
  cases?: number;
}

export type StateNode = Node<StateNodeData, 'state' | 'group'>;
export type TransitionEdge = Edge<TransitionEdgeData, 'transition'>;

/** Short one-line guard text for an edge label. */
function guardSummary(t: FlatTransition): string | null {
  if (t.guardExpr !== null) return t.guardExpr.length > 30 ? `${t.guardExpr.slice(0, 28).trimEnd()}…` : t.guardExpr;
  if (t.otherGuard) {
    if (typeof t.otherGuard === 'string') return t.otherGuard;
    const type = (t.otherGuard as { type?: unknown }).type;
    return typeof type === 'string' || typeof type === 'number' ? String(type) : 'guard';
  }
  return null;
}

/** Sizes of every state: atomic states fixed, compound states from layout or their children. */
function stateSizes(flat: FlatGraph, layout: Record<string, LayoutEntry>): Map<string, { w: number; h: number }> {
  const sizes = new Map<string, { w: number; h: number }>();
  const positions = relativePositions(flat, layout);
  for (let i = flat.stateOrder.length - 1; i >= 0; i--) {
    const key = flat.stateOrder[i]!;
    const s = flat.states.get(key)!;
    const entry = layout[key];
    if (s.children.length === 0) {
      sizes.set(key, { w: NODE_W, h: NODE_H });
      continue;
    }
    let w = 0;
    let h = 0;
    for (const c of s.children) {
      const p = positions.get(c)!;
      const cs = sizes.get(c)!;
      w = Math.max(w, p.x + cs.w + GROUP_PAD);
      h = Math.max(h, p.y + cs.h + GROUP_PAD);
    }
    sizes.set(key, {
      w: Math.max(entry?.width ?? 0, w, NODE_W + 2 * GROUP_PAD),
      h: Math.max(entry?.height ?? 0, h, NODE_H + GROUP_HEADER + GROUP_PAD),
    });
  }
  return sizes;
}

/** Positions relative to the parent; states without a layout entry get a simple grid slot. */
function relativePositions(
  flat: FlatGraph,
  layout: Record<string, LayoutEntry>,
): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const slot = new Map<string | null, number>();
  for (const key of flat.stateOrder) {
    const s = flat.states.get(key)!;
    const entry = layout[key];
    if (entry && Number.isFinite(entry.x) && Number.isFinite(entry.y)) {
      out.set(key, { x: entry.x, y: entry.y });
      continue;
    }
    const i = slot.get(s.parent) ?? 0;
    slot.set(s.parent, i + 1);
    const inset = s.parent ? { x: GROUP_PAD, y: GROUP_HEADER } : { x: 0, y: 0 };
    out.set(key, { x: inset.x + (i % 4) * (NODE_W + 60), y: inset.y + Math.floor(i / 4) * (NODE_H + 90) });
  }
  return out;
}

/** The branch's tier as marked: its own, else the state's default, else `human`. */
function markedTier(flat: FlatGraph, t: FlatTransition): { tier: Tier; inherited: boolean } {
  if (t.tier) return { tier: t.tier, inherited: false };
  const stateTier = flat.states.get(t.source)?.config.meta?.tier;
  return { tier: stateTier ?? 'human', inherited: true };
}

export function deriveNodes(layout: GraphDoc['layout'], flat: FlatGraph, overlay: CanvasOverlay | null): StateNode[] {
  const positions = relativePositions(flat, layout);
  const sizes = stateSizes(flat, layout);
  const hl = overlay?.highlight?.states ? new Set(overlay.highlight.states) : null;
  return flat.stateOrder.map((key) => {
    const s = flat.states.get(key)!;
    const parentInitial = s.parent ? flat.states.get(s.parent)?.initial : flat.initial;
    const out = flat.outgoing.get(key) ?? [];
    const meta = s.config.meta ?? {};
    const isGroup = s.children.length > 0;
    const size = sizes.get(key)!;
    const node: StateNode = {
      id: key,
      type: isGroup ? 'group' : 'state',
      position: positions.get(key)!,
      data: {
        key,
        name: s.name,
        activity: s.activity,
        type: s.type,
        isInitial: parentInitial === key,
        agent: typeof meta.agent === 'string' ? meta.agent : undefined,
        tool: typeof meta.tool === 'string' ? meta.tool : undefined,
        owner: typeof meta.owner === 'string' ? meta.owner : undefined,
        tier: meta.tier,
        branches: out.length,
        targetless: out.filter((t) => t.targets.length === 0 && t.unresolved.length === 0).length,
        overlay: overlay?.states[key],
        dimmed: hl ? !hl.has(key) : undefined,
        highlighted: hl ? hl.has(key) : undefined,
      },
      width: size.w,
      height: size.h,
      // Edges carry zIndex 5 so they show above group (compound) nodes; state cards sit above
      // them, so an edge passing behind a card never takes its clicks.
      ...(isGroup ? {} : { zIndex: 10 }),
    };
    if (s.parent) {
      node.parentId = s.parent;
      node.extent = 'parent';
    }
    return node;
  });
}

export function deriveEdges(flat: FlatGraph, overlay: CanvasOverlay | null): TransitionEdge[] {
  const hl = overlay?.highlight?.transitions ? new Set(overlay.highlight.transitions) : null;
  const edges: TransitionEdge[] = [];
  for (const t of flat.transitions) {
    const siblings = flat.outgoing.get(t.source)?.length ?? 1;
    const { tier, inherited } = markedTier(flat, t);
    t.targets.forEach((target, i) => {
      edges.push({
        id: i === 0 ? t.id : `${t.id}~${i}`,
        source: t.source,
        target,
        type: 'transition',
        zIndex: 5,
        data: {
          transitionId: t.id,
          label: t.kind === 'always' ? 'always' : t.kind === 'after' ? `after ${t.event}` : t.event!,
          guard: guardSummary(t),
          tier,
          tierInherited: inherited,
          order: t.order + 1,
          siblings,
          cases: typeof t.config.meta?.cases === 'number' ? t.config.meta.cases : undefined,
          overlay: overlay?.transitions[t.id],
          dimmed: hl ? !hl.has(t.id) : undefined,
          highlighted: hl ? hl.has(t.id) : undefined,
        },
      });
    });
  }
  return edges;
}
