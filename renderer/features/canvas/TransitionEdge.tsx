/**
 * A branch: arrow from source to target with a label pill — order number (when the state has
 * several branches: order is meaning), event or "always", a short guard and the tier badge.
 */
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TransitionEdge as TransitionEdgeType } from './derive';
import { TIER_LOOK } from './tiers';
import { TierIcon } from '../../ui/icons';
import { branchPath, labelAnchor, selfLoopPath } from './edgeGeometry';
import { useEditor } from '../../app/store';

const TONE_COLOR: Record<string, string> = { good: 'var(--good)', warn: 'var(--warn)', bad: 'var(--bad)', neutral: 'var(--muted)' };

function TransitionEdgeView(props: EdgeProps<TransitionEdgeType>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, data, selected, markerEnd } = props;
  const sourceNode = useInternalNode(source);
  if (!data) return null;
  let path: string;
  let lx: number;
  let ly: number;
  if (source === target) {
    [path, lx, ly] = selfLoopPath(sourceX, sourceY, targetX, targetY, sourceNode?.measured.width ?? 210);
  } else {
    path = branchPath(sourceX, sourceY, targetX, targetY);
    ({ x: lx, y: ly } = labelAnchor(sourceX, sourceY, targetX, targetY));
    lx += data.labelDx ?? 0;
    ly += data.labelDy ?? 0;
  }
  const o = data.overlay;
  const stroke = o ? TONE_COLOR[o.tone] : selected ? 'var(--accent)' : undefined;
  const width = o ? 1.5 + 9 * Math.max(0, Math.min(1, o.width)) : selected ? 2.5 : 1.6;
  const look = TIER_LOOK[data.tier];
  const cls = ['edge-label', 'nodrag', 'nopan', selected && 'is-selected', data.dimmed && 'is-dimmed', data.highlighted && 'is-highlighted', data.tierInherited && 'tier-inherited'].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={18} style={{ stroke, strokeWidth: width, opacity: data.dimmed ? 0.25 : 1 }} />
      <EdgeLabelRenderer>
        <div
          className={cls}
          data-testid="edge-label"
          data-transition={data.transitionId}
          data-target={target}
          style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
          onClick={() => useEditor.getState().select({ kind: 'transition', id: data.transitionId })}
        >
          <span className="edge-label__row">
            {data.siblings > 1 && <span className="edge-order" title="Order: the first branch whose guard holds wins">{data.order}</span>}
            <span className={data.label === 'always' ? 'edge-event is-always' : 'edge-event'}>{data.label}</span>
            <span className={`tier-badge tier-${data.tier}`} title={`${look.label}${data.tierInherited ? ' (inherited)' : ''}: ${look.title}`}>
              <TierIcon tier={data.tier} /> {look.label}
            </span>
            {o?.label && <span className={`edge-overlay tone-${o.tone}`}>{o.label}</span>}
          </span>
          {data.guard && <span className="edge-guard" title={data.guard}>{data.guard}</span>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export default memo(TransitionEdgeView);
