/**
 * unknown-target: a transition target (or a compound state's `initial`) that names no state.
 * Suggests the closest state name when one is near.
 */
import type { FlatGraph } from '../../model/flatten';
import type { Diagnostic, Rule } from '../types';

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(
        row[j]! + 1,
        row[j - 1]! + 1,
        prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest state name to a raw target, if one is close enough to be a typo. */
function suggestState(graph: FlatGraph, raw: string): string | null {
  const name = raw.replace(/^[#.]/, '').split('.').pop() ?? raw;
  let best: { key: string; d: number } | null = null;
  for (const s of graph.states.values()) {
    const d = distance(name, s.name);
    if (d <= Math.max(2, Math.floor(name.length / 3)) && (!best || d < best.d)) best = { key: s.key, d };
  }
  return best?.key ?? null;
}

export const unknownTarget: Rule = {
  code: 'unknown-target',
  summary: 'every transition target and initial names a state',
  check(ctx) {
    const out: Diagnostic[] = [];
    const selectable = new Set(ctx.graph.transitions.map((t) => t.id));
    for (const t of ctx.movingTransitions) {
      const raw = t.config.target;
      for (const bad of t.unresolved) {
        // a bare target string is reported where it sits; a transition object (t.config is one
        // whenever a target is unresolved) at its `target`, or at the entry of a target list
        const path = isShorthand(ctx.doc, t.path)
          ? t.path
          : Array.isArray(raw)
            ? [...t.path, 'target', raw.indexOf(bad)]
            : [...t.path, 'target'];
        const near = suggestState(ctx.graph, bad);
        // the machine root names its states only as ".child" (or "#id"): a bare name does not resolve there
        const hint = near !== null && t.source === '' ? `.${near}` : near;
        out.push({
          code: this.code,
          severity: 'error',
          message: `Target "${bad}" of ${ctx.describe(t)} is not a state${hint ? `; did you mean "${hint}"?` : ''}`,
          path,
          ...(t.source ? { stateKey: t.source } : {}),
          // onDone / invoke completions are not in flattenMachine's list: select their state instead
          ...(selectable.has(t.id) ? { transitionId: t.id } : {}),
        });
      }
    }
    for (const s of [...ctx.graph.states.values(), { key: '', path: ['machine'], config: ctx.graph.machine }]) {
      const initial = s.config.initial;
      if (initial === undefined) continue;
      const children = s.config.states && typeof s.config.states === 'object' ? s.config.states : {};
      if (typeof initial === 'string' && Object.hasOwn(children, initial)) continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `Initial state "${String(initial)}" of ${s.key ? `"${s.key}"` : 'the machine'} is not one of its child states`,
        path: [...s.path, 'initial'],
        ...(s.key ? { stateKey: s.key } : {}),
      });
    }
    return out;
  },
};

/**
 * True when the document holds a bare target string at `path` (e.g. `on: { GO: "next" }`). `path`
 * is a transition's own path, which flattenMachine and completionTransitions take from the document:
 * every step above its end is an object or array of the document.
 */
function isShorthand(doc: unknown, path: Array<string | number>): boolean {
  let v: unknown = doc;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the path always runs through objects (above); kept so a hostile document can never make validation throw
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return typeof v === 'string';
}
