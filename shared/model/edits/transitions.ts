/**
 * Transition edits, addressed by FlatTransition.id (`source|kind|event|order`). Order is meaning
 * (the first branch whose guard holds wins), so reordering is an edit like any other.
 */
import { flattenMachine, type FlatTransition } from '../flatten';
import type { GraphDoc, StateConfig, Tier, TransitionConfig, TransitionSpec } from '../types';
import { getIn, setIn, statePath, updateIn } from './paths';
import { removeTransitionAt, updateState } from './states';
import { targetRef } from './targets';

/** Find a transition by id in the current document. */
export function findTransition(doc: GraphDoc, id: string): FlatTransition | undefined {
  return flattenMachine(doc.machine).transitions.find((t) => t.id === id);
}

function asList(spec: TransitionSpec | undefined): Array<string | TransitionConfig> {
  if (spec === undefined) return [];
  return Array.isArray(spec) ? [...spec] : [spec];
}

function fromList(list: Array<string | TransitionConfig>): TransitionSpec | undefined {
  if (list.length === 0) return undefined;
  return list.length === 1 ? list[0] : list;
}

export interface NewTransition {
  source: string;
  /** Target state key; omit for a targetless transition. */
  target?: string;
  /** Event name; null/undefined = an `always` (eventless) branch. */
  event?: string | null;
  tier?: Tier;
  guard?: string;
}

/** Append a transition to the end of its list; returns the new document. */
export function addTransition(doc: GraphDoc, spec: NewTransition): GraphDoc {
  const config: TransitionConfig = {};
  if (spec.target) config.target = targetRef(doc, spec.source, spec.target);
  if (spec.guard) config.guard = { type: 'cel', params: { expr: spec.guard } };
  if (spec.tier) config.meta = { tier: spec.tier };
  return updateState(doc, spec.source, (s) => {
    if (spec.event) {
      const on = { ...(s.on ?? {}) };
      on[spec.event] = fromList([...asList(on[spec.event]), config])!;
      return { ...s, on };
    }
    return { ...s, always: fromList([...asList(s.always), config]) };
  });
}

/** Remove one transition. */
export function removeTransition(doc: GraphDoc, id: string): GraphDoc {
  const t = findTransition(doc, id);
  return t ? removeTransitionAt(doc, t.path) : doc;
}

/** Replace one transition's config (string items become objects). */
export function updateTransition(
  doc: GraphDoc,
  id: string,
  fn: (config: TransitionConfig) => TransitionConfig,
): GraphDoc {
  const t = findTransition(doc, id);
  if (!t) return doc;
  return updateIn(doc, t.path, (raw) =>
    fn(typeof raw === 'string' ? { target: raw } : { ...(raw as TransitionConfig) }),
  );
}

/** Set (or clear, with undefined) a branch's tier. */
export function setTier(doc: GraphDoc, id: string, tier: Tier | undefined): GraphDoc {
  return updateTransition(doc, id, (c) => {
    const meta = { ...(c.meta ?? {}) };
    if (tier) meta.tier = tier;
    else delete meta.tier;
    const next: TransitionConfig = { ...c, meta };
    if (Object.keys(meta).length === 0) delete next.meta;
    return next;
  });
}

/** Set a branch's CEL guard; null or blank removes the guard. */
export function setGuard(doc: GraphDoc, id: string, expr: string | null): GraphDoc {
  return updateTransition(doc, id, (c) => {
    const next = { ...c };
    if (expr === null || expr.trim() === '') delete next.guard;
    else next.guard = { type: 'cel', params: { expr } };
    return next;
  });
}

/** Point a branch at another state (key), or make it targetless (null). */
export function setTarget(doc: GraphDoc, id: string, target: string | null): GraphDoc {
  const t = findTransition(doc, id);
  if (!t) return doc;
  return updateTransition(doc, id, (c) => {
    const next = { ...c };
    if (target) next.target = targetRef(doc, t.source, target);
    else delete next.target;
    return next;
  });
}

/** Change a branch's event (null → `always`). The branch moves to the end of its new list. */
export function setEvent(doc: GraphDoc, id: string, event: string | null): GraphDoc {
  const t = findTransition(doc, id);
  if (!t || t.kind === 'after' || (t.event ?? null) === (event || null)) return doc;
  const raw = getIn(doc, t.path) as string | TransitionConfig;
  const removed = removeTransitionAt(doc, t.path);
  return updateState(removed, t.source, (s) => {
    if (event) {
      const on = { ...(s.on ?? {}) };
      on[event] = fromList([...asList(on[event]), raw])!;
      return { ...s, on };
    }
    return { ...s, always: fromList([...asList(s.always), raw]) };
  });
}

/**
 * Move a branch up (-1) or down (+1) in its state's list T (always first, then `on` in order).
 * `always` branches stay before `on` branches (XState evaluates them first); a move across that
 * boundary is a no-op. Moving between two events reorders the events in `on`.
 */
export function moveTransition(doc: GraphDoc, id: string, delta: -1 | 1): GraphDoc {
  const flat = flattenMachine(doc.machine);
  const t = flat.transitions.find((x) => x.id === id);
  if (!t) return doc;
  const list = [...(flat.outgoing.get(t.source) ?? [])];
  const i = list.indexOf(t);
  const j = i + delta;
  const other = list[j];
  if (!other || other.kind !== t.kind) return doc;
  [list[i], list[j]] = [other, t];
  const state = getIn(doc, statePath(t.source)) as StateConfig;
  const rawOf = (x: FlatTransition) => getIn(doc, x.path) as string | TransitionConfig;
  const group = (kind: FlatTransition['kind']) => {
    const map = new Map<string, Array<string | TransitionConfig>>();
    for (const x of list) if (x.kind === kind) map.set(x.event ?? '', [...(map.get(x.event ?? '') ?? []), rawOf(x)]);
    return Object.fromEntries([...map].map(([e, items]) => [e, fromList(items)!]));
  };
  const next: StateConfig = { ...state };
  if (t.kind === 'always') next.always = fromList(list.filter((x) => x.kind === 'always').map(rawOf));
  else if (t.kind === 'on') next.on = group('on');
  else next.after = group('after');
  return setIn(doc, statePath(t.source), next);
}
