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
import { labelPin, roundedPath, type EdgeRoute } from './edgeRoutes';
import { useEditor } from '../../app/store';
import { useLowDetail } from './lod';

const PIN_SHIFT = { left: '0%', right: '-100%', center: '-50%' } as const;

/** The route still fits the nodes as React Flow has them now (a drag in progress moves them). */
function liveFresh(
  route: EdgeRoute,
  s: { x: number; y: number } | undefined,
  t: { x: number; y: number } | undefined,
): boolean {
  return (
    !!s &&
    !!t &&
    Math.abs(s.x - route.sourceBox.x) <= 3 &&
    Math.abs(s.y - route.sourceBox.y) <= 3 &&
    Math.abs(t.x - route.targetBox.x) <= 3 &&
    Math.abs(t.y - route.targetBox.y) <= 3
  );
}

const TONE_COLOR: Record<string, string> = {
  good: 'var(--good)',
  warn: 'var(--warn)',
  bad: 'var(--bad)',
  neutral: 'var(--muted)',
};

function TransitionEdgeView(props: EdgeProps<TransitionEdgeType>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, data, selected, markerEnd } = props;
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const lowDetail = useLowDetail();
  if (!data) return null;
  if (lowDetail) {
    // zoomed out: a straight line, no arrowhead, no label, no wide hit path (see lod.ts)
    const o = data.overlay;
    const stroke = o ? TONE_COLOR[o.tone] : selected ? 'var(--accent)' : undefined;
    const width = o ? 1.5 + 9 * Math.max(0, Math.min(1, o.width)) : selected ? 2.5 : 1.6;
    return (
      <BaseEdge
        id={id}
        path={`M ${sourceX} ${sourceY} L ${targetX} ${targetY}`}
        interactionWidth={0}
        style={{ stroke, strokeWidth: width, opacity: data.dimmed ? 0.25 : 1 }}
      />
    );
  }
  let path: string;
  let lx: number;
  let ly: number;
  let shift = '-50%';
  const route =
    data.route && liveFresh(data.route, sourceNode?.internals.positionAbsolute, targetNode?.internals.positionAbsolute)
      ? data.route
      : null;
  const pin = route ? labelPin(route) : null;
  if (route) {
    // elk's route round the other states, the label where elk reserved room for it
    path = roundedPath(route.points);
    const mid = route.points[Math.floor(route.points.length / 2)]!;
    ({ x: lx, y: ly } = pin ?? mid);
    if (pin) shift = PIN_SHIFT[pin.align];
  } else if (source === target) {
    [path, lx, ly] = selfLoopPath(sourceX, sourceY, targetX, targetY, sourceNode?.measured.width ?? 210);
  } else {
    path = branchPath(sourceX, sourceY, targetX, targetY);
    ({ x: lx, y: ly } = labelAnchor(sourceX, sourceY, targetX, targetY));
    lx += data.labelDx ?? 0;
    ly += data.labelDy ?? 0;
  }
  const o = data.overlay;
  const error = data.guardError;
  // a broken guard reads as broken: red dashed line (unless an overlay colours it), red label
  const stroke = o ? TONE_COLOR[o.tone] : selected ? 'var(--accent)' : error ? 'var(--bad)' : undefined;
  const width = o ? 1.5 + 9 * Math.max(0, Math.min(1, o.width)) : selected ? 2.5 : 1.6;
  const look = TIER_LOOK[data.tier];
  const cls = [
    'edge-label',
    'nodrag',
    'nopan',
    selected && 'is-selected',
    data.dimmed && 'is-dimmed',
    data.highlighted && 'is-highlighted',
    data.tierInherited && 'tier-inherited',
    error && 'has-guard-error',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={18}
        style={{
          stroke,
          strokeWidth: width,
          opacity: data.dimmed ? 0.25 : 1,
          ...(error && !o ? { strokeDasharray: '6 4' } : {}),
        }}
      />
      <EdgeLabelRenderer>
        <div
          className={cls}
          data-testid="edge-label"
          data-transition={data.transitionId}
          data-target={target}
          style={{ transform: `translate(${shift}, -50%) translate(${lx}px, ${ly}px)` }}
          onClick={() => useEditor.getState().select({ kind: 'transition', id: data.transitionId })}
        >
          <span className="edge-label__row">
            {data.siblings > 1 && (
              <span className="edge-order" title="Order: the first branch whose guard holds wins">
                {data.order}
              </span>
            )}
            <span className={data.label === 'always' ? 'edge-event is-always' : 'edge-event'}>{data.label}</span>
            <span
              className={`tier-badge tier-${data.tier}`}
              title={`${look.label}${data.tierInherited ? ' (inherited)' : ''}: ${look.title}`}
            >
              <TierIcon tier={data.tier} /> {look.label}
            </span>
            {data.cases !== undefined && (
              <span className="edge-cases" data-testid="edge-cases" title="Cases of the history that took this branch">
                {data.cases.toLocaleString('en-US')} cases
              </span>
            )}
            {o?.label && <span className={`edge-overlay tone-${o.tone}`}>{o.label}</span>}
          </span>
          {data.guard && (
            <span
              className="edge-guard"
              data-testid="edge-guard"
              title={error ? `${data.guard}\n${error}` : data.guard}
              aria-label={error ? `Guard ${data.guard}: ${error}` : undefined}
            >
              {error && <span aria-hidden="true">⚠ </span>}
              {data.guard}
            </span>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export default memo(TransitionEdgeView);
