/** The branches drawn at low zoom (lowDetailPaths.ts), under the cards, in flow coordinates. */
import { EdgeLabelRenderer } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { StateNode, TransitionEdge } from './derive';
import { lowDetailPaths } from './lowDetailPaths';

const TONE_COLOR: Record<string, string> = {
  good: 'var(--good)',
  warn: 'var(--warn)',
  bad: 'var(--bad)',
  neutral: 'var(--muted)',
};

function LowDetailEdgesView({ nodes, edges }: { nodes: StateNode[]; edges: TransitionEdge[] }) {
  const paths = useMemo(() => lowDetailPaths(nodes, edges), [nodes, edges]);
  return (
    // the edge-label layer sits between React Flow's edges and its nodes, inside the viewport
    <EdgeLabelRenderer>
      <svg className="low-detail-edges" data-testid="low-detail-edges" width="1" height="1">
        {paths.map((p) => (
          <path
            key={p.key}
            d={p.d}
            vectorEffect="non-scaling-stroke"
            stroke={p.tone ? TONE_COLOR[p.tone] : p.selected ? 'var(--accent)' : '#8b93a7'}
            strokeWidth={p.width}
            opacity={p.dimmed ? 0.25 : 1}
            fill="none"
          />
        ))}
      </svg>
    </EdgeLabelRenderer>
  );
}

export const LowDetailEdges = memo(LowDetailEdgesView);
