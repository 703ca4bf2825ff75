/**
 * A compact store of one replay's per-step facts, for what-if re-scoring without re-reading the
 * log: per step (state, agent choice, human choice, duration) in growable typed arrays, per case
 * its end and the CEL variables guardrails and limits may need (every caseSchema field and every
 * field the graph reads — all attributes when the graph has no schema).
 *
 * Tiers, guardrails, limits and the rollout stage can change afterwards; guards cannot (the agent's
 * choice is stored, not recomputed). `data` is plain (typed arrays, objects) so it can be posted
 * to or from a worker.
 */
import type { AttrValue } from '../model/types';
import type { TierResult } from '../tier/effectiveTier';
import type { CompiledGraph } from './compile';
import { celVarsFor } from './evaluate';
import type { CaseEnd, CaseTiming, ReplaySink } from './walk';

export interface FactData {
  cases: number;
  steps: number;
  caseIds: string[];
  vars: Array<Record<string, unknown>>;
  /** First event time per case (NaN when unknown). */
  start: Float64Array;
  /** Per case: elapsed time (NaN when unknown), handling time, and whether any event had a start. */
  elapsedMs: Float64Array;
  handlingMs: Float64Array;
  hasStart: Uint8Array;
  /** Index of each case's first step; caseStep[cases] = steps. */
  caseStep: Int32Array;
  /** 0 final, 1 deviated, 2 stuck. */
  end: Uint8Array;
  endState: Int32Array;
  trailing: Int32Array;
  /** State id where the case deviated, -1 when it did not. */
  deviatedAt: Int32Array;
  state: Int32Array;
  agent: Int32Array;
  human: Int32Array;
  guardErrors: Uint16Array;
  /** Handling time of each step's consumed event (NaN when unknown). */
  stepHandlingMs: Float64Array;
}

const END_CODE: Record<CaseEnd, number> = { final: 0, deviated: 1, stuck: 2 };
export const END_OF_CODE: readonly CaseEnd[] = ['final', 'deviated', 'stuck'];

function grow<T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class FactStore implements ReplaySink {
  readonly data: FactData;
  private readonly keep: string[] | null;

  constructor(readonly g: CompiledGraph) {
    const schemaKeys = Object.keys(g.schema).map((k) => k.split('.')[0]!);
    this.keep = schemaKeys.length ? [...new Set([...g.reads, ...schemaKeys])] : null;
    const c = 1024;
    const s = 4096;
    this.data = {
      cases: 0,
      steps: 0,
      caseIds: [],
      vars: [],
      start: new Float64Array(c),
      elapsedMs: new Float64Array(c),
      handlingMs: new Float64Array(c),
      hasStart: new Uint8Array(c),
      caseStep: new Int32Array(c + 1),
      end: new Uint8Array(c),
      endState: new Int32Array(c),
      trailing: new Int32Array(c),
      deviatedAt: new Int32Array(c),
      state: new Int32Array(s),
      agent: new Int32Array(s),
      human: new Int32Array(s),
      guardErrors: new Uint16Array(s),
      stepHandlingMs: new Float64Array(s),
    };
  }

  /** Start a case: keep its id, the variables re-scoring may need, and its start time. */
  beginCase(
    caseId: string,
    attributes: Record<string, AttrValue>,
    start: number | undefined,
    timing: CaseTiming,
  ): void {
    const d = this.data;
    const i = d.cases++;
    d.start = grow(d.start, d.cases);
    d.elapsedMs = grow(d.elapsedMs, d.cases);
    d.handlingMs = grow(d.handlingMs, d.cases);
    d.hasStart = grow(d.hasStart, d.cases);
    d.caseStep = grow(d.caseStep, d.cases + 1);
    d.end = grow(d.end, d.cases);
    d.endState = grow(d.endState, d.cases);
    d.trailing = grow(d.trailing, d.cases);
    d.deviatedAt = grow(d.deviatedAt, d.cases);
    d.caseIds.push(caseId);
    d.vars.push(celVarsFor(this.g, attributes, this.keep ?? Object.keys(attributes)));
    d.start[i] = start ?? NaN;
    d.elapsedMs[i] = timing.elapsedMs;
    d.handlingMs[i] = timing.handlingMs;
    d.hasStart[i] = timing.hasStart ? 1 : 0;
    d.caseStep[i] = d.steps;
    d.deviatedAt[i] = -1;
  }

  step(
    state: number,
    agent: number,
    human: number,
    _tier: TierResult,
    guardErrors: number,
    _eventIndex: number,
    handlingMs: number,
  ): void {
    const d = this.data;
    const j = d.steps++;
    if (j >= d.state.length) {
      d.state = grow(d.state, j + 1);
      d.agent = grow(d.agent, j + 1);
      d.human = grow(d.human, j + 1);
      d.guardErrors = grow(d.guardErrors, j + 1);
      d.stepHandlingMs = grow(d.stepHandlingMs, j + 1);
    }
    d.state[j] = state;
    d.agent[j] = agent;
    d.human[j] = human;
    d.guardErrors[j] = Math.min(guardErrors, 0xffff);
    d.stepHandlingMs[j] = handlingMs;
  }

  deviation(state: number): void {
    this.data.deviatedAt[this.data.cases - 1] = state;
  }

  endCase(end: CaseEnd, state: number, trailing: number): void {
    const d = this.data;
    const i = d.cases - 1;
    d.end[i] = END_CODE[end];
    d.endState[i] = state;
    d.trailing[i] = trailing;
    d.caseStep[i + 1] = d.steps;
  }
}
