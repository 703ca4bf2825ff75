/**
 * A canvas overlay: evidence or diff facts painted on top of the graph without changing it.
 * The simulator (replay results) and the version-diff view set one through the editor store;
 * the canvas renders node badges, edge widths/colours and a legend from it.
 */
export type OverlayTone = 'good' | 'warn' | 'bad' | 'neutral';
export type OverlayMark = 'deviation' | 'guardrail' | 'changed' | 'added' | 'removed';

export interface CanvasOverlay {
  /** Keyed by state key (dot path). */
  states: Record<string, { label: string; tone: OverlayTone; detail?: string; marks?: OverlayMark[] }>;
  /** Keyed by FlatTransition.id. `width` is the share of traffic, 0..1. */
  transitions: Record<string, { width: number; tone: OverlayTone; label?: string }>;
  highlight?: { states?: string[]; transitions?: string[] };
  legend?: Array<{ tone: string; label: string }>;
  title?: string;
  /**
   * Set when the figures describe another version of the graph than the one drawn (simulator:
   * the run is out of date): the legend says so and the canvas dims the figures.
   */
  stale?: string;
}
