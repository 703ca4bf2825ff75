/**
 * Reveal what a diagnostic names: select the state or branch in the store, and announce it with
 * a window event so other views can bring it into view (the canvas centres the selection, the
 * inspector opens the schema/tools/agents tab). Views that do not listen lose nothing.
 */
import { useEditor } from '../../app/store';
import type { Reveal } from './diagnosticLocation';

/** Window event name; `detail` is a Reveal. */
export const REVEAL_EVENT = 'sop-studio:reveal';

export function reveal(target: Reveal): void {
  const { select } = useEditor.getState();
  if (target.kind === 'state') select({ kind: 'state', key: target.key });
  else if (target.kind === 'transition') select({ kind: 'transition', id: target.id });
  else if (target.kind === 'graph') select(null);
  window.dispatchEvent(new CustomEvent<Reveal>(REVEAL_EVENT, { detail: target }));
}
