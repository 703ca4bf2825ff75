/**
 * What the canvas layer (LowDetailLayer) draws for a large graph zoomed out: every state as a box
 * grouped by look (so a frame is a few fill/stroke calls, not 1,000), a tier stripe, and the
 * hit boxes for clicks. Pure: built once per nodes array, not per frame.
 */
import type { StateNode } from './derive';
import type { HitBox } from './hitIndex';
import { absoluteNodeBoxes } from './labelPlacement';

/** Colour names resolved from the theme's CSS variables by the layer. */
export type PaletteName =
  | 'panel'
  | 'final'
  | 'group'
  | 'line'
  | 'finalLine'
  | 'groupLine'
  | 'accent'
  | 'good'
  | 'warn'
  | 'bad'
  | 'auto'
  | 'suggest'
  | 'human';

interface BoxLook {
  key: string;
  fill: PaletteName;
  stroke: PaletteName;
  /** Stroke width in screen pixels. */
  width: number;
  alpha: number;
  /** x, y, w, h per box, flow units. */
  rects: number[];
}

interface SceneLabel {
  key: string;
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
  alpha: number;
}

export interface LowDetailScene {
  looks: BoxLook[];
  /** Tier stripes along the top of a card (and the initial state's accent on its left side). */
  stripes: Map<PaletteName, number[]>;
  labels: SceneLabel[];
  hitBoxes: HitBox[];
  /** Bounds of all boxes, flow units (null for an empty graph). */
  bounds: { x: number; y: number; w: number; h: number } | null;
}

/** Flow units of a card's top stripe (a fraction of NODE_H, readable at fitted zoom). */
const STRIPE = 12;

function lookOf(n: StateNode): Omit<BoxLook, 'key' | 'rects'> {
  const group = n.type === 'group';
  const final = n.data.type === 'final';
  const tone = n.data.overlay?.tone;
  const fill: PaletteName = group ? 'group' : final ? 'final' : 'panel';
  let stroke: PaletteName = group ? 'groupLine' : final ? 'finalLine' : 'line';
  let width = final ? 2 : 1;
  if (tone === 'good' || tone === 'warn' || tone === 'bad') {
    stroke = tone;
    width = 2;
  }
  if (n.selected || n.data.highlighted) {
    stroke = 'accent';
    width = 3;
  }
  return { fill, stroke, width, alpha: n.data.dimmed ? 0.35 : 1 };
}

export function lowDetailScene(nodes: StateNode[]): LowDetailScene {
  const abs = absoluteNodeBoxes(nodes);
  const looks = new Map<string, BoxLook>();
  const stripes = new Map<PaletteName, number[]>();
  const labels: SceneLabel[] = [];
  const hitBoxes: HitBox[] = [];
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  const stripe = (color: PaletteName, ...r: number[]) => {
    const list = stripes.get(color);
    if (list) list.push(...r);
    else stripes.set(color, r);
  };
  for (const n of nodes) {
    const b = abs.get(n.id)!;
    const look = lookOf(n);
    const key = `${look.fill}|${look.stroke}|${look.width}|${look.alpha}`;
    let entry = looks.get(key);
    if (!entry) looks.set(key, (entry = { key, ...look, rects: [] }));
    entry.rects.push(b.x, b.y, b.w, b.h);
    if (n.type !== 'group' && n.data.tier) stripe(n.data.tier, b.x, b.y, b.w, Math.min(STRIPE, b.h));
    if (n.data.isInitial) stripe('accent', b.x, b.y, Math.min(STRIPE, b.w), b.h);
    labels.push({ key: n.id, name: n.data.name, x: b.x, y: b.y, w: b.w, h: b.h, alpha: look.alpha });
    hitBoxes.push({ key: n.id, ...b });
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  // the selected look last: its outline is drawn over its neighbours'
  const ordered = [...looks.values()].sort((a, b) => a.width - b.width);
  return {
    looks: ordered,
    stripes,
    labels,
    hitBoxes,
    bounds: nodes.length ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null,
  };
}
