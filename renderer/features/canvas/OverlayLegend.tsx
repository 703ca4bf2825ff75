/** Legend and title of the active canvas overlay (simulation evidence, version diff), with a close. */
import { useEditor, type EditorState } from '../../app/store';

const selectOverlay = (s: EditorState) => s.overlay;

export function OverlayLegend() {
  const overlay = useEditor(selectOverlay);
  if (!overlay) return null;
  return (
    <div className="overlay-legend" data-testid="overlay-legend">
      <div className="overlay-legend__head">
        <b>{overlay.title ?? 'Overlay'}</b>
        <button className="link-button" onClick={() => useEditor.getState().setOverlay(null)} aria-label="Hide overlay">
          ✕
        </button>
      </div>
      {overlay.legend?.map((l) => (
        <div key={l.label} className="legend-row">
          <span className={`legend-swatch tone-${l.tone}`} />
          {l.label}
        </div>
      ))}
    </div>
  );
}
