/**
 * Copy/paste of states as data: a clipboard payload holds state configs (with their children and
 * the branches among them) plus layout, so it can round-trip through the system clipboard as JSON.
 */
import type { GraphDoc, LayoutEntry, StateConfig, TransitionConfig, TransitionSpec } from '../types';
import { childKey, getIn, isWithin, nameOf, statePath } from './paths';
import { addState, uniqueStateName } from './states';

const CLIPBOARD_FORMAT = 'sop-studio/states@1' as const;

export interface StatesClipboard {
  format: typeof CLIPBOARD_FORMAT;
  /** Copied states by name, in order. */
  states: Array<{ name: string; config: StateConfig; layout?: LayoutEntry }>;
  /** Layout of the copied states' descendants, keyed relative to the copied state ("a.b"). */
  childLayout: Record<string, LayoutEntry>;
}

/** Copy states (keys whose ancestor is also selected are folded into that ancestor). */
export function copyStates(doc: GraphDoc, keys: string[]): StatesClipboard {
  const roots = keys.filter((k) => !keys.some((o) => o !== k && isWithin(k, o)));
  const states = roots
    .map((k) => ({ key: k, config: getIn(doc, statePath(k)) as StateConfig | undefined }))
    .filter((s): s is { key: string; config: StateConfig } => s.config !== undefined)
    .map((s) => ({ name: nameOf(s.key), config: structuredClone(s.config), layout: doc.layout[s.key] }));
  const childLayout: Record<string, LayoutEntry> = {};
  for (const root of roots) {
    for (const [k, v] of Object.entries(doc.layout))
      if (k.startsWith(`${root}.`)) childLayout[`${nameOf(root)}${k.slice(root.length)}`] = v;
  }
  return { format: CLIPBOARD_FORMAT, states, childLayout };
}

/** True when a parsed value is a states clipboard payload. */
export function isStatesClipboard(v: unknown): v is StatesClipboard {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { format?: unknown }).format === CLIPBOARD_FORMAT &&
    Array.isArray((v as StatesClipboard).states)
  );
}

function renameTargets(spec: TransitionSpec | undefined, names: Map<string, string>): TransitionSpec | undefined {
  if (spec === undefined) return undefined;
  const fix = (t: string | TransitionConfig): string | TransitionConfig => {
    if (typeof t === 'string') return names.get(t) ?? t;
    if (typeof t.target === 'string') return { ...t, target: names.get(t.target) ?? t.target };
    if (Array.isArray(t.target)) return { ...t, target: t.target.map((x) => names.get(x) ?? x) };
    return t;
  };
  return Array.isArray(spec) ? spec.map(fix) : fix(spec);
}

/**
 * Paste under `parent` (null = root) with fresh names, shifted by `offset`. Branches between pasted
 * siblings follow the renamed copies; branches to other states keep their targets.
 * Returns the new document and the keys of the pasted states.
 */
export function pasteStates(
  doc: GraphDoc,
  clip: StatesClipboard,
  parent: string | null,
  offset = { x: 40, y: 40 },
): { doc: GraphDoc; keys: string[] } {
  const names = new Map<string, string>();
  let probe = doc;
  for (const s of clip.states) {
    const fresh = uniqueStateName(probe, parent, s.name);
    names.set(s.name, fresh);
    probe = addState(probe, { parent, name: fresh }); // reserve the name
  }
  let next = doc;
  const keys: string[] = [];
  for (const s of clip.states) {
    const name = names.get(s.name)!;
    const config: StateConfig = { ...s.config };
    if (config.always !== undefined) config.always = renameTargets(config.always, names);
    if (config.on)
      config.on = Object.fromEntries(Object.entries(config.on).map(([e, spec]) => [e, renameTargets(spec, names)!]));
    if (config.after)
      config.after = Object.fromEntries(
        Object.entries(config.after).map(([e, spec]) => [e, renameTargets(spec, names)!]),
      );
    const position = s.layout ? { x: s.layout.x + offset.x, y: s.layout.y + offset.y } : undefined;
    next = addState(next, { parent, name, config, position });
    const key = childKey(parent, name);
    if (s.layout && (s.layout.width || s.layout.height))
      next = { ...next, layout: { ...next.layout, [key]: { ...s.layout, ...position! } } };
    for (const [rel, entry] of Object.entries(clip.childLayout)) {
      if (rel.startsWith(`${s.name}.`))
        next = { ...next, layout: { ...next.layout, [`${key}${rel.slice(s.name.length)}`]: entry } };
    }
    keys.push(key);
  }
  return { doc: next, keys };
}
