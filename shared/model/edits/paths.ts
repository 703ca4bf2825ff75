/**
 * Immutable access by JSON path, the primitive under every edit: copy only the objects along the
 * path, share the rest, so unchanged subtrees keep their identity (React memo, undo snapshots).
 */
import type { JsonPath } from '../types';

type Container = Record<string | number, unknown> | unknown[];

/** Value at `path`, or undefined. */
export function getIn(root: unknown, path: JsonPath): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function shallowCopy(value: unknown, nextSeg: string | number): Container {
  if (Array.isArray(value)) return [...(value as unknown[])];
  if (value !== null && typeof value === 'object') return { ...(value as Record<string, unknown>) };
  return typeof nextSeg === 'number' ? [] : {};
}

/** New root with `fn(old value)` at `path`. Returning undefined deletes the key (or array item). */
export function updateIn<T>(root: T, path: JsonPath, fn: (value: unknown) => unknown): T {
  if (path.length === 0) return fn(root) as T;
  const [head, ...rest] = path as [string | number, ...JsonPath];
  const copy = shallowCopy(root, head);
  const current = (copy as Record<string | number, unknown>)[head];
  const next = rest.length === 0 ? fn(current) : updateIn(current, rest, fn);
  if (next === current && rest.length > 0) return root;
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else {
    (copy as Record<string | number, unknown>)[head] = next;
  }
  return copy as T;
}

/** New root with `value` at `path`. */
export function setIn<T>(root: T, path: JsonPath, value: unknown): T {
  return updateIn(root, path, () => value);
}

/** JSON path of a state config from its dot key: "review.collect" → machine.states.review.states.collect. */
export function statePath(key: string): JsonPath {
  const out: JsonPath = ['machine'];
  for (const seg of key.split('.')) out.push('states', seg);
  return out;
}

/** Parent key of a dot key, or null for a top-level state. */
export function parentKey(key: string): string | null {
  const i = key.lastIndexOf('.');
  return i < 0 ? null : key.slice(0, i);
}

/** Last segment of a dot key. */
export function nameOf(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

/** Join a parent key and a child name. */
export function childKey(parent: string | null, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

/** True when `key` is `root` or lies inside it. */
export function isWithin(key: string, root: string): boolean {
  return key === root || key.startsWith(`${root}.`);
}
