/**
 * A compound state: a titled container holding its children (React Flow parent node).
 * Resizing writes width/height into doc.layout as one undoable edit.
 */
import { Handle, NodeResizer, Position, type NodeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { setLayout } from '../../../shared/model/edits';
import { useEditor } from '../../app/store';
import { GROUP_HEADER, GROUP_PAD, NODE_H, NODE_W, type StateNode } from './derive';
import { OverlayBadge } from './OverlayBadge';

function GroupNodeView({ id, data, selected }: NodeProps<StateNode>) {
  const edit = useEditor((s) => s.edit);
  const onResizeEnd = useCallback(
    (_: unknown, p: { x: number; y: number; width: number; height: number }) =>
      edit('Resize state', (doc) =>
        setLayout(doc, { [id]: { x: p.x, y: p.y, width: Math.round(p.width), height: Math.round(p.height) } }),
      ),
    [edit, id],
  );
  const cls = [
    'group-node',
    data.type === 'parallel' && 'is-parallel',
    data.isInitial && 'is-initial',
    selected && 'is-selected',
    data.dimmed && 'is-dimmed',
    data.highlighted && 'is-highlighted',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-testid="state-node" data-key={data.key} title={data.key}>
      <NodeResizer
        isVisible={!!selected}
        minWidth={NODE_W + 2 * GROUP_PAD}
        minHeight={NODE_H + GROUP_HEADER + GROUP_PAD}
        onResizeEnd={onResizeEnd}
        color="var(--accent)"
      />
      <Handle type="target" position={Position.Top} className="state-handle" />
      <div className="group-node__head">
        {data.isInitial && <span className="initial-mark inline">▶</span>}
        <span className="state-node__name">{data.name}</span>
        {data.activity !== data.name && <span className="group-node__activity">{data.activity}</span>}
        <span className="group-node__kind">{data.type === 'parallel' ? 'parallel' : 'compound'}</span>
      </div>
      {data.overlay && <OverlayBadge overlay={data.overlay} />}
      <Handle type="source" position={Position.Bottom} className="state-handle" />
    </div>
  );
}

export default memo(GroupNodeView);
