/**
 * Up-front checks of a raw graph document, before anything recursive or anything that builds a
 * dictionary from its keys runs (defaults, migrations, the zod schema, flattening, CEL, XState):
 * - names that reach JavaScript prototypes (`__proto__`, `constructor`, `prototype`) as caseSchema
 *   keys (or one of their dotted segments), agent, tool, state, event and layout keys: written into
 *   a plain object they pollute Object.prototype or crash XState; `__proto__` is refused anywhere;
 * - compound states nested deeper than MAX_STATE_DEPTH (documented in the README): every walk of
 *   the machine downstream is then shallow, so none of them can overflow the stack;
 * - more states than MAX_STATES.
 * Iterative walks only: this is what guards against deep inputs.
 */
import type { JsonPath } from './types';

/** Deepest compound-state nesting accepted (the root machine's states are level 1). */
export const MAX_STATE_DEPTH = 64;
/** Most states (all levels) a document may have. */
const MAX_STATES = 50_000;
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ShapeProblem {
  path: JsonPath;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_REPORTED = 20;

/** Problems of a raw (parsed JSON, unchecked) document or bare machine; [] when it is safe to process. */
export function hostileShapeProblems(value: unknown): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  if (!isRecord(value)) return out;
  const named = (section: string, what: string) => {
    const dict = value[section];
    if (!isRecord(dict)) return;
    for (const key of Object.keys(dict)) {
      const bad = key.split('.').find((part) => PROTOTYPE_NAMES.has(part));
      if (bad !== undefined && out.length < MAX_REPORTED)
        out.push({
          path: [section, key],
          message: `${what} "${key}" uses the reserved name "${bad}" (reserved: __proto__, constructor, prototype)`,
        });
    }
  };
  named('caseSchema', 'caseSchema field');
  named('agents', 'agent');
  named('tools', 'tool');
  named('layout', 'layout entry for state');
  const bare = value.format === undefined && value.machine === undefined;
  const machine = bare ? value : value.machine;
  if (isRecord(machine)) checkStates(machine, bare ? [] : ['machine'], out);
  // then "__proto__" anywhere else (where the named checks above have not already said more)
  const said = new Set(out.map((p) => JSON.stringify(p.path)));
  const anywhere: ShapeProblem[] = [];
  findProtoKeys(value, anywhere);
  for (const p of anywhere) if (!said.has(JSON.stringify(p.path))) out.push(p);
  return out;
}

interface PathLink {
  key: string | number;
  up: PathLink | null;
}
const pathOf = (link: PathLink | null): JsonPath => {
  const path: JsonPath = [];
  for (let l = link; l; l = l.up) path.unshift(l.key);
  return path;
};

/**
 * `__proto__` as an own key anywhere (JSON.parse makes it one); never meaningful in a document.
 * Paths are linked to their parent so a 10,000-level JSON costs linear time, not quadratic.
 */
function findProtoKeys(root: unknown, out: ShapeProblem[]): void {
  const stack: Array<{ v: unknown; at: PathLink | null }> = [{ v: root, at: null }];
  while (stack.length && out.length < MAX_REPORTED) {
    const { v, at } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], at: { key: i, up: at } });
      continue;
    }
    if (Object.hasOwn(v, '__proto__'))
      out.push({
        path: pathOf({ key: '__proto__', up: at }),
        message: 'the key "__proto__" is not allowed (it would change an object\'s prototype)',
      });
    for (const key of Object.keys(v))
      if (key !== '__proto__') stack.push({ v: (v as Record<string, unknown>)[key], at: { key, up: at } });
  }
}

function checkStates(machine: Record<string, unknown>, base: JsonPath, out: ShapeProblem[]): void {
  let count = 0;
  const stack: Array<{ node: Record<string, unknown>; path: JsonPath; depth: number }> = [
    { node: machine, path: base, depth: 0 },
  ];
  while (stack.length && out.length < MAX_REPORTED) {
    const { node, path, depth } = stack.pop()!;
    for (const section of ['on', 'after'] as const) {
      const dict = node[section];
      if (!isRecord(dict)) continue;
      for (const event of Object.keys(dict)) {
        if (PROTOTYPE_NAMES.has(event))
          out.push({
            path: [...path, section, event],
            message: `${section === 'on' ? 'event' : 'delay'} "${event}" uses a reserved name (reserved: __proto__, constructor, prototype)`,
          });
      }
    }
    const states = node.states;
    if (!isRecord(states)) continue;
    for (const key of Object.keys(states)) {
      const statePath = [...path, 'states', key];
      if (PROTOTYPE_NAMES.has(key)) {
        out.push({
          path: statePath,
          message: `state "${key}" uses a reserved name (reserved: __proto__, constructor, prototype); rename the state`,
        });
        continue;
      }
      if (++count > MAX_STATES) {
        out.push({
          path: statePath,
          message: `the machine has more than ${MAX_STATES} states; the limit is ${MAX_STATES}`,
        });
        return;
      }
      if (depth + 1 > MAX_STATE_DEPTH) {
        out.push({
          path: statePath,
          message: `compound states are nested more than ${MAX_STATE_DEPTH} levels deep here; the limit is ${MAX_STATE_DEPTH} levels`,
        });
        return;
      }
      const child = states[key];
      if (isRecord(child)) stack.push({ node: child, path: statePath, depth: depth + 1 });
    }
  }
}
