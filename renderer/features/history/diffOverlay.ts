/**
 * A version diff as a canvas overlay: added states/branches in green (+), changed in amber (~),
 * on the newer document. Removed items cannot be drawn on the newer graph; the diff list shows them.
 */
import { diffGraphs, transitionIdsByKey, type GraphDiff } from '../../../shared/model/diff';
import type { GraphDoc } from '../../../shared/model/types';
import type { CanvasOverlay } from '../../app/overlay';

function describeChange(c: GraphDiff['transitions']['changed'][number]): string {
  const parts: string[] = [];
  if (c.tierChanged) parts.push(`tier ${c.tierChanged.from ?? '–'} → ${c.tierChanged.to ?? '–'}`);
  if (c.guardChanged) parts.push('guard');
  if (c.targetChanged) parts.push('target');
  if (c.otherChanged?.length) parts.push(c.otherChanged.join(', '));
  return parts.join(', ') || 'changed';
}

/**
 * Overlay showing what changed from `older` to `newer`, drawn on `canvasDoc` (the document the
 * canvas shows; by default `newer`): items are matched by state key and branch identity.
 */
export function diffOverlay(
  older: GraphDoc,
  newer: GraphDoc,
  title: string,
  canvasDoc: GraphDoc = newer,
): { diff: GraphDiff; overlay: CanvasOverlay } {
  const diff = diffGraphs(older, newer);
  const ids = transitionIdsByKey(canvasDoc);
  const overlay: CanvasOverlay = { states: {}, transitions: {}, title, highlight: { states: [], transitions: [] } };
  overlay.legend = [
    { tone: 'good', label: 'added' },
    { tone: 'warn', label: 'changed' },
  ];
  for (const key of diff.states.added) {
    overlay.states[key] = { label: 'added', tone: 'good', marks: ['added'] };
    overlay.highlight!.states!.push(key);
  }
  for (const c of diff.states.changed) {
    overlay.states[c.key] = { label: 'changed', tone: 'warn', marks: ['changed'], detail: c.fields.join(', ') };
    overlay.highlight!.states!.push(c.key);
  }
  for (const k of diff.transitions.added) {
    const id = ids.get(k);
    if (!id) continue;
    overlay.transitions[id] = { width: 0.35, tone: 'good', label: 'added' };
    overlay.highlight!.transitions!.push(id);
  }
  for (const c of diff.transitions.changed) {
    const id = ids.get(c.id);
    if (!id) continue;
    overlay.transitions[id] = { width: 0.35, tone: 'warn', label: describeChange(c) };
    overlay.highlight!.transitions!.push(id);
  }
  // states touched by a changed branch stay lit so the branch reads in context
  for (const id of overlay.highlight!.transitions!) overlay.highlight!.states!.push(id.split('|')[0]!);
  return { diff, overlay };
}
