/**
 * What-if variants are checked like the graph itself before anything is scored: every guardrail
 * condition that would apply is compiled and type-checked against the graph's caseSchema (the
 * same CEL environment as guards), tiers must be tiers of branches that exist. A variant with a
 * problem is not run — a typo such as `impcat == "Low"` must read as an error, not as "0 trips".
 */
import { CelEnvironment } from '../../../shared/expr/cel';
import { flattenMachine } from '../../../shared/model/flatten';
import { setStateMeta } from '../../../shared/model/edits/states';
import { setTier, updateTransition } from '../../../shared/model/edits/transitions';
import { TIERS, type GraphDoc, type Guardrail } from '../../../shared/model/types';
import { listGuardrails, type Variant } from './variantDoc';

export interface VariantProblem {
  /** What the problem is attached to: 'added' (the new guardrail), a guardrail ref, `tier:<id>`. */
  field: string;
  message: string;
  /** 'cel': the type-checker's own error (a CEL editor shows it inline); 'data'/'graph': listed. */
  source: 'cel' | 'data' | 'graph';
}

const environments = new WeakMap<object, CelEnvironment>();
function envFor(doc: GraphDoc): CelEnvironment {
  const schema = doc.caseSchema ?? {};
  let env = environments.get(schema);
  if (!env) environments.set(schema, (env = new CelEnvironment(schema)));
  return env;
}

/**
 * A condition's fields against the data when the graph declares no caseSchema: CEL then types
 * unknown names as dyn and cannot catch a typo, but the run saw which attributes the cases have.
 */
function unknownInData(env: CelEnvironment, expr: string, dataFields: ReadonlySet<string> | null): string | null {
  if (!dataFields || Object.keys(env.schema).length > 0) return null;
  const r = env.compile(expr);
  if (!r.ok) return null;
  const missing = r.compiled.reads.filter((name) => !dataFields.has(name));
  return missing.length
    ? `Unknown field: ${missing.join(', ')} (no case in this dataset has ${missing.length === 1 ? 'it' : 'them'}; the graph declares no case fields)`
    : null;
}

/**
 * Every problem that stops the variant from being scored or applied (empty: it is valid).
 * `dataFields`: the case attribute names the run saw, used when the graph has no caseSchema.
 */
export function checkVariant(doc: GraphDoc, v: Variant, dataFields?: readonly string[]): VariantProblem[] {
  const out: VariantProblem[] = [];
  const flat = flattenMachine(doc.machine);
  const ids = new Set(flat.transitions.map((t) => t.id));
  const tiers = new Set<string>(TIERS);
  for (const [id, tier] of Object.entries(v.tiers)) {
    if (!ids.has(id)) out.push({ field: `tier:${id}`, message: `branch ${id} is not in the graph`, source: 'graph' });
    else if (!tiers.has(tier))
      out.push({
        field: `tier:${id}`,
        message: `“${String(tier)}” is not a tier (auto, suggest or human)`,
        source: 'graph',
      });
  }
  const env = envFor(doc);
  const seen = dataFields ? new Set(dataFields) : null;
  const guardrails = listGuardrails(doc);
  const known = new Set(guardrails.map((g) => g.ref));
  for (const ref of v.disabledGuardrails)
    if (!known.has(ref)) out.push({ field: ref, message: `guardrail ${ref} is not in the graph`, source: 'graph' });
  const off = new Set(v.disabledGuardrails);
  // the graph's own guardrails that stay on are part of the variant too: check them as well
  for (const g of guardrails) {
    if (off.has(g.ref)) continue;
    const r = env.compile(g.when);
    const missing = unknownInData(env, g.when, seen);
    if (!r.ok) out.push({ field: g.ref, message: `guardrail on ${g.owner}: ${r.error.message}`, source: 'cel' });
    else if (missing) out.push({ field: g.ref, message: `guardrail on ${g.owner}: ${missing}`, source: 'data' });
  }
  if (v.added) {
    if (!flat.states.has(v.added.state))
      out.push({ field: 'added', message: `state ${v.added.state} is not in the graph`, source: 'graph' });
    const r = env.compile(v.added.when);
    const missing = unknownInData(env, v.added.when, seen);
    if (!r.ok)
      out.push({
        field: 'added',
        message: v.added.when.trim()
          ? r.error.message
          : 'write the condition (CEL) of the new guardrail, or choose “—”',
        source: 'cel',
      });
    else if (missing) out.push({ field: 'added', message: missing, source: 'data' });
  }
  return out;
}

/** Why the variant cannot be scored, in one line for the disabled button; null when it can. */
export function blockedReason(problems: VariantProblem[]): string | null {
  if (problems.length === 0) return null;
  const first = problems[0]!.message;
  return problems.length === 1
    ? `Fix the variant first: ${first}`
    : `Fix the variant first (${problems.length} problems): ${first}`;
}

/**
 * The graph with the variant applied: its rollout, tiers and guardrail lists written into the
 * document (layout and everything else untouched), so the editor makes it ONE undoable edit.
 * Guardrails are filtered from the document's own lists (not rebuilt from the engine's variant),
 * so fields the engine does not read, such as a guardrail's `reason`, survive.
 */
export function applyVariantToDoc(doc: GraphDoc, v: Variant): GraphDoc {
  let next: GraphDoc = v.rollout !== doc.rollout ? { ...doc, rollout: v.rollout } : doc;
  for (const [id, tier] of Object.entries(v.tiers)) next = setTier(next, id, tier);
  const flat = flattenMachine(doc.machine);
  const off = new Set(v.disabledGuardrails);
  const added = v.added && v.added.when.trim() ? v.added : null;
  const owners = new Set(
    listGuardrails(doc)
      .filter((g) => off.has(g.ref))
      .map((g) => `${g.on}:${g.owner}`),
  );
  if (added) owners.add(`state:${added.state}`);
  for (const owner of owners) {
    const [on, ...rest] = owner.split(':');
    const key = rest.join(':');
    const own: Guardrail[] =
      (on === 'state'
        ? flat.states.get(key)?.config.meta?.guardrails
        : flat.transitions.find((t) => t.id === key)?.config.meta?.guardrails) ?? [];
    const list = own.filter((_, i) => !off.has(`${on}:${key}:${i}`));
    if (added && on === 'state' && added.state === key)
      list.push({ when: added.when.trim(), downgradeTo: added.downgradeTo });
    const value = list.length ? list : undefined;
    if (on === 'state') next = setStateMeta(next, key, { guardrails: value });
    else
      next = updateTransition(next, key, (c) => {
        const meta: Record<string, unknown> = { ...(c.meta ?? {}) };
        if (value) meta.guardrails = value;
        else delete meta.guardrails;
        const out = { ...c, meta } as typeof c;
        if (Object.keys(meta).length === 0) delete out.meta;
        return out;
      });
  }
  return next;
}
