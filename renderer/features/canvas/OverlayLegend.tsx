/**
 * Legend and title of the active canvas overlay (simulation evidence, version diff), docked to the
 * canvas's bottom-left corner (fitView leaves that strip free), collapsible to its title, with a close.
 */
import { useState } from 'react';
import { useEditor, type EditorState } from '../../app/store';
import './OverlayStale.css';

const selectOverlay = (s: EditorState) => s.overlay;

export function OverlayLegend() {
  const overlay = useEditor(selectOverlay);
  const [collapsed, setCollapsed] = useState(false);
  if (!overlay) return null;
  return (
    <div
      className={['overlay-legend', collapsed && 'is-collapsed', overlay.stale && 'is-stale'].filter(Boolean).join(' ')}
      data-testid="overlay-legend"
      data-stale={overlay.stale ? true : undefined}
    >
      <div className="overlay-legend__head">
        <b>{overlay.title ?? 'Overlay'}</b>
        <span className="overlay-legend__actions">
          <button
            className="link-button"
            onClick={() => setCollapsed(!collapsed)}
            aria-expanded={!collapsed}
            aria-label={collapsed ? 'Show legend' : 'Hide legend'}
            title={collapsed ? 'Show legend' : 'Hide legend'}
          >
            {collapsed ? '▴' : '▾'}
          </button>
          <button
            className="link-button"
            onClick={() => useEditor.getState().setOverlay(null)}
            aria-label="Hide overlay"
            title="Hide overlay"
          >
            ✕
          </button>
        </span>
      </div>
      {overlay.stale && (
        <div className="overlay-legend__stale" role="status" data-testid="overlay-stale">
          {overlay.stale}
        </div>
      )}
      {!collapsed &&
        overlay.legend?.map((l) => (
          <div key={l.label} className="legend-row">
            <span className={`legend-swatch tone-${l.tone}`} />
            {l.label}
          </div>
        ))}
    </div>
  );
}
