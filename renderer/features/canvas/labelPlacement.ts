/**
 * Keeps branch labels readable: labels are placed at their anchor on the edge and, where one
 * would cover another label or a state, nudged sideways (or up/down) to the nearest free spot.
 * Greedy and approximate (label sizes are estimated from their text); skipped on large graphs,
 * where it would cost more than it helps.
 */
import type { StateNode, TransitionEdge } from './derive';
import { labelAnchor } from './edgeGeometry';
import { labelPin, type Box } from './edgeRoutes';

const MAX_EDGES = 400;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Estimated rendered size of a label (see TransitionEdge / canvas.css). */
export function labelSize(e: TransitionEdge): { w: number; h: number } {
  const d = e.data!;
  const cases = d.cases === undefined ? 0 : `${d.cases.toLocaleString('en-US')} cases`.length * 6.4 + 12;
  const row = (d.siblings > 1 ? 22 : 0) + d.label.length * 7.2 + 10 + (d.tier.length * 6.6 + 36) + cases;
  const guard = d.guard ? d.guard.length * 6.4 + 14 : 0;
  return { w: Math.max(row, guard) + 16, h: d.guard ? 42 : 26 };
}

/** Absolute boxes of nodes (child positions are relative to the parent, parents come first). */
export function absoluteNodeBoxes(nodes: StateNode[]): Map<string, Box> {
  const abs = new Map<string, Box>();
  for (const n of nodes) {
    const p = n.parentId ? abs.get(n.parentId) : undefined;
    abs.set(n.id, { x: (p?.x ?? 0) + n.position.x, y: (p?.y ?? 0) + n.position.y, w: n.width ?? 0, h: n.height ?? 0 });
  }
  return abs;
}

/** Offsets (dx, dy) per edge id that move overlapping labels apart. */
export function placeLabels(nodes: StateNode[], edges: TransitionEdge[]): Map<string, { dx: number; dy: number }> {
  const out = new Map<string, { dx: number; dy: number }>();
  if (edges.length > MAX_EDGES) return out;
  const abs = absoluteNodeBoxes(nodes);
  const obstacles: Box[] = nodes.filter((n) => n.type === 'state').map((n) => abs.get(n.id)!);
  const placed: Box[] = [];
  // labels on elk routes stay where elk put them: the others make room for them
  for (const e of edges) {
    const pin = e.data?.route ? labelPin(e.data.route) : null;
    if (!pin) continue;
    const { w, h } = labelSize(e);
    const x = pin.align === 'left' ? pin.x : pin.align === 'right' ? pin.x - w : pin.x - w / 2;
    placed.push({ x, y: pin.y - h / 2, w, h });
  }
  // candidate nudges in label units, nearest first: stay close to the edge the label names
  const candidates: Array<[number, number]> = [];
  for (const ky of [0, -1, 1]) for (const kx of [0, -1, 1, -2, 2, -3, 3]) candidates.push([kx, ky]);
  candidates.sort((a, b) => Math.hypot(a[0] * 1.6, a[1]) - Math.hypot(b[0] * 1.6, b[1]));
  for (const e of edges) {
    const s = abs.get(e.source);
    const t = abs.get(e.target);
    if (!s || !t || e.source === e.target || e.data?.route) continue;
    const a = labelAnchor(s.x + s.w / 2, s.y + s.h, t.x + t.w / 2, t.y);
    const { w, h } = labelSize(e);
    let best: { dx: number; dy: number } | null = null;
    for (const [kx, ky] of candidates) {
      const dx = kx * (w * 0.6);
      const dy = ky * (h + 4);
      const box = { x: a.x + dx - w / 2, y: a.y + dy - h / 2, w, h };
      if (!placed.some((b) => overlaps(b, box)) && !obstacles.some((b) => overlaps(b, box))) {
        best = { dx, dy };
        break;
      }
    }
    const chosen = best ?? { dx: 0, dy: 0 };
    placed.push({ x: a.x + chosen.dx - w / 2, y: a.y + chosen.dy - h / 2, w, h });
    if (chosen.dx || chosen.dy) out.set(e.id, chosen);
  }
  return out;
}
