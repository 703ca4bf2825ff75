/** Ctrl+F: find a state by name or activity; Enter selects it and centres the view on it. */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { FlatGraph } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';

export function FindBar({ flat, onClose }: { flat: FlatGraph; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const flow = useReactFlow();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return flat.stateOrder
      .filter((k) => k.toLowerCase().includes(q) || flat.states.get(k)!.activity.toLowerCase().includes(q))
      .slice(0, 12);
  }, [flat, query]);

  const go = (key: string) => {
    useEditor.getState().select({ kind: 'state', key });
    const n = flow.getInternalNode(key);
    if (n) {
      const { x, y } = n.internals.positionAbsolute;
      void flow.setCenter(x + (n.measured.width ?? 200) / 2, y + (n.measured.height ?? 60) / 2, {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 300,
      });
    }
  };

  return (
    <div className="find-bar nokey" role="search">
      <input
        autoFocus
        data-testid="find-input"
        placeholder="Find state by name or activity…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) {
            go(matches[active]);
            onClose();
          }
        }}
      />
      {query && (
        <ul className="find-results">
          {matches.length === 0 && <li className="muted">No state matches “{query}”</li>}
          {matches.map((k, i) => (
            <li
              key={k}
              className={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                go(k);
                onClose();
              }}
            >
              <b>{k}</b>
              {flat.states.get(k)!.activity !== flat.states.get(k)!.name && (
                <span className="muted"> · {flat.states.get(k)!.activity}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
