/**
 * Brings what the validation panel reveals (window event `sop-studio:reveal`) into view: a state
 * is zoomed to, a branch shows both its states. Other reveal kinds (sections, graph) are not ours.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import { REVEAL_EVENT } from '../validation/reveal';
import type { Reveal } from '../validation/diagnosticLocation';
import type { StateNode, TransitionEdge } from './derive';

/** Node ids to show for a reveal, or null when it names nothing on the canvas. */
export function revealNodeIds(
  target: Reveal,
  edges: Array<Pick<TransitionEdge, 'source' | 'target' | 'data'>>,
): string[] | null {
  if (target.kind === 'state') return [target.key];
  if (target.kind !== 'transition') return null;
  const ids = new Set<string>();
  for (const e of edges) if (e.data?.transitionId === target.id) ids.add(e.source).add(e.target);
  return ids.size ? [...ids] : null;
}

export function useRevealInView(flow: ReactFlowInstance<StateNode, TransitionEdge>): void {
  useEffect(() => {
    const onReveal = (ev: Event) => {
      const detail = (ev as CustomEvent<Reveal>).detail;
      if (!detail) return;
      const ids = revealNodeIds(detail, flow.getEdges());
      if (!ids) return;
      // after the selection has rendered, so a newly selected node is measured
      requestAnimationFrame(
        () =>
          void flow.fitView({
            nodes: ids.map((id) => ({ id })),
            padding: 0.35,
            maxZoom: 1.1,
            includeHiddenNodes: true,
            duration: 300,
          }),
      );
    };
    window.addEventListener(REVEAL_EVENT, onReveal);
    return () => window.removeEventListener(REVEAL_EVENT, onReveal);
  }, [flow]);
}
