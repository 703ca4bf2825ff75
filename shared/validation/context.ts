/**
 * Everything rules share, computed once per validation: the flat machine, the CEL environment,
 * every CEL expression in the document with where it sits, and small lookups (agent of a state,
 * marked tier of a branch, states a branch enters).
 */
import { CelEnvironment, type CompileResult } from '../expr/cel';
import { ancestorsOf, flattenMachine, type FlatGraph, type FlatState, type FlatTransition } from '../model/flatten';
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
 * expression is a string (flattenMachine's guardExpr) and it always names its state and branch.
 */
export type CelSite =
  | (CelSiteCommon & { kind: 'guard'; expr: string; stateKey: string; transitionId: string })
  | (CelSiteCommon & { kind: 'limit' | 'guardrail'; expr: unknown });

export interface ValidationContext {
  doc: GraphDoc;
  graph: FlatGraph;
  /** graph.transitions plus onDone / invoke completions (for structure rules). */
  movingTransitions: FlatTransition[];
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
  for (const t of graph.transitions) {
    if (t.guardExpr !== null)
      celSites.push({
        expr: t.guardExpr,
        kind: 'guard',
        path: [...t.path, 'guard', 'params', 'expr'],
        label: `guard of ${describe(t)}`,
        stateKey: t.source,
        transitionId: t.id,
      });
    asArray(t.config.meta?.guardrails).forEach((g, i) => {
      celSites.push({
        expr: asRecord(g).when,
        kind: 'guardrail',
        path: [...t.path, 'meta', 'guardrails', i, 'when'],
        label: `guardrail ${i + 1} of ${describe(t)}`,
        stateKey: t.source,
        transitionId: t.id,
      });
    });
  }
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
    movingTransitions: [...graph.transitions, ...completionTransitions(doc.machine)],
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
      const own = graph.states.get(t.source)?.config.meta?.tier;
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
