/**
 * A flat, resolved view of a graph's machine: every state by key, every transition with its
 * resolved targets, guard expression, tier and JSON path. Validation, replay, the canvas and the
 * exporters all read the machine through this one view, so target resolution lives in one place.
 *
 * State keys are dot paths from the root ("review.collect"); top-level states are their own name.
 */
import type { JsonPath, MachineConfig, StateConfig, StateType, Tier, TransitionConfig, TransitionSpec } from './types';

export interface FlatState {
  /** Dot path from the root, e.g. "review.collect". */
  key: string;
  /** Last segment of the key. */
  name: string;
  parent: string | null;
  depth: number;
  type: StateType;
  /** Child keys in document order. */
  children: string[];
  /** Key of the initial child (compound states). */
  initial: string | null;
  /** meta.activity, else the state's name. */
  activity: string;
  config: StateConfig;
  path: JsonPath;
}

export interface FlatTransition {
  /** Stable id: `${source}|${kind}|${event}|${index}` */
  id: string;
  source: string;
  kind: 'always' | 'on' | 'after';
  /** Event name; null for `always`; the delay for `after`. */
  event: string | null;
  /** Position in the source's transition list T (always first, then on, in document order). */
  order: number;
  /** Resolved target state keys; empty for a targetless transition. */
  targets: string[];
  /** Targets that did not resolve to a state (raw strings). */
  unresolved: string[];
  /** CEL expression when the guard is `{type:'cel', params:{expr}}`. */
  guardExpr: string | null;
  /** A guard that is present but not CEL (named guard etc.); null when unguarded or CEL. */
  otherGuard: unknown;
  tier: Tier | undefined;
  config: TransitionConfig;
  path: JsonPath;
}

export interface FlatGraph {
  machine: MachineConfig;
  /** States in document (pre-)order. */
  states: Map<string, FlatState>;
  stateOrder: string[];
  transitions: FlatTransition[];
  /** Outgoing transitions per state key, in T order. */
  outgoing: Map<string, FlatTransition[]>;
  /** Key of the root's initial child, or null. */
  initial: string | null;
  /** State `id` → key, for `#id` targets. */
  ids: Map<string, string>;
}

function stateType(config: StateConfig): StateType {
  if (config.type) return config.type;
  return config.states && Object.keys(config.states).length > 0 ? 'compound' : 'atomic';
}

function toList(spec: TransitionSpec | undefined): TransitionConfig[] {
  if (spec === undefined || spec === null) return [];
  const items = Array.isArray(spec) ? spec : [spec];
  return items.map((t) => (typeof t === 'string' ? { target: t } : (t ?? {})));
}

/**
 * The transitions a state (or the machine root, source "") declares, as FlatTransitions in
 * XState's order: `always`, then `on` per event, then `after` per delay; `order` counts across
 * the three, ids are `source|kind|event|order`. `resolve` turns one raw target into a state key
 * (null: unresolved). flattenMachine uses it for every state; rootTransitions for the root.
 */
function declaredTransitions(
  source: string,
  config: StateConfig,
  path: JsonPath,
  resolve: (raw: string) => string | null,
): FlatTransition[] {
  const list: FlatTransition[] = [];
  const add = (
    kind: FlatTransition['kind'],
    event: string | null,
    spec: TransitionSpec | undefined,
    specPath: JsonPath,
  ) => {
    const isArray = Array.isArray(spec);
    toList(spec).forEach((item, i) => {
      const rawTargets = item.target === undefined ? [] : Array.isArray(item.target) ? item.target : [item.target];
      const targets: string[] = [];
      const unresolved: string[] = [];
      for (const raw of rawTargets) {
        const r = typeof raw === 'string' ? resolve(raw) : null;
        if (r === null) unresolved.push(String(raw));
        else targets.push(r);
      }
      const g = item.guard as { type?: unknown; params?: { expr?: unknown } } | undefined;
      const isCel = !!g && typeof g === 'object' && g.type === 'cel' && typeof g.params?.expr === 'string';
      const order = list.length;
      list.push({
        id: `${source}|${kind}|${event ?? ''}|${order}`,
        source,
        kind,
        event,
        order,
        targets,
        unresolved,
        guardExpr: isCel ? (g.params!.expr as string) : null,
        otherGuard: g !== undefined && !isCel ? g : null,
        tier: item.meta?.tier ?? undefined,
        config: item,
        path: isArray ? [...specPath, i] : specPath,
      });
    });
  };
  add('always', null, config.always, [...path, 'always']);
  for (const [event, spec] of Object.entries(config.on ?? {})) add('on', event, spec, [...path, 'on', event]);
  for (const [delay, spec] of Object.entries(config.after ?? {})) add('after', delay, spec, [...path, 'after', delay]);
  return list;
}

/**
 * Transitions declared on the machine root, in flattenMachine's shape (id `|kind|event|order`,
 * source ""). XState resolves root targets only as ".child" or "#id" ("#machine.path", "#id.child").
 */
export function rootTransitions(flat: FlatGraph, machine: MachineConfig): FlatTransition[] {
  const machineId = machine.id ?? '(machine)';
  const resolve = (raw: string): string | null => {
    if (raw.startsWith('#')) return resolveIdTarget(flat, machineId, raw.slice(1));
    if (raw.startsWith('.')) return flat.states.has(raw.slice(1)) ? raw.slice(1) : null;
    return null;
  };
  // A root transition's tier is its meta.tier exactly as written (a stray null stays null, which
  // the runner's plan tells apart from "no tier"), as it always was here.
  return declaredTransitions('', machine, ['machine'], resolve).map((t) => ({ ...t, tier: t.config.meta?.tier }));
}

/** A "#ref" target (without the "#"): a state id, the machine id plus a path, or either followed by
 * ".child.grandchild"; the state key, or null. One rule for state and root branches alike. */
function resolveIdTarget(flat: Pick<FlatGraph, 'ids' | 'states'>, machineId: string, ref: string): string | null {
  const exact = flat.ids.get(ref);
  if (exact !== undefined) return exact;
  const dot = ref.indexOf('.');
  if (dot <= 0) return null;
  const head = ref.slice(0, dot);
  const base = flat.ids.get(head) ?? (head === machineId ? '' : null);
  if (base === null) return null;
  const k = base ? `${base}.${ref.slice(dot + 1)}` : ref.slice(dot + 1);
  return flat.states.has(k) ? k : null;
}

/** Build the flat view. Never throws on a well-typed config; unresolved targets are reported. */
export function flattenMachine(machine: MachineConfig, basePath: JsonPath = ['machine']): FlatGraph {
  const states = new Map<string, FlatState>();
  const stateOrder: string[] = [];
  const ids = new Map<string, string>();
  const machineId = machine.id ?? '(machine)';

  const visit = (
    config: StateConfig,
    key: string,
    name: string,
    parent: string | null,
    depth: number,
    path: JsonPath,
  ) => {
    const type = stateType(config);
    const childEntries = Object.entries(config.states ?? {});
    const children = childEntries.map(([n]) => (key ? `${key}.${n}` : n));
    const initialName = config.initial ?? (type === 'compound' ? childEntries[0]?.[0] : undefined);
    const flat: FlatState = {
      key,
      name,
      parent,
      depth,
      type,
      children,
      initial:
        initialName !== undefined && config.states?.[initialName]
          ? key
            ? `${key}.${initialName}`
            : initialName
          : null,
      activity: typeof config.meta?.activity === 'string' && config.meta.activity ? config.meta.activity : name,
      config,
      path,
    };
    if (key) {
      states.set(key, flat);
      stateOrder.push(key);
      ids.set(`${machineId}.${key}`, key);
      if (config.id) ids.set(config.id, key);
    }
    for (const [childName, child] of childEntries) {
      visit(child ?? {}, key ? `${key}.${childName}` : childName, childName, key || null, depth + 1, [
        ...path,
        'states',
        childName,
      ]);
    }
  };
  visit(machine, '', machine.id ?? '', null, -1, basePath);
  const rootChildren = Object.keys(machine.states ?? {});
  const initial = machine.initial && machine.states?.[machine.initial] ? machine.initial : (rootChildren[0] ?? null);

  const resolveTarget = (source: FlatState, raw: string): string | null => {
    if (raw.startsWith('#')) return resolveIdTarget({ ids, states }, machineId, raw.slice(1));
    if (raw.startsWith('.')) {
      const k = `${source.key}${raw}`;
      return states.has(k) ? k : null;
    }
    // sibling (child of the source's parent); dotted paths descend from there
    const k = source.parent ? `${source.parent}.${raw}` : raw;
    return states.has(k) ? k : null;
  };

  const transitions: FlatTransition[] = [];
  const outgoing = new Map<string, FlatTransition[]>();
  for (const key of stateOrder) {
    const s = states.get(key)!;
    const list = declaredTransitions(key, s.config, s.path, (raw) => resolveTarget(s, raw));
    outgoing.set(key, list);
    transitions.push(...list);
  }

  return { machine, states, stateOrder, transitions, outgoing, initial, ids };
}

/** Descend compound initials from `key` to an atomic (or final/parallel) state. */
export function resolveInitialLeaf(graph: FlatGraph, key: string): string {
  let current = key;
  for (let guard = 0; guard < 1000; guard++) {
    const s = graph.states.get(current);
    if (!s || s.type !== 'compound' || !s.initial) return current;
    current = s.initial;
  }
  return current;
}

/** Ancestors of a state, nearest first (excluding the state itself). */
export function ancestorsOf(graph: FlatGraph, key: string): string[] {
  const out: string[] = [];
  let p = graph.states.get(key)?.parent ?? null;
  while (p) {
    out.push(p);
    p = graph.states.get(p)?.parent ?? null;
  }
  return out;
}
