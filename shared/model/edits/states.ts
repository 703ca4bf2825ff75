/**
 * State edits: pure functions GraphDoc → GraphDoc. Structure changes keep every transition
 * pointing where it pointed (targets are rewritten), and layout entries follow their states.
 */
import { flattenMachine } from '../flatten';
import type { GraphDoc, StateConfig } from '../types';
import { childKey, getIn, isWithin, nameOf, parentKey, setIn, statePath, updateIn } from './paths';
import { rewriteTargets } from './targets';

/** Child names of a parent (null = root), in document order. */
function childNames(doc: GraphDoc, parent: string | null): string[] {
  const states = getIn(doc, parent ? [...statePath(parent), 'states'] : ['machine', 'states']) as
    Record<string, StateConfig> | undefined;
  return Object.keys(states ?? {});
}

/** A state name not yet used under `parent`: base, base2, base3… (names are identifiers, no dots). */
export function uniqueStateName(doc: GraphDoc, parent: string | null, base = 'state'): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'state';
  const taken = new Set(childNames(doc, parent));
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}${i}`)) return `${clean}${i}`;
}

/** Update one state's config. No-op when the state does not exist. */
export function updateState(doc: GraphDoc, key: string, fn: (config: StateConfig) => StateConfig): GraphDoc {
  const path = statePath(key);
  if (getIn(doc, path) === undefined) return doc;
  return updateIn(doc, path, (c) => fn((c ?? {}) as StateConfig));
}

/** Merge into a state's meta; undefined values delete keys. */
export function setStateMeta(doc: GraphDoc, key: string, patch: Record<string, unknown>): GraphDoc {
  return updateState(doc, key, (c) => {
    const meta: Record<string, unknown> = { ...(c.meta ?? {}) };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') delete meta[k];
      else meta[k] = v;
    }
    const next: StateConfig = { ...c, meta };
    if (Object.keys(meta).length === 0) delete next.meta;
    return next;
  });
}

export interface NewState {
  parent?: string | null;
  name: string;
  config?: StateConfig;
  position?: { x: number; y: number };
}

/** Add a state (the first state under a parent becomes its initial). */
export function addState(doc: GraphDoc, spec: NewState): GraphDoc {
  const parent = spec.parent ?? null;
  const key = childKey(parent, spec.name);
  const statesPath = parent ? [...statePath(parent), 'states'] : ['machine', 'states'];
  if (getIn(doc, [...statesPath, spec.name]) !== undefined) throw new Error(`state "${key}" already exists`);
  let next = setIn(doc, [...statesPath, spec.name], spec.config ?? {});
  const initialPath = parent ? [...statePath(parent), 'initial'] : ['machine', 'initial'];
  if (getIn(next, initialPath) === undefined) next = setIn(next, initialPath, spec.name);
  if (spec.position) next = setIn(next, ['layout', key], { ...spec.position });
  return next;
}

/** Remove states (and their children), every transition into them, and their layout entries. */
export function removeStates(doc: GraphDoc, keys: string[]): GraphDoc {
  const doomed = (k: string) => keys.some((r) => isWithin(k, r));
  const flat = flattenMachine(doc.machine);
  // transitions from surviving states into removed ones go too (deepest path first so indices stay valid)
  const paths = flat.transitions
    .filter((t) => !doomed(t.source) && t.targets.some(doomed))
    .map((t) => t.path)
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? 1 : -1));
  let next = doc;
  for (const p of paths) next = removeTransitionAt(next, p);
  for (const key of keys) {
    if (getIn(next, statePath(key)) === undefined) continue;
    next = updateIn(next, statePath(key), () => undefined);
    const parent = parentKey(key);
    const initialPath = parent ? [...statePath(parent), 'initial'] : ['machine', 'initial'];
    if (getIn(next, initialPath) === nameOf(key)) {
      const first = childNames(next, parent)[0];
      next = updateIn(next, initialPath, () => first);
    }
  }
  const layout = Object.fromEntries(Object.entries(next.layout).filter(([k]) => !doomed(k)));
  return { ...next, layout };
}

/** Remove a transition list item at a FlatTransition path; an emptied list/event is removed. */
export function removeTransitionAt(doc: GraphDoc, path: (string | number)[]): GraphDoc {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const listPath = path.slice(0, -1);
    let next = updateIn(doc, path, () => undefined);
    const list = getIn(next, listPath) as unknown[];
    if (list.length === 0) next = updateIn(next, listPath, () => undefined);
    else if (list.length === 1) next = setIn(next, listPath, list[0]);
    return dropEmptyOn(next, listPath);
  }
  return dropEmptyOn(
    updateIn(doc, path, () => undefined),
    path,
  );
}

function dropEmptyOn(doc: GraphDoc, listPath: (string | number)[]): GraphDoc {
  const kind = listPath[listPath.length - 2];
  if (kind !== 'on' && kind !== 'after') return doc;
  const mapPath = listPath.slice(0, -1);
  const map = getIn(doc, mapPath) as Record<string, unknown> | undefined;
  return map && Object.keys(map).length === 0 ? updateIn(doc, mapPath, () => undefined) : doc;
}

/** Rename a state; targets, the parent's `initial` and layout keys follow. */
export function renameState(doc: GraphDoc, key: string, newName: string): GraphDoc {
  const oldName = nameOf(key);
  if (newName === oldName) return doc;
  if (!/^[A-Za-z_][\w-]*$/.test(newName))
    throw new Error(`"${newName}" is not a valid state name (letters, digits, _ and -)`);
  const parent = parentKey(key);
  if (childNames(doc, parent).includes(newName)) throw new Error(`a state named "${newName}" already exists here`);
  const newKey = childKey(parent, newName);
  const rename = (k: string) => (isWithin(k, key) ? newKey + k.slice(key.length) : k);
  // rewrite targets first, against the old structure
  let next = rewriteTargets(doc, rename);
  const statesPath = parent ? [...statePath(parent), 'states'] : ['machine', 'states'];
  next = updateIn(next, statesPath, (m) =>
    Object.fromEntries(
      Object.entries(m as Record<string, StateConfig>).map(([n, c]) => [n === oldName ? newName : n, c]),
    ),
  );
  const initialPath = parent ? [...statePath(parent), 'initial'] : ['machine', 'initial'];
  if (getIn(next, initialPath) === oldName) next = setIn(next, initialPath, newName);
  const layout = Object.fromEntries(Object.entries(next.layout).map(([k, v]) => [rename(k), v]));
  return { ...next, layout };
}

/** Make `key` its parent's initial state. */
export function setInitial(doc: GraphDoc, key: string): GraphDoc {
  const parent = parentKey(key);
  return setIn(doc, parent ? [...statePath(parent), 'initial'] : ['machine', 'initial'], nameOf(key));
}

/** Mark a state final (drops its outgoing transitions: a final state has none) or not final. */
export function setFinal(doc: GraphDoc, key: string, final: boolean): GraphDoc {
  return updateState(doc, key, (c) => {
    const next: StateConfig = { ...c };
    if (final) {
      next.type = 'final';
      delete next.always;
      delete next.on;
      delete next.after;
    } else if (next.type === 'final') delete next.type;
    return next;
  });
}
