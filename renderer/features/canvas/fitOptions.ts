/**
 * How the canvas fits its graph into view. Per-side padding in pixels: the docked legend (bottom
 * left, while an overlay is shown) and the minimap keep their corners free of states. Hidden nodes
 * count: zoomed out, a large graph's nodes are hidden from the DOM and drawn by the canvas layer.
 */
import type { FitViewOptions } from '@xyflow/react';
import type { StateNode } from './derive';

/** Fit options for the whole graph; `overlay` reserves room for the docked legend at the bottom. */
export function fitOptions(overlay: boolean, duration?: number): FitViewOptions<StateNode> {
  return {
    padding: { top: '36px', left: '56px', right: '48px', bottom: overlay ? '150px' : '56px' },
    maxZoom: 1.1,
    includeHiddenNodes: true,
    ...(duration ? { duration } : {}),
  };
}
