/**
 * Draft an SOP from history (issue #10): the directly-follows relation of the most frequent
 * variants that together cover a chosen share of the cases, as a graph document.
 *
 * - One state per activity (key: a slug of the name; `meta.activity` the name itself), plus a
 *   `begin` state (no recorded activity) whose branches lead to the first activities, and a final
 *   `end` state that every last activity of a kept variant can reach.
 * - Branches are `on` entries named after their target, ordered by how many kept cases took
 *   them (most first); each carries `meta.tier: "human"` and `meta.cases` (that count).
 * - Rollout `observe`: a draft only lets the agent shadow.
 *
 * Why this covers the share: every kept variant is a path begin → … → end of the graph, and
 * replay walks such a path step by step (its next activity is always a branch target, and the
 * end is reachable when the trace is used up), so each of its cases is conformant. Other cases
 * may be conformant too. Kept small on purpose: no process-mining library in npm fits (pm4py
 * is Python); this is the textbook DFG with variant filtering.
 */
import type { GraphDoc, StateConfig as StateNode } from '../model/types';
import { GRAPH_FORMAT } from '../model/types';

export interface VariantCount {
  activities: string[];
  cases: number;
}

export interface DraftOptions {
  /** Share of cases the kept variants must cover, 0 < coverage ≤ 1 (default 0.8). */
  coverage?: number;
  name?: string;
}

export interface Draft {
  doc: GraphDoc;
  /** Variants kept, and the cases they cover (≥ coverage × all cases). */
  keptVariants: number;
  coveredCases: number;
  totalCases: number;
}

const BEGIN_ACTIVITY = '(begin)';
const END_ACTIVITY = '(end)';

/** The draft from variant counts (e.g. StatsCollector.topVariants(Infinity)). */
export function draftSop(variants: readonly VariantCount[], options: DraftOptions = {}): Draft {
  const coverage = options.coverage ?? 0.8;
  if (!(coverage > 0 && coverage <= 1)) throw new Error(`coverage must be more than 0 and at most 1 (got ${coverage})`);
  const total = variants.reduce((s, v) => s + v.cases, 0);
  const sorted = variants
    .map((v, order) => ({ ...v, order }))
    .filter((v) => v.activities.length > 0)
    .sort((a, b) => b.cases - a.cases || a.order - b.order);
  const kept: VariantCount[] = [];
  let covered = 0;
  for (const v of sorted) {
    if (covered >= coverage * total) break;
    kept.push(v);
    covered += v.cases;
  }

  const keys = new Map<string, string>(); // activity → state key
  const used = new Set<string>();
  const keyOf = (activity: string): string => {
    let k = keys.get(activity);
    if (k === undefined) {
      k = uniqueKey(slug(activity), used);
      keys.set(activity, k);
    }
    return k;
  };
  const begin = uniqueKey('begin', used);
  const end = uniqueKey('end', used);
  // edges: from key → (to key → cases)
  const edges = new Map<string, Map<string, number>>();
  const addEdge = (from: string, to: string, n: number): void => {
    let out = edges.get(from);
    if (!out) edges.set(from, (out = new Map<string, number>()));
    out.set(to, (out.get(to) ?? 0) + n);
  };
  for (const v of kept) {
    let from = begin;
    for (const a of v.activities) {
      const to = keyOf(a);
      addEdge(from, to, v.cases);
      from = to;
    }
    addEdge(from, end, v.cases);
  }

  const activityOf = new Map<string, string>([...keys].map(([a, k]) => [k, a]));
  activityOf.set(begin, BEGIN_ACTIVITY);
  const states: Record<string, StateNode> = {};
  for (const key of [begin, ...keys.values()]) {
    const out = [...(edges.get(key) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    const on: Record<string, unknown> = {};
    for (const [to, cases] of out) {
      on[eventName(to === end ? END_ACTIVITY : activityOf.get(to)!, to)] = {
        target: to,
        meta: { tier: 'human', cases },
      };
    }
    states[key] = { meta: { activity: activityOf.get(key)! }, on } as StateNode;
  }
  states[end] = { type: 'final', meta: { activity: END_ACTIVITY } };

  const doc: GraphDoc = {
    format: GRAPH_FORMAT,
    name: options.name ?? 'Drafted from history',
    version: 1,
    rollout: 'observe',
    caseSchema: {},
    agents: {},
    tools: {},
    machine: { id: 'draft', initial: begin, states },
    layout: {},
    meta: { drafted: { coverage, keptVariants: kept.length, coveredCases: covered, totalCases: total } },
  };
  return { doc, keptVariants: kept.length, coveredCases: covered, totalCases: total };
}

/** A state key from an activity name: letters, digits, `_` and `-` (XState uses `.` and `#` in ids). */
export function slug(activity: string): string {
  const s = activity
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return s === '' ? 'activity' : /^[0-9]/.test(s) ? `a_${s}` : s;
}

function uniqueKey(base: string, used: Set<string>): string {
  const reserved = base === '__proto__' || base === 'constructor' || base === 'prototype';
  let k = reserved ? `${base}_state` : base;
  for (let i = 2; used.has(k); i++) k = `${base}_${i}`;
  used.add(k);
  return k;
}

/** The event of a branch: the target activity in upper snake case (unique per state by its key). */
function eventName(activity: string, key: string): string {
  const words = slug(activity).toUpperCase();
  return words === 'ACTIVITY' || words === ''
    ? key.toUpperCase()
    : key === slug(activity)
      ? words
      : `${words}__${key.toUpperCase()}`;
}
