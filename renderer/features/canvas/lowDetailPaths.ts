/**
 * Branches at low zoom (lod.ts) as a handful of SVG paths instead of 3,000 React Flow edges.
 * React Flow runs every edge's position selector on every viewport change, so a pan over a large
 * graph spent most of its frame there; one path per look (tone, width, dimmed, selected) in flow
 * coordinates moves with the viewport's transform and costs nothing per frame.
 */
import type { StateNode, TransitionEdge } from './derive';
import { absoluteNodeBoxes } from './labelPlacement';

export interface LowDetailPath {
  /** What the segments share: `tone|width|dimmed|selected`. */
  key: string;
  d: string;
  tone: string | null;
  /** Screen pixels (the path uses a non-scaling stroke). */
  width: number;
  dimmed: boolean;
  selected: boolean;
}

/**
 * Straight segments from each source's bottom centre to its target's top centre, grouped by look.
 * Self-loops are left out: at this zoom a loop is smaller than a pixel.
 */
export function lowDetailPaths(nodes: StateNode[], edges: TransitionEdge[]): LowDetailPath[] {
  const boxes = absoluteNodeBoxes(nodes);
  const groups = new Map<string, { path: LowDetailPath; parts: string[] }>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    const s = boxes.get(e.source);
    const t = boxes.get(e.target);
    if (!s || !t) continue;
    const o = e.data?.overlay;
    const tone = o?.tone ?? null;
    const width = o ? 1 + Math.round(4 * Math.max(0, Math.min(1, o.width))) : e.selected ? 2 : 1;
    const dimmed = !!e.data?.dimmed;
    const selected = !!e.selected;
    const key = `${tone ?? ''}|${width}|${dimmed}|${selected}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { path: { key, d: '', tone, width, dimmed, selected }, parts: [] }));
    g.parts.push(`M${s.x + s.w / 2} ${s.y + s.h}L${t.x + t.w / 2} ${t.y}`);
  }
  return [...groups.values()].map((g) => ({ ...g.path, d: g.parts.join('') }));
}
