/**
 * A state on the canvas: name, activity, who acts (agent/tool), initial and final marks, and the
 * overlay badge when one is set. Memoized: it re-renders only when its own node object changes.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StateNode as StateNodeType } from './derive';
import { TIER_LOOK } from './tiers';
import { TierIcon } from '../../ui/icons';
import { OverlayBadge } from './OverlayBadge';
import { useLowDetail } from './lod';

function StateNodeView({ data, selected }: NodeProps<StateNodeType>) {
  const lowDetail = useLowDetail();
  const final = data.type === 'final';
  const cls = [
    'state-node',
    final && 'is-final',
    data.isInitial && 'is-initial',
    selected && 'is-selected',
    data.dimmed && 'is-dimmed',
    data.highlighted && 'is-highlighted',
    data.overlay && `tone-${data.overlay.tone}`,
    lowDetail && 'is-low-detail',
  ]
    .filter(Boolean)
    .join(' ');
  if (lowDetail) {
    // the card alone (its colour cues stay in the class); the handles stay for the edge anchors
    return (
      <div className={cls} data-testid="state-node" data-key={data.key} title={data.key}>
        <Handle type="target" position={Position.Top} className="state-handle" />
        {!final && <Handle type="source" position={Position.Bottom} className="state-handle" />}
      </div>
    );
  }
  return (
    <div className={cls} data-testid="state-node" data-key={data.key} title={data.key}>
      <Handle type="target" position={Position.Top} className="state-handle" />
      {data.isInitial && (
        <span className="initial-mark" title="Initial state">
          ▶ start
        </span>
      )}
      <div className="state-node__head">
        <span className="state-node__name">{data.name}</span>
        {final && (
          <span className="final-mark" title="Final state: the case ends here">
            ◉ end
          </span>
        )}
        {data.tier && (
          <span className={`tier-chip tier-${data.tier}`} title={`Default tier: ${TIER_LOOK[data.tier].title}`}>
            <TierIcon tier={data.tier} />
          </span>
        )}
      </div>
      {data.activity !== data.name && <div className="state-node__activity">{data.activity}</div>}
      {(data.agent || data.tool) && (
        <div className="state-node__meta">
          {data.agent && (
            <span className="meta-chip" title="Agent">
              ◆ {data.agent}
            </span>
          )}
          {data.tool && (
            <span className="meta-chip" title="Tool">
              ⚙ {data.tool}
            </span>
          )}
        </div>
      )}
      {data.overlay && <OverlayBadge overlay={data.overlay} />}
      {!final && <Handle type="source" position={Position.Bottom} className="state-handle" />}
    </div>
  );
}

export default memo(StateNodeView);
