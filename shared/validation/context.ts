/**
 * Everything rules share, computed once per validation: the flat machine, the CEL environment,
 * every CEL expression in the document with where it sits, and small lookups (agent of a state,
 * marked tier of a branch, states a branch enters).
 */
import { CelEnvironment, type CompileResult } from '../expr/cel';
import {
  ancestorsOf,
  flattenMachine,
  rootTransitions,
  type FlatGraph,
  type FlatState,
  type FlatTransition,
} from '../model/flatten';
import { TIERS, type AgentDef, type GraphDoc, type JsonPath, type Tier, type ToolDef } from '../model/types';
import { completionTransitions } from './structure';

interface CelSiteCommon {
  path: JsonPath;
  /** Human description, e.g. `guard of "triage" → "refund"`. */
  label: string;
  stateKey?: string;
  transitionId?: string;
  tool?: string;
}

/**
 * Where a CEL expression sits in the document. A guard site is a branch's CEL guard: its
 * expression is a string (flattenMachine's guardExpr). A site on a state's branch names its state
 * and branch; one on the machine root (its own branches, its guardrails) names neither: the root
 * is no state, and its branches are not on the canvas.
 */
export type CelSite =
  (CelSiteCommon & { kind: 'guard'; expr: string }) | (CelSiteCommon & { kind: 'limit' | 'guardrail'; expr: unknown });

export interface ValidationContext {
  doc: GraphDoc;
  graph: FlatGraph;
  /** graph.transitions plus onDone / invoke completions and the root's own (for structure rules). */
  movingTransitions: FlatTransition[];
  /**
   * The machine root's own branches (`machine.always` / `on` / `after`, source ""), as the
   * simulator and runner take them (rootTransitions): in every state, after the states' own.
   */
  rootTransitions: FlatTransition[];
  cel: CelEnvironment;
  compile(expr: string): CompileResult;
  celSites: CelSite[];
  agentOf(stateKey: string): { name: string; def: AgentDef | undefined; path: JsonPath } | null;
  toolOf(state: FlatState): { name: string; def: ToolDef | undefined; path: JsonPath } | null;
  /** The branch's tier as marked (its own, else its state's default, else human); invalid values ignored. */
  markedTier(t: FlatTransition): Tier;
  /** The target and its chain of compound initials: the states a case enters. */
  entered(target: string): FlatState[];
  describe(t: FlatTransition): string;
}

const isTier = (v: unknown): v is Tier => typeof v === 'string' && (TIERS as readonly string[]).includes(v);
const asRecord = <T>(v: unknown): Record<string, T> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, T>) : {};

export function buildContext(doc: GraphDoc): ValidationContext {
  const graph = flattenMachine(doc.machine);
  const root = rootTransitions(graph, doc.machine);
  const cel = new CelEnvironment(asRecord(doc.caseSchema));
  const agents = asRecord<AgentDef>(doc.agents);
  const tools = asRecord<ToolDef>(doc.tools);

  const describe = (t: FlatTransition): string => {
    const on = t.kind === 'always' ? 'always' : t.kind === 'after' ? `after ${t.event}` : `on ${t.event}`;
    const to =
      t.targets.length || t.unresolved.length
        ? [...t.targets, ...t.unresolved].map((x) => `"${x}"`).join(', ')
        : '(no target)';
    return `${t.source ? `"${t.source}"` : 'the machine'} → ${to} (${on})`;
  };

  const celSites: CelSite[] = [];
  for (const key of graph.stateOrder) {
    const s = graph.states.get(key)!;
    asArray(s.config.meta?.guardrails).forEach((g, i) => {
      celSites.push({
        expr: asRecord(g).when,
        kind: 'guardrail',
        path: [...s.path, 'meta', 'guardrails', i, 'when'],
        label: `guardrail ${i + 1} of "${key}"`,
        stateKey: key,
      });
    });
  }
  const branchSites = (t: FlatTransition) => {
    // a root branch (source "") is in no state and not on the canvas: no stateKey / transitionId
    const where = t.source ? { stateKey: t.source, transitionId: t.id } : {};
    if (t.guardExpr !== null)
      celSites.push({
        expr: t.guardExpr,
        kind: 'guard',
        path: [...t.path, 'guard', 'params', 'expr'],
        label: `guard of ${describe(t)}`,
        ...where,
      });
    asArray(t.config.meta?.guardrails).forEach((g, i) => {
      celSites.push({
        expr: asRecord(g).when,
        kind: 'guardrail',
        path: [...t.path, 'meta', 'guardrails', i, 'when'],
        label: `guardrail ${i + 1} of ${describe(t)}`,
        ...where,
      });
    });
  };
  graph.transitions.forEach(branchSites);
  for (const [name, tool] of Object.entries(tools)) {
    const limit = asRecord(tool).limit;
    if (limit !== undefined)
      celSites.push({
        expr: limit,
        kind: 'limit',
        path: ['tools', name, 'limit'],
        label: `limit of tool "${name}"`,
        tool: name,
      });
  }
  // The machine root: its own branches and its guardrails (which apply in every state), as the
  // simulator compiles them. Listed last so the existing sites keep their order.
  root.forEach(branchSites);
  asArray(doc.machine.meta?.guardrails).forEach((g, i) => {
    celSites.push({
      expr: asRecord(g).when,
      kind: 'guardrail',
      path: ['machine', 'meta', 'guardrails', i, 'when'],
      label: `guardrail ${i + 1} of the machine`,
    });
  });

  const agentOf: ValidationContext['agentOf'] = (stateKey) => {
    for (const key of [stateKey, ...ancestorsOf(graph, stateKey)]) {
      const s = graph.states.get(key);
      const name = s?.config.meta?.agent;
      if (typeof name === 'string' && name)
        return {
          name,
          def: Object.hasOwn(agents, name) ? agents[name] : undefined,
          path: [...s.path, 'meta', 'agent'],
        };
    }
    return null;
  };

  return {
    doc,
    graph,
    // the root's own branches as the simulator resolves them (rootTransitions): a root target the
    // simulator drops must count as unresolved
    movingTransitions: [...graph.transitions, ...root, ...completionTransitions(doc.machine)],
    rootTransitions: root,
    cel,
    compile: (expr) => cel.compile(expr),
    celSites,
    agentOf,
    toolOf: (s) => {
      const name = s.config.meta?.tool;
      if (typeof name !== 'string' || !name) return null;
      return { name, def: Object.hasOwn(tools, name) ? tools[name] : undefined, path: [...s.path, 'meta', 'tool'] };
    },
    markedTier: (t) => {
      if (isTier(t.config.meta?.tier)) return t.config.meta.tier;
      // a root branch's default is the machine's own meta.tier, as the replay compiler reads it
      const own = t.source === '' ? doc.machine.meta?.tier : graph.states.get(t.source)?.config.meta?.tier;
      return isTier(own) ? own : 'human';
    },
    entered: (target) => {
      const out: FlatState[] = [];
      let s = graph.states.get(target);
      while (s && out.length < 1000) {
        out.push(s);
        s = s.type === 'compound' && s.initial ? graph.states.get(s.initial) : undefined;
      }
      return out;
    },
    describe,
  };
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
