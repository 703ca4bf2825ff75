/**
 * Transition ids are positional (`source|kind|event|order`), so edits that move a branch change
 * its id. These helpers say which id the moved branch has afterwards, so the selection follows it.
 */
import { flattenMachine, type FlatTransition } from '../../../shared/model/flatten';
import type { GraphDoc } from '../../../shared/model/types';

/** Id of the branch after `moveTransition(doc, t.id, delta)` changed the document to `next`. */
export function idAfterMove(next: GraphDoc, t: FlatTransition, delta: -1 | 1): string | null {
  const list = flattenMachine(next.machine).outgoing.get(t.source) ?? [];
  return list[t.order + delta]?.id ?? null;
}

/** Id of the branch after `setEvent(doc, t.id, event)`: it is appended to its new list. */
export function idAfterEventChange(next: GraphDoc, t: FlatTransition, event: string | null): string | null {
  const list = flattenMachine(next.machine).outgoing.get(t.source) ?? [];
  const kind = event ? 'on' : 'always';
  const same = list.filter((x) => x.kind === kind && (x.event ?? null) === (event || null));
  return same[same.length - 1]?.id ?? null;
}
