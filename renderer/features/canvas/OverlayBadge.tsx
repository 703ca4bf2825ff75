/** The overlay's per-state badge: a short figure, a tone (with a word, not colour alone) and marks. */
import type { CanvasOverlay } from '../../app/overlay';

const MARK_TEXT: Record<string, string> = { deviation: '↯', guardrail: '⛨', changed: '~', added: '+', removed: '−' };

export function OverlayBadge({ overlay }: { overlay: CanvasOverlay['states'][string] }) {
  return (
    <div className={`overlay-badge tone-${overlay.tone}`} title={overlay.detail ?? overlay.label}>
      {overlay.marks?.map((m) => (
        <span key={m} className={`overlay-mark mark-${m}`} aria-label={m}>
          {MARK_TEXT[m] ?? m}
        </span>
      ))}
      <span>{overlay.label}</span>
    </div>
  );
}
