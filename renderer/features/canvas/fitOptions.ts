/**
 * How the canvas fits its graph into view. Per-side padding in pixels: the docked legend (bottom
 * left, while an overlay is shown) and the minimap keep their corners free of states.
 */
import type { FitViewOptions } from '@xyflow/react';
import type { StateNode } from './derive';

/** Fit options for the whole graph; `overlay` reserves room for the docked legend at the bottom. */
export function fitOptions(overlay: boolean, duration?: number): FitViewOptions<StateNode> {
  return { padding: { top: '36px', left: '56px', right: '48px', bottom: overlay ? '150px' : '56px' }, maxZoom: 1.1, ...(duration ? { duration } : {}) };
}
