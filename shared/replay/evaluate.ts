/**
 * Per-case evaluation of a compiled graph: the agent's choice at a state and the effective tier of
 * that step. Both depend only on the case's attributes, never on the path, so they are computed
 * once per (case, state) and reused when a case revisits a state (loops cost nothing extra).
 * Tier results are also memoised across cases by (state, agent choice, guardrails held, limit
 * failed): most cases share a handful of outcomes, so the hot loop allocates nothing for them.
 * Cases started with beginCase (simulate) also recall guard, guardrail and limit outcomes from
 * earlier cases with the same raw inputs (outcomeMemo.ts), and build their variables only on a miss.
 */
import { toCelValue } from '../expr/cel';
import type { AttrValue, Rollout } from '../model/types';
import { effectiveTier, type TierResult } from '../tier/effectiveTier';
import type { CompiledExpr, CompiledGraph, CompiledGuardrail, CompiledLimit, CompiledTransition } from './compile';
import { OutcomeMemo, UNKNOWN } from './outcomeMemo';

/** Outcome of evaluating one expression: 1 holds, 0 does not, -1 error (does not hold). */
function evalExpr(e: CompiledExpr, vars: Record<string, unknown>): number {
  if (!e.cel) return -1;
  try {
    return e.cel.run(vars) === true ? 1 : 0;
  } catch {
    return -1;
  }
}

/** The error text of an expression for a case (only called when building detailed facts). */
function exprError(e: CompiledExpr, vars: Record<string, unknown>): string | null {
  if (!e.cel) return `${e.expr}: ${e.error ?? 'cannot be evaluated'}`;
  try {
    e.cel.run(vars);
    return null;
  } catch (err) {
    return `${e.expr}: ${String((err as Error)?.message ?? err).split('\n')[0]}`;
  }
}

/** CEL variables for a case: only the attributes the graph reads, converted per the schema. */
export function caseVars(g: CompiledGraph, attributes: Record<string, AttrValue>): Record<string, unknown> {
  return celVarsFor(g, attributes, g.reads);
}

/**
 * CEL variables for the given top-level names. A name declared with dotted schema fields
 * ("customer.tier") is a map: built from a nested attribute object (JSONL, XES) or from flat dotted
 * attributes ("customer.tier" CSV columns), with each field converted per its schema type.
 */
export function celVarsFor(
  g: CompiledGraph,
  attributes: Record<string, AttrValue>,
  names: readonly string[],
): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const k = names[i]!;
    const fields = g.nestedFields.get(k);
    const v = attributes[k];
    if (fields === undefined) {
      if (v !== undefined) vars[k] = toCelValue(v, g.schema[k]);
      continue;
    }
    const base = v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? v : undefined;
    let out: Record<string, unknown> | undefined = base ? { ...base } : undefined;
    for (const f of fields) {
      let raw: unknown = attributes[f.path];
      if (raw === undefined && base) {
        raw = base;
        for (const part of f.parts)
          raw = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[part] : undefined;
      }
      if (raw === undefined) continue;
      out ??= {};
      let target = out;
      for (let j = 0; j < f.parts.length - 1; j++) {
        const part = f.parts[j]!;
        const next = target[part];
        target = target[part] =
          next !== null && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
      }
      target[f.parts[f.parts.length - 1]!] = toCelValue(raw as AttrValue, f.field);
    }
    if (out !== undefined) vars[k] = out;
    else if (v !== undefined) vars[k] = v;
  }
  return vars;
}

/** Reusable per-graph scratch: per-state caches stamped with the current case number. */
export class CaseEvaluator {
  private stamp: Int32Array;
  private agentOf: Int32Array;
  private errorsOf: Int32Array;
  private tierOf: Array<TierResult | null>;
  private caseNo = 0;
  /** This case's CEL variables; null until an evaluation needs them (beginCase builds them lazily). */
  private vars: Record<string, unknown> | null = {};
  private attributes: Record<string, AttrValue> = {};
  /** Outcomes across cases by raw attribute values (beginCase only; begin() evaluates plainly). */
  private outcomes: OutcomeMemo | null = null;
  private memoising = false;
  private readonly memo = new Map<number, TierResult>();
  /**
   * Per state: the agent choice whose tier needs no guardrail or limit (so it depends on nothing
   * but the state, the choice and the rollout) and that tier; -2 = none yet.
   */
  private readonly plainAgent: Int32Array;
  private readonly plainTier: Array<TierResult | null>;
  private readonly nT: number;
  private readonly memoable: boolean;
  /**
   * Scratch for tierFor: indices of the guardrails that hold, the first `nHeld` entries only. Not
   * emptied with `held.length = 0`, which was 1/4 of tierFor's own time in the profile.
   */
  // Stryker disable next-line ArrayDeclaration: tierFor reads only the entries it wrote for this call
  private readonly held: number[] = [];

  constructor(
    readonly g: CompiledGraph,
    readonly rollout: Rollout,
  ) {
    const n = g.states.length;
    this.stamp = new Int32Array(n);
    this.agentOf = new Int32Array(n);
    this.errorsOf = new Int32Array(n);
    // Stryker disable next-line ArrayDeclaration: an entry is read only after ensure() has written it
    this.tierOf = new Array<TierResult | null>(n).fill(null);
    this.nT = g.transitions.length + 1;
    this.plainAgent = new Int32Array(n).fill(-2);
    // Stryker disable next-line ArrayDeclaration: an entry is read only when plainAgent says it was written
    this.plainTier = new Array<TierResult | null>(n).fill(null);
    this.memoable = 2 ** 30 * this.nT * n < 2 ** 53;
  }

  /** Start a new case: later calls evaluate against these variables. */
  begin(vars: Record<string, unknown>): void {
    this.vars = vars;
    this.memoising = false;
    this.nextCase();
  }

  /**
   * Start a new case from its raw attributes: the same answers as begin(caseVars(g, attributes)),
   * but outcomes are recalled from earlier cases with the same inputs (outcomeMemo.ts) and the
   * variables are built only when some expression must really be evaluated.
   */
  beginCase(attributes: Record<string, AttrValue>): void {
    this.vars = null;
    this.attributes = attributes;
    (this.outcomes ??= new OutcomeMemo(this.g)).begin(attributes);
    this.memoising = true;
    this.nextCase();
  }

  private nextCase(): void {
    // Stryker disable next-line UpdateOperator: stamps are only compared for equality; counting down from 0 is as fresh per case (the wrap is never reached)
    this.caseNo++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: resetting more often only recomputes; never resetting leaves caseNo >= 2^31, which no Int32 stamp equals, so it only recomputes
    if (this.caseNo === 0x7fffffff) {
      this.stamp.fill(0);
      this.caseNo = 1;
    }
  }

  get currentVars(): Record<string, unknown> {
    return (this.vars ??= caseVars(this.g, this.attributes));
  }

  /** Outcome of `e` for this case: 1 holds, 0 does not, -1 error. */
  private outcome(e: CompiledExpr): number {
    if (!e.cel) return -1;
    if (!this.memoising) return evalExpr(e, this.vars!);
    const memo = this.outcomes!;
    const known = memo.recall(e.cel);
    if (known !== UNKNOWN) return known;
    const r = evalExpr(e, this.currentVars);
    memo.remember(r);
    return r;
  }

  private ensure(state: number): void {
    if (this.stamp[state] === this.caseNo) return;
    this.stamp[state] = this.caseNo;
    const g = this.g;
    const table = g.states[state]!.table;
    let agent = -1;
    let errors = 0;
    for (let i = 0; i < table.length; i++) {
      const t = g.transitions[table[i]!]!;
      if (t.guard === null) {
        agent = t.index;
        break;
      }
      const r = this.outcome(t.guard);
      if (r === 1) {
        agent = t.index;
        break;
      }
      if (r === -1) errors++;
    }
    this.agentOf[state] = agent;
    this.errorsOf[state] = errors;
    this.tierOf[state] = this.tierFor(state, agent);
  }

  /** Index of the agent's transition at `state` for this case; -1 = abstains. */
  agent(state: number): number {
    this.ensure(state);
    return this.agentOf[state]!;
  }

  /** Guards at `state` that could not be evaluated for this case (before the chosen one). */
  guardErrors(state: number): number {
    this.ensure(state);
    return this.errorsOf[state]!;
  }

  /** Effective tier of a step at `state` for this case. */
  tier(state: number): TierResult {
    this.ensure(state);
    return this.tierOf[state]!;
  }

  /** Texts of the guard errors at `state` (detailed facts only; not on the hot path). */
  guardErrorTexts(state: number): string[] {
    const out: string[] = [];
    const table = this.g.states[state]!.table;
    for (let i = 0; i < table.length; i++) {
      const t = this.g.transitions[table[i]!]!;
      if (t.guard === null) break;
      const r = evalExpr(t.guard, this.currentVars);
      if (r === 1) break;
      if (r === -1) out.push(exprError(t.guard, this.currentVars) ?? t.guard.expr);
    }
    return out;
  }

  /** Effective tier for an agent choice at a state under this case (memoised across cases). */
  tierFor(state: number, agent: number): TierResult {
    if (this.plainAgent[state] === agent) return this.plainTier[state]!;
    const g = this.g;
    const s = g.states[state]!;
    const t = agent >= 0 ? g.transitions[agent]! : null;
    const guardrails: CompiledGuardrail[] = t && t.guardrails.length ? s.guardrails.concat(t.guardrails) : s.guardrails;
    const held = this.held;
    let nHeld = 0;
    let mask = 0;
    for (let i = 0; i < guardrails.length; i++) {
      if (this.outcome(guardrails[i]!) === 1) {
        held[nHeld++] = i;
        // Stryker disable next-line AssignmentOperator: a negated mask keeps the key injective (steps of 1024 > failed + 1) and below 2^53 in magnitude
        if (i < 20) mask += 2 ** i;
      }
    }
    let failed = -1;
    if (t) {
      for (let i = 0; i < t.limits.length; i++) {
        if (this.outcome(t.limits[i]!) !== 1) {
          failed = i;
          break;
        }
      }
    }
    // One number identifies the inputs; exact while it stays below 2^53 (checked by `memoable`).
    const memoable = guardrails.length <= 20 && failed < 1000 && this.memoable;
    // Stryker disable next-line UnaryOperator: the key of a non-memoable result is never used (get and set are under `if (memoable)`)
    const key = memoable ? ((mask * 1024 + (failed + 1)) * this.nT + (agent + 1)) * g.states.length + state : -1;
    if (memoable) {
      const hit = this.memo.get(key);
      if (hit) return this.notePlain(state, agent, guardrails.length, t, hit);
    }
    const lim: CompiledLimit | null = failed >= 0 ? t!.limits[failed]! : null;
    const result = effectiveTier({
      transitionTier: t?.ownTier,
      stateTier: t ? t.sourceTier : s.tier,
      rollout: this.rollout,
      heldGuardrails: held.slice(0, nHeld).map((i) => ({
        when: guardrails[i]!.expr,
        downgradeTo: guardrails[i]!.downgradeTo,
        on: guardrails[i]!.on,
      })),
      failedLimit: lim ? { tool: lim.tool, limit: lim.expr } : undefined,
    });
    if (memoable) this.memo.set(key, result);
    return this.notePlain(state, agent, guardrails.length, t, result);
  }

  /** Remember `tier` as the state's plain tier for `agent` when no guardrail or limit applies to it. */
  private notePlain(
    state: number,
    agent: number,
    guardrails: number,
    t: CompiledTransition | null,
    tier: TierResult,
  ): TierResult {
    if (guardrails === 0 && (t === null || t.limits.length === 0)) {
      this.plainAgent[state] = agent;
      this.plainTier[state] = tier;
    }
    return tier;
  }
}
