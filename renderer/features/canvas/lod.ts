/**
 * Level of detail. Below LOD_ZOOM a card is under ~70 px wide and its 13 px text under 5 px:
 * unreadable, yet painting it (and 3 labels per state) is what made panning a 1,000-state graph
 * crawl. So at low zoom cards are drawn without inner text, branch labels are not drawn and
 * branches are straight lines without arrowheads. One subscription to the zoom (a boolean, so it
 * re-renders only when the threshold is crossed), handed to nodes and edges by context.
 */
import { createContext, useContext } from 'react';
import type { ReactFlowState } from '@xyflow/react';

export const LOD_ZOOM = 0.35;
/** Above this many states React Flow renders only the visible elements (onlyRenderVisibleElements). */
export const LARGE_GRAPH_STATES = 300;

/**
 * True when the graph is drawn by the canvas layer (LowDetailLayer) instead of DOM cards: a large
 * graph below the detail threshold. Small graphs keep their (cheap) DOM cards at every zoom.
 */
export function drawsOnCanvasLayer(stateCount: number, zoom: number, fitting = false): boolean {
  // while a large graph is being fitted on open, too: its first frame at the previous project's
  // zoom would otherwise mount cards (and a minimap of every state) only to drop them a frame later
  return stateCount > LARGE_GRAPH_STATES && (zoom < LOD_ZOOM || fitting);
}

/** For `useStore`: true while the canvas is zoomed out past the detail threshold. */
export const selectLowDetail = (s: ReactFlowState): boolean => s.transform[2] < LOD_ZOOM;

export const LowDetailContext = createContext(false);

export function useLowDetail(): boolean {
  return useContext(LowDetailContext);
}
