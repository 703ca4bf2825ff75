/**
 * Structural diff of two graph documents, for version history and the export gate.
 *
 * Transition identity (the rule): a transition is identified by its source state key, its kind
 * (`always` / `on` / `after`), its event and its resolved targets — NOT by its position, so
 * reordering branches is not an add + remove. When several transitions share that identity (two
 * guarded branches to the same target) they are paired in document order (`#2`, `#3` suffixes).
 * Left-over transitions of the same source + kind + event are then paired in order as one
 * *changed* transition with `targetChanged` (a retargeted branch), and whatever remains is
 * added / removed.
 *
 * `tiersRaised` compares the branch tier (the transition's `meta.tier`, else its state's
 * `meta.tier`, else `human`), ignoring rollout caps: any branch that now lets the agent do more
 * than before — including a new branch above `human` — needs a sign-off.
 */
import { flattenMachine, type FlatGraph, type FlatTransition } from './flatten';
import type { GraphDoc, Rollout, Tier } from './types';

interface TransitionChange {
  /** Identity key in the newer document (see {@link transitionKey}). */
  id: string;
  /** Raw `meta.tier` of the transition itself. */
  tierChanged?: { from?: Tier; to?: Tier };
  guardChanged?: { from: string | null; to: string | null };
  targetChanged?: boolean;
  /** Other config fields that differ, e.g. "meta.guardrails", "actions". */
  otherChanged?: string[];
}

export interface GraphDiff {
  states: { added: string[]; removed: string[]; changed: Array<{ key: string; fields: string[] }> };
  transitions: { added: string[]; removed: string[]; changed: TransitionChange[] };
  /** Branches whose branch tier is now less restrictive (human < suggest < auto). */
  tiersRaised: Array<{ id: string; from: Tier; to: Tier }>;
  meta: {
    rolloutChanged?: { from: Rollout; to: Rollout; raised: boolean };
    toolsChanged: string[];
    agentsChanged: string[];
    caseSchemaChanged: string[];
    nameChanged?: { from: string; to: string };
  };
}

const TIER_RANK: Record<Tier, number> = { human: 0, suggest: 1, auto: 2 };
const ROLLOUT_RANK: Record<Rollout, number> = { observe: 0, assist: 1, autonomy: 2 };
/** State config fields covered elsewhere (children, transitions) and not reported as state changes. */
const STATE_STRUCTURAL = new Set(['states', 'on', 'always', 'after']);
/** Transition fields reported by dedicated entries rather than `otherChanged`. */
const TRANSITION_DEDICATED = new Set(['target', 'guard']);

/** Order-insensitive (for object keys) deep equality of JSON-like values. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** Identity key of a transition without its occurrence suffix: `source|kind|event->t1+t2`. */
function transitionKey(t: FlatTransition): string {
  const targets =
    t.targets.length > 0 || t.unresolved.length > 0 ? [...t.targets, ...t.unresolved].join('+') : '(self)';
  return `${t.source}|${t.kind}|${t.event ?? ''}->${targets}`;
}

/** A transition identity key in words: "triage → refund", "review → reject on DENY", "pay → closed after 5000". */
export function describeTransitionKey(key: string): string {
  const m = /^(.*?)\|(always|on|after)\|(.*?)->(.*?)(#\d+)?$/.exec(key);
  if (!m) return key;
  const [, source, kind, event, targets, nth] = m;
  const when = kind === 'on' ? ` on ${event}` : kind === 'after' ? ` after ${event}` : '';
  return `${source} → ${targets!.split('+').join(', ')}${when}${nth ? ` (${nth.slice(1)}.)` : ''}`;
}

/** FlatTransition ids of `doc` by diff identity key (`source|kind|event->targets`, `#n` repeats). */
export function transitionIdsByKey(doc: GraphDoc): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, t] of keyed(flattenMachine(doc.machine))) out.set(key, t.id);
  return out;
}

function keyed(graph: FlatGraph): Map<string, FlatTransition> {
  const out = new Map<string, FlatTransition>();
  const seen = new Map<string, number>();
  for (const t of graph.transitions) {
    const base = transitionKey(t);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(n === 1 ? base : `${base}#${n}`, t);
  }
  return out;
}

function changedKeys(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
  skip: Set<string>,
  prefix = '',
): string[] {
  const ao = a ?? {};
  const bo = b ?? {};
  const out: string[] = [];
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (skip.has(k) || jsonEqual(ao[k], bo[k])) continue;
    if (k === 'meta' && !prefix)
      out.push(
        ...changedKeys(ao.meta as Record<string, unknown>, bo.meta as Record<string, unknown>, new Set(), 'meta.'),
      );
    else out.push(prefix + k);
  }
  return out;
}

function guardText(t: FlatTransition): string | null {
  if (t.guardExpr !== null) return t.guardExpr;
  return t.otherGuard === null || t.otherGuard === undefined ? null : JSON.stringify(t.otherGuard);
}

function branchTier(graph: FlatGraph, t: FlatTransition): Tier {
  return t.tier ?? graph.states.get(t.source)?.config.meta?.tier ?? 'human';
}

function recordDiff(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !jsonEqual(a[k], b[k])).sort();
}

function compareTransition(
  id: string,
  ta: FlatTransition,
  tb: FlatTransition,
  retargeted: boolean,
): TransitionChange | null {
  const change: TransitionChange = { id };
  if (ta.tier !== tb.tier) change.tierChanged = { from: ta.tier, to: tb.tier };
  const ga = guardText(ta);
  const gb = guardText(tb);
  if (ga !== gb) change.guardChanged = { from: ga, to: gb };
  if (retargeted) change.targetChanged = true;
  const other = changedKeys(ta.config, tb.config, TRANSITION_DEDICATED).filter((f) => f !== 'meta.tier');
  if (other.length > 0) change.otherChanged = other;
  return Object.keys(change).length > 1 ? change : null;
}

/** Diff `a` (older) against `b` (newer). Pure; never throws on well-typed documents. */
export function diffGraphs(a: GraphDoc, b: GraphDoc): GraphDiff {
  const fa = flattenMachine(a.machine);
  const fb = flattenMachine(b.machine);

  const states: GraphDiff['states'] = {
    added: fb.stateOrder.filter((k) => !fa.states.has(k)),
    removed: fa.stateOrder.filter((k) => !fb.states.has(k)),
    changed: [],
  };
  for (const key of fb.stateOrder) {
    const sa = fa.states.get(key);
    if (!sa) continue;
    const sb = fb.states.get(key)!;
    const fields = changedKeys(sa.config, sb.config, STATE_STRUCTURAL);
    if (sa.type !== sb.type && !fields.includes('type')) fields.push('type');
    if (fields.length > 0) states.changed.push({ key, fields });
  }

  const ka = keyed(fa);
  const kb = keyed(fb);
  const pairs: Array<{ id: string; ta: FlatTransition; tb: FlatTransition; retargeted: boolean }> = [];
  const leftA = [...ka].filter(([k]) => !kb.has(k));
  const leftB = [...kb].filter(([k]) => !ka.has(k));
  for (const [k, tb] of kb) if (ka.has(k)) pairs.push({ id: k, ta: ka.get(k)!, tb, retargeted: false });
  // Second pass: same source + kind + event, different targets → a retargeted branch.
  const slot = (t: FlatTransition) => `${t.source}|${t.kind}|${t.event ?? ''}`;
  const removed: string[] = [];
  for (const [k, ta] of leftA) {
    const i = leftB.findIndex(([, tb]) => slot(tb) === slot(ta));
    if (i < 0) {
      removed.push(k);
      continue;
    }
    const [kbKey, tb] = leftB.splice(i, 1)[0]!;
    pairs.push({ id: kbKey, ta, tb, retargeted: true });
  }
  const transitions: GraphDiff['transitions'] = { added: leftB.map(([k]) => k), removed, changed: [] };
  const tiersRaised: GraphDiff['tiersRaised'] = [];
  for (const p of pairs) {
    const c = compareTransition(p.id, p.ta, p.tb, p.retargeted);
    if (c) transitions.changed.push(c);
    const from = branchTier(fa, p.ta);
    const to = branchTier(fb, p.tb);
    if (TIER_RANK[to] > TIER_RANK[from]) tiersRaised.push({ id: p.id, from, to });
  }
  for (const [k, tb] of leftB) {
    const to = branchTier(fb, tb);
    if (TIER_RANK[to] > TIER_RANK.human) tiersRaised.push({ id: k, from: 'human', to });
  }

  const meta: GraphDiff['meta'] = {
    toolsChanged: recordDiff(a.tools ?? {}, b.tools ?? {}),
    agentsChanged: recordDiff(a.agents ?? {}, b.agents ?? {}),
    caseSchemaChanged: recordDiff(a.caseSchema ?? {}, b.caseSchema ?? {}),
  };
  if (a.rollout !== b.rollout) {
    meta.rolloutChanged = {
      from: a.rollout,
      to: b.rollout,
      raised: (ROLLOUT_RANK[b.rollout] ?? 0) > (ROLLOUT_RANK[a.rollout] ?? 0),
    };
  }
  if (a.name !== b.name) meta.nameChanged = { from: a.name, to: b.name };
  return { states, transitions, tiersRaised, meta };
}

/** True when nothing in the diff changed. */
export function isEmptyDiff(d: GraphDiff): boolean {
  return (
    d.states.added.length + d.states.removed.length + d.states.changed.length === 0 &&
    d.transitions.added.length + d.transitions.removed.length + d.transitions.changed.length === 0 &&
    d.meta.toolsChanged.length + d.meta.agentsChanged.length + d.meta.caseSchemaChanged.length === 0 &&
    !d.meta.rolloutChanged &&
    !d.meta.nameChanged
  );
}
