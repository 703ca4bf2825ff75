/**
 * Edge geometry shared by the edge view and the label placement pass: a vertical cubic from the
 * source's bottom handle to the target's top handle, and where its label sits.
 */

/** Control distance of the cubic for a vertical span. */
function controlK(dy: number): number {
  return Math.max(40, Math.abs(dy) * 0.45);
}

function pointAt(sx: number, sy: number, tx: number, ty: number, t: number): { x: number; y: number } {
  const k = controlK(ty - sy);
  const u = 1 - t;
  return {
    x: u * u * u * sx + 3 * u * u * t * sx + 3 * u * t * t * tx + t * t * t * tx,
    y: u * u * u * sy + 3 * u * u * t * (sy + k) + 3 * u * t * t * (ty - k) + t * t * t * ty,
  };
}

/** SVG path of a branch edge. */
export function branchPath(sx: number, sy: number, tx: number, ty: number): string {
  const k = controlK(ty - sy);
  return `M ${sx} ${sy} C ${sx} ${sy + k}, ${tx} ${ty - k}, ${tx} ${ty}`;
}

/**
 * Where the label goes: the middle of the edge, except on long downward edges (which pass a
 * layer of nodes), where it sits just above the target, in the gap between layers.
 */
export function labelAnchor(sx: number, sy: number, tx: number, ty: number): { x: number; y: number } {
  if (ty - sy <= 240) return pointAt(sx, sy, tx, ty, 0.5);
  const want = ty - 44;
  let lo = 0.5;
  let hi = 1;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (pointAt(sx, sy, tx, ty, mid).y < want) lo = mid;
    else hi = mid;
  }
  return pointAt(sx, sy, tx, ty, lo);
}

/** Self-loop round the node's right side, from the bottom handle back into the top one. */
export function selfLoopPath(sx: number, sy: number, tx: number, ty: number, w: number): [string, number, number] {
  const right = sx + w / 2 + 50;
  const mid = (sy + ty) / 2;
  return [
    `M ${sx} ${sy} C ${sx} ${sy + 50}, ${right} ${sy + 40}, ${right} ${mid} S ${tx} ${ty - 50}, ${tx} ${ty}`,
    right,
    mid,
  ];
}
