/**
 * Dictionaries built from input: attribute names are checked and objects inherit nothing, so a
 * column, XES key or JSON key named `__proto__` can neither set an object's prototype nor make a
 * reader see inherited members (`constructor`, `toString`) as case data (issue #17, item 2).
 */
import type { AttrValue } from '../model/types';

/** Names refused as attribute, column or container keys: they mean something to JavaScript objects. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The refusal, worded for people; undefined when the name is fine. */
export function forbiddenName(name: string, what: string): string | undefined {
  return FORBIDDEN_NAMES.has(name)
    ? `${what} "${name}" is not allowed (__proto__, constructor and prototype are reserved names); rename it in the source`
    : undefined;
}

/**
 * The prototype of every attribute dictionary: empty, frozen, itself without a prototype. An
 * object made from it inherits nothing (no `constructor`, no `__proto__` accessor: assigning
 * `__proto__` makes an own property) yet keeps V8's fast properties, which an
 * `Object.create(null)` dictionary loses (2–3× slower to build per event on the benchmark log).
 */
const NO_PROTOTYPE: object = Object.freeze(Object.create(null) as object);

/**
 * Constructs the attribute dictionaries: `new` gives them V8's in-object slack (a reader's
 * dictionaries share one shape, their values held in the object itself), where Object.create
 * starts with 4 in-object slots and grows a separate property array for the rest, reallocated
 * as keys are added (1M-event bench CSV: 152 instead of 223 MB allocated for the event
 * attributes, 196 instead of 242 MB copied by scavenges). The prototype is the same
 * {@link NO_PROTOTYPE}: nothing inherited, no `constructor`.
 */
const Attrs = function Attrs(this: object) {} as unknown as new () => Record<string, AttrValue>;
(Attrs as unknown as { prototype: object }).prototype = NO_PROTOTYPE;

/** An empty attribute dictionary that inherits nothing (see {@link NO_PROTOTYPE}). */
export function newAttrs(): Record<string, AttrValue> {
  return new Attrs();
}

/** True when nothing in the object's prototype chain is Object.prototype (tests, checks). */
export function inheritsNothing(o: object): boolean {
  for (let p = Object.getPrototypeOf(o) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
    if (p === Object.prototype || Object.getOwnPropertyNames(p).length > 0) return false;
  }
  return true;
}

/**
 * A JSON value as case data: objects copied without prototype, all the way down. Returns the
 * forbidden key found instead (as a path), so the reader can name it.
 */
export function fromJson(v: unknown, path = ''): { value: AttrValue } | { forbidden: string } {
  if (typeof v !== 'object' || v === null) return { value: v as AttrValue };
  if (Array.isArray(v)) {
    const out: AttrValue[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = fromJson(v[i], `${path}[${i}]`);
      if ('forbidden' in r) return r;
      out.push(r.value);
    }
    return { value: out };
  }
  const out = newAttrs();
  for (const k of Object.keys(v)) {
    const p = path ? `${path}.${k}` : k;
    if (FORBIDDEN_NAMES.has(k)) return { forbidden: p };
    const r = fromJson((v as Record<string, unknown>)[k], p);
    if ('forbidden' in r) return r;
    out[k] = r.value;
  }
  return { value: out };
}
