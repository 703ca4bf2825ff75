/**
 * The flow-space rectangle a whole-graph fit must show: every state and every branch label.
 * React Flow's fitView fits the nodes only, so a long label beside the outermost edge (the
 * refund sample's auto branch, left of triage → refund) was cut at the canvas's edge.
 * Labels are placed as TransitionEdge places them; their sizes are labelSize's estimates.
 */
import type { Rect } from '@xyflow/react';
import type { StateNode, TransitionEdge } from './derive';
import { labelAnchor } from './edgeGeometry';
import { labelPin, routeIsFresh, type Box } from './edgeRoutes';
import { absoluteNodeBoxes, labelSize } from './labelPlacement';

/** The bounds of the states and the branch labels; null when there is no state. */
export function graphBounds(nodes: StateNode[], edges: TransitionEdge[]): Rect | null {
  const abs = absoluteNodeBoxes(nodes);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (b: Box) => {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  };
  for (const b of abs.values()) add(b);
  if (x0 === Infinity) return null;
  for (const e of edges) {
    const box = labelBox(e, abs);
    if (box) add(box);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Where TransitionEdge draws the label of `e` (absolute flow coordinates); null when it draws none. */
function labelBox(e: TransitionEdge, abs: Map<string, Box>): Box | null {
  const d = e.data;
  const s = abs.get(e.source);
  const t = abs.get(e.target);
  if (!d || !s || !t) return null;
  const { w, h } = labelSize(e);
  const centred = (x: number, y: number): Box => ({ x: x - w / 2, y: y - h / 2, w, h });
  if (d.route && routeIsFresh(d.route, s, t)) {
    // elk's route: the label at its pin, on the side of the line elk reserved room on
    const pin = labelPin(d.route);
    if (!pin) {
      const mid = d.route.points[Math.floor(d.route.points.length / 2)];
      return mid ? centred(mid.x, mid.y) : null;
    }
    const x = pin.align === 'left' ? pin.x : pin.align === 'right' ? pin.x - w : pin.x - w / 2;
    return { x, y: pin.y - h / 2, w, h };
  }
  // edges run from the bottom handle (bottom centre) of the source to the top one of the target
  const sx = s.x + s.w / 2;
  const sy = s.y + s.h;
  if (e.source === e.target) return centred(s.x + s.w + 50, (sy + s.y) / 2); // selfLoopPath's label point
  const a = labelAnchor(sx, sy, t.x + t.w / 2, t.y);
  return centred(a.x + (d.labelDx ?? 0), a.y + (d.labelDy ?? 0));
}
