/**
 * Zoom to fit the whole graph, branch labels included (graphBounds.ts), with fitOptions' padding
 * and zoom limit. React Flow's own fitView fits the nodes only.
 */
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor } from '../../app/store';
import type { StateNode, TransitionEdge } from './derive';
import { fitOptions } from './fitOptions';
import { graphBounds } from './graphBounds';

/** Fits the graph (animated over `duration` ms, if given); resolves when the viewport is set. */
export type FitGraph = (duration?: number) => Promise<boolean>;

export function useFitGraph(): FitGraph {
  const flow = useReactFlow<StateNode, TransitionEdge>();
  const store = useStoreApi<StateNode, TransitionEdge>();
  return useCallback(
    (duration?: number) => {
      const options = fitOptions(!!useEditor.getState().overlay, duration);
      const { width, height, minZoom, nodesInitialized } = store.getState();
      const bounds = graphBounds(flow.getNodes(), flow.getEdges());
      // Before the pane and the nodes are measured there is nothing to fit into: React Flow's fit
      // waits for them, and its measuring is what marks the nodes initialised (the canvas's
      // opening fit waits for that flag before it calls itself settled, then fits again here).
      if (!bounds || !width || !height || !nodesInitialized) return flow.fitView(options);
      const viewport = getViewportForBounds(bounds, width, height, minZoom, options.maxZoom!, options.padding!);
      return flow.setViewport(viewport, duration ? { duration } : undefined);
    },
    [flow, store],
  );
}
