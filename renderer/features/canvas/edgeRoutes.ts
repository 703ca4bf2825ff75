/**
 * Edge routes from the last elk layout, saved with the layout they belong to (routeStore.ts puts
 * them on the source state's `doc.layout` entry, so a reload draws the same lines). A route records
 * the boxes of its two states as laid out; when either state has since moved or resized (dragged by
 * hand), that one route is stale and its edge falls back to its simple drawing (edgeGeometry.ts),
 * while every other edge keeps its route.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An elk route in absolute flow coordinates. */
export interface EdgeRoute {
  /** Start, bend points, end. */
  points: Point[];
  /** Where elk put the label (top-left) and the size it reserved; null when it had none. */
  label: Box | null;
  /** The states' absolute boxes at layout time, for the staleness check. */
  sourceBox: Box;
  targetBox: Box;
}

/** A route with the state it leaves from (where it is saved in the layout). */
export interface SourcedRoute extends EdgeRoute {
  source: string;
}

/** Absolute boxes of all nodes of an elk result (shape coordinates are relative to the parent). */
function absoluteBoxes(root: ElkNode): Map<string, Box> {
  const out = new Map<string, Box>();
  const walk = (n: ElkNode, ox: number, oy: number) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0);
      const y = oy + (c.y ?? 0);
      out.set(c.id, { x, y, w: c.width ?? 0, h: c.height ?? 0 });
      walk(c, x, y);
    }
  };
  walk(root, 0, 0);
  return out;
}

/**
 * Routes of a laid-out elk graph whose edges carry root coordinates (`elk.json.edgeCoords: ROOT`).
 * Edges with several sections (hyperedges) are skipped: ours have one source and one target.
 */
export function extractRoutes(root: ElkNode): Map<string, SourcedRoute> {
  const boxes = absoluteBoxes(root);
  const out = new Map<string, SourcedRoute>();
  const edges: ElkExtendedEdge[] = root.edges ?? [];
  for (const e of edges) {
    const s = e.sections?.length === 1 ? e.sections[0]! : null;
    const sourceBox = boxes.get(e.sources[0]!);
    const targetBox = boxes.get(e.targets[0]!);
    if (!s || !sourceBox || !targetBox) continue;
    const l = e.labels?.[0];
    out.set(e.id, {
      source: e.sources[0]!,
      points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x, y: p.y })),
      label: l && l.x !== undefined && l.y !== undefined ? { x: l.x, y: l.y, w: l.width ?? 0, h: l.height ?? 0 } : null,
      sourceBox,
      targetBox,
    });
  }
  return out;
}

const near = (a: Box, b: Box, tol: number) =>
  Math.abs(a.x - b.x) <= tol && Math.abs(a.y - b.y) <= tol && Math.abs(a.w - b.w) <= tol && Math.abs(a.h - b.h) <= tol;

/** True when both states still sit where they were laid out (layout positions are rounded per level: 3px slack). */
export function routeIsFresh(route: EdgeRoute, source: Box | undefined, target: Box | undefined): boolean {
  return !!source && !!target && near(route.sourceBox, source, 3) && near(route.targetBox, target, 3);
}

/** SVG path along a polyline with rounded corners (radius capped by half of each segment). */
export function roundedPath(points: Point[], radius = 10): string {
  if (points.length === 0) return '';
  const [first] = points;
  let d = `M ${first!.x} ${first!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1]!;
    const c = points[i]!;
    const n = points[i + 1]!;
    const lin = Math.hypot(c.x - p.x, c.y - p.y);
    const lout = Math.hypot(n.x - c.x, n.y - c.y);
    const r = Math.min(radius, lin / 2, lout / 2);
    if (r <= 0.01) {
      d += ` L ${c.x} ${c.y}`;
      continue;
    }
    const a = { x: c.x + ((p.x - c.x) / lin) * r, y: c.y + ((p.y - c.y) / lin) * r };
    const b = { x: c.x + ((n.x - c.x) / lout) * r, y: c.y + ((n.y - c.y) / lout) * r };
    d += ` L ${a.x} ${a.y} Q ${c.x} ${c.y} ${b.x} ${b.y}`;
  }
  const last = points[points.length - 1]!;
  if (points.length > 1) d += ` L ${last.x} ${last.y}`;
  return d;
}

/** The polyline's x at height y (first segment spanning y), or null when none spans it. */
export function xAtY(points: Point[], y: number): number | null {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if ((a.y <= y && y <= b.y) || (b.y <= y && y <= a.y))
      return a.y === b.y ? (a.x + b.x) / 2 : a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y);
  }
  return null;
}

/**
 * Where to pin a label that elk placed beside its edge: the side facing the edge stays put, so a
 * label that renders wider than estimated (overlay figures) grows away from the line, not over it.
 */
export function labelPin(route: EdgeRoute): { x: number; y: number; align: 'left' | 'right' | 'center' } | null {
  const l = route.label;
  if (!l) return null;
  const cy = l.y + l.h / 2;
  const lineX = xAtY(route.points, cy);
  if (lineX === null || (lineX > l.x && lineX < l.x + l.w)) return { x: l.x + l.w / 2, y: cy, align: 'center' };
  return lineX <= l.x ? { x: l.x, y: cy, align: 'left' } : { x: l.x + l.w, y: cy, align: 'right' };
}
