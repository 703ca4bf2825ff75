/**
 * Build the StepView a policy receives. The blast radius is enforced by construction: `fields`
 * is a fresh prototype-less object holding only the acting agent's `reads`, so a policy cannot
 * reach another case field however it is written. Branch descriptions are built once per state.
 */
import type { AttrValue, GraphDoc, RecordedCase } from '../model/types';
import type { CompiledGraph } from '../replay/compile';
import type { AgentPolicy, BranchView, StepView } from './types';

export interface ViewContext {
  g: CompiledGraph;
  /** Per state id: acting agent, its reads, and the branch views (null until first needed). */
  states: Array<{ agent: string | null; reads: string[]; branches: BranchView[] } | null>;
}

export function viewContext(g: CompiledGraph): ViewContext {
  return { g, states: Array.from({ length: g.states.length }, () => null) };
}

/** The acting agent at a state: its own or nearest ancestor's `meta.agent`, else the graph's only agent. */
function actingAgent(g: CompiledGraph, key: string): string | null {
  const doc: GraphDoc = g.doc;
  for (let k: string | undefined = key; k; k = g.flat.states.get(k)?.parent ?? undefined) {
    const a = g.flat.states.get(k)?.config.meta?.agent;
    if (typeof a === 'string') return a;
  }
  const names = Object.keys(doc.agents ?? {});
  return names.length === 1 ? names[0]! : null;
}

function stateInfo(ctx: ViewContext, state: number) {
  const hit = ctx.states[state];
  if (hit) return hit;
  const g = ctx.g;
  const st = g.states[state]!;
  const agent = actingAgent(g, st.key);
  const def = agent !== null && Object.hasOwn(g.doc.agents ?? {}, agent) ? g.doc.agents[agent] : undefined;
  const reads = Array.isArray(def?.reads) ? def.reads.filter((r): r is string => typeof r === 'string') : [];
  const branches = [...st.table].map((t, index): BranchView => {
    const tr = g.transitions[t]!;
    const target = g.states[tr.target]!;
    const notes = (g.flat.transitions.find((f) => f.id === tr.id)?.config.meta as { notes?: unknown } | undefined)
      ?.notes;
    const tools = tr.limits.map((l) => l.tool);
    const toolName = g.flat.states.get(target.key)?.config.meta?.tool;
    if (typeof toolName === 'string' && !tools.includes(toolName)) tools.push(toolName);
    return {
      index,
      id: tr.id,
      event: tr.event,
      target: target.key,
      activity: target.activity,
      final: target.final,
      guard: tr.guard ? tr.guard.expr : null,
      tier: tr.markedTier,
      ...(typeof notes === 'string' ? { notes } : {}),
      tools: tools.map((name) => {
        const d = Object.hasOwn(g.doc.tools ?? {}, name) ? g.doc.tools[name] : undefined;
        return {
          name,
          ...(d?.risk ? { risk: d.risk } : {}),
          ...(d?.reversible !== undefined ? { reversible: d.reversible } : {}),
        };
      }),
    };
  });
  return (ctx.states[state] = { agent, reads, branches });
}

/** A read field's value: a top-level attribute, or a dotted path into a nested object or a flat dotted column. */
function readField(attributes: Record<string, AttrValue>, path: string): AttrValue | undefined {
  if (Object.hasOwn(attributes, path)) return attributes[path];
  let cur: unknown = attributes;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur as AttrValue;
}

/** The view of `state` for case `c`; `next` is the index of the event being decided. */
export function buildView(
  ctx: ViewContext,
  state: number,
  c: RecordedCase,
  next: number,
  recorded?: { proposal: string; confidence?: string },
  proposalFor?: AgentPolicy['proposalFor'],
): StepView {
  const info = stateInfo(ctx, state);
  const st = ctx.g.states[state]!;
  const fields: Record<string, AttrValue> = Object.create(null) as Record<string, AttrValue>;
  const attributes = c.attributes ?? {};
  for (const r of info.reads) {
    const v = readField(attributes, r);
    if (v !== undefined) fields[r] = structuredClone(v);
  }
  const notes = ctx.g.flat.states.get(st.key)?.config.meta?.notes;
  const view: StepView = {
    state: st.key,
    activity: st.activity,
    agent: info.agent,
    branches: info.branches,
    fields: Object.freeze(fields),
  };
  if (typeof notes === 'string') view.notes = notes;
  if (proposalFor) {
    const r = proposalFor(c.caseId, st.key);
    view.recorded = { proposal: r.proposal, confidence: r.confidence };
  } else if (recorded) {
    const attrs = next < c.events.length ? c.events[next]!.attributes : undefined;
    const p = attrs && Object.hasOwn(attrs, recorded.proposal) ? attrs[recorded.proposal] : undefined;
    const conf =
      recorded.confidence && attrs && Object.hasOwn(attrs, recorded.confidence)
        ? Number(attrs[recorded.confidence])
        : NaN;
    view.recorded = {
      proposal: typeof p === 'string' && p.trim() ? p.trim() : null,
      confidence: Number.isFinite(conf) ? conf : null,
    };
  }
  return view;
}
