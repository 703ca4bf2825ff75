/**
 * Which state is under the pointer when the canvas layer (LowDetailLayer) draws the graph and no
 * card is in the DOM to receive the click. A uniform grid of buckets over the boxes: a query looks
 * at one bucket, not at every state (1,000 states, one click: either is fast, but a hover or a
 * drag-over would not be). Boxes listed later win (children follow their compound parent).
 */
import type { Box } from './edgeRoutes';

export interface HitBox extends Box {
  key: string;
}

export interface HitIndex {
  readonly cell: number;
  readonly buckets: Map<string, number[]>;
  readonly boxes: readonly HitBox[];
}

const bucketKey = (cx: number, cy: number) => `${cx},${cy}`;

/** Buckets `cell` flow units wide; each box goes into every bucket it touches. */
export function buildHitIndex(boxes: readonly HitBox[], cell = 256): HitIndex {
  if (!(cell > 0)) throw new Error(`hit index cell must be a positive number, got ${cell}`);
  const buckets = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    for (let cx = Math.floor(b.x / cell); cx <= Math.floor((b.x + b.w) / cell); cx++) {
      for (let cy = Math.floor(b.y / cell); cy <= Math.floor((b.y + b.h) / cell); cy++) {
        const k = bucketKey(cx, cy);
        const list = buckets.get(k);
        if (list) list.push(i);
        else buckets.set(k, [i]);
      }
    }
  });
  return { cell, buckets, boxes };
}

/** The key of the topmost box containing the flow point (x, y), edges included; null when none. */
export function hitTest(index: HitIndex, x: number, y: number): string | null {
  const list = index.buckets.get(bucketKey(Math.floor(x / index.cell), Math.floor(y / index.cell)));
  if (!list) return null;
  let best = -1;
  for (const i of list) {
    const b = index.boxes[i]!;
    if (i > best && x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) best = i;
  }
  return best < 0 ? null : index.boxes[best]!.key;
}
