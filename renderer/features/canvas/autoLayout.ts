/**
 * Auto-layout with elkjs (layered, top-down, compound-aware) in a Web Worker, so a large graph
 * never blocks the editor. Returns a complete doc.layout (positions relative to the parent,
 * sizes for compound states).
 */
import ELK from 'elkjs/lib/elk-api.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { flattenMachine } from '../../../shared/model/flatten';
import type { GraphDoc, LayoutEntry } from '../../../shared/model/types';
import { deriveEdges, GROUP_HEADER, GROUP_PAD, NODE_H, NODE_W } from './derive';
import { extractRoutes } from './edgeRoutes';
import { withRoutes } from './savedRoutes';
import { labelSize } from './labelPlacement';

let elk: InstanceType<typeof ELK> | null = null;

function engine(): InstanceType<typeof ELK> {
  elk ??= new ELK({ workerUrl: new URL('elkjs/lib/elk-worker.min.js', import.meta.url).href });
  return elk;
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // branch labels get room of their own from elk (labels below), so layers can sit close
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '24',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  // elk routes the edges round the states (saved in the layout, see savedRoutes.ts) and reserves room
  // for each label beside its edge; edge coordinates come back absolute
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.json.edgeCoords': 'ROOT',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.edgeNode': '20',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
};
const LABEL_OPTIONS = { 'elk.edgeLabels.placement': 'CENTER' };

/** Build the ELK graph for a document (exported for tests). */
function toElkGraph(doc: GraphDoc): ElkNode {
  const flat = flattenMachine(doc.machine);
  const nodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const key of flat.stateOrder) {
    const s = flat.states.get(key)!;
    const node: ElkNode = s.children.length
      ? {
          id: key,
          children: [],
          layoutOptions: {
            'elk.padding': `[top=${GROUP_HEADER + 12},left=${GROUP_PAD},bottom=${GROUP_PAD},right=${GROUP_PAD}]`,
          },
        }
      : { id: key, width: NODE_W, height: NODE_H };
    nodes.set(key, node);
    (s.parent ? nodes.get(s.parent)! : root).children!.push(node);
  }
  const edges: ElkExtendedEdge[] = [];
  // same ids and label sizes as the canvas's edges, so routes and labels map one to one
  for (const e of deriveEdges(flat, null)) {
    if (e.target === e.source) continue;
    const { w, h } = labelSize(e);
    edges.push({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: [
        { id: `${e.id}#label`, text: e.data!.label, width: Math.ceil(w), height: h, layoutOptions: LABEL_OPTIONS },
      ],
    });
  }
  root.edges = edges;
  return root;
}

/** Lay out the document; resolves with a new layout record, elk's edge routes saved on the source states' entries. */
export async function computeLayout(doc: GraphDoc): Promise<Record<string, LayoutEntry>> {
  const result = await engine().layout(toElkGraph(doc));
  const layout: Record<string, LayoutEntry> = {};
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      const entry: LayoutEntry = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
      if (c.children?.length) {
        entry.width = Math.round(c.width ?? 0);
        entry.height = Math.round(c.height ?? 0);
      }
      layout[c.id] = entry;
      walk(c);
    }
  };
  walk(result);
  return withRoutes(layout, extractRoutes(result));
}

/**
 * True when the saved layout cannot be drawn as is: some state has no position (an imported bare
 * machine), or sibling states would overlap (or crowd out branch labels) at the canvas's node size (layouts made by hand or by
 * another tool). Layout carries no meaning, so such documents are laid out afresh on open.
 */
export function needsLayout(doc: GraphDoc): boolean {
  const flat = flattenMachine(doc.machine);
  if (flat.stateOrder.some((k) => !doc.layout[k])) return true;
  const bySibling = new Map<string | null, Array<{ x: number; y: number; w: number; h: number }>>();
  for (const key of flat.stateOrder) {
    const s = flat.states.get(key)!;
    const e = doc.layout[key]!;
    const box = {
      x: e.x,
      y: e.y,
      w: s.children.length ? (e.width ?? NODE_W) : NODE_W,
      h: s.children.length ? (e.height ?? NODE_H) : NODE_H,
    };
    const list = bySibling.get(s.parent) ?? [];
    // vertical room for branch labels between neighbours, a little horizontal room
    if (
      list.some(
        (o) => box.x < o.x + o.w + 24 && o.x < box.x + box.w + 24 && box.y < o.y + o.h + 40 && o.y < box.y + box.h + 40,
      )
    )
      return true;
    list.push(box);
    bySibling.set(s.parent, list);
  }
  return false;
}
