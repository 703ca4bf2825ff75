/**
 * Replay recorded cases with an agent policy deciding `a` (DESIGN.md, "Agent policies"). The walk
 * stays the one in shared/replay/walk.ts; only the agent choice comes from the policy. Decisions
 * depend on (case, state) only, so they are memoised per case; an asynchronous policy (a model
 * behind HTTP) is driven in rounds: every case walks until its first unknown decision, all those
 * are asked at once (the policy bounds its own concurrency), and the walks resume — so the walk
 * itself never awaits. The rules agent takes the plain hot path (same figures as simulate()).
 */
import type { RecordedCase, Rollout } from '../model/types';
import { ReplayAccumulator } from '../replay/accumulator';
import type { CompiledGraph } from '../replay/compile';
import { CaseEvaluator, caseVars } from '../replay/evaluate';
import { DEFAULT_POLICY, type RecommendPolicy } from '../replay/recommend';
import type { SimulationResult } from '../replay/result';
import {
  caseStart,
  caseTiming,
  SUSPEND,
  walkCase,
  type CaseEnd,
  type CaseTiming,
  type ReplaySink,
} from '../replay/walk';
import type { TierResult } from '../tier/effectiveTier';
import { buildView, viewContext } from './view';
import type { AnyPolicy, Decision } from './types';

/** A decision resolved to a transition: the proposal, its confidence, and the choice after the threshold. */
interface ResolvedDecision {
  /** Proposed transition index (-1: none proposed). */
  proposed: number;
  /** The agent choice after the confidence threshold (-1: abstains). */
  chosen: number;
  confidence: number;
  invalid: boolean;
}

/** Per step: what the policy proposed, how confident, and whether the proposal matched what people did. */
export interface StepRecord {
  confidence: Float64Array;
  /** 1 proposal matches what people did, 0 does not, -1 no proposal. */
  correct: Int8Array;
  n: number;
}

export interface PolicyRun {
  result: SimulationResult;
  steps: StepRecord;
  /** Per transition id: steps where people took it and the agent abstained. */
  abstainedOn: Map<string, number>;
  invalid: number;
  /** Per state key: steps with a proposal, and how many matched what people did. */
  accuracy: Map<string, { proposals: number; correct: number }>;
  /** Decisions that could not be obtained (e.g. a model's call budget ran out): counted as abstentions. */
  unanswered: number;
}

const NULL_SINK: ReplaySink = { step() {}, deviation() {}, endCase() {} };

function resolve(table: Int32Array, d: Decision, threshold: number): ResolvedDecision {
  const ok = d.branch !== null && Number.isInteger(d.branch) && d.branch >= 0 && d.branch < table.length;
  const proposed = ok ? table[d.branch!]! : -1;
  const confidence =
    typeof d.confidence === 'number' && Number.isFinite(d.confidence) ? Math.min(1, Math.max(0, d.confidence)) : 1;
  const invalid = d.invalid === true || (d.branch !== null && !ok);
  return { proposed, chosen: proposed >= 0 && confidence >= threshold ? proposed : -1, confidence, invalid };
}

/** Does transition p match what people did at a step whose human choice is h (by destination)? */
function matches(g: CompiledGraph, p: number, h: number, eventIndex: number): boolean {
  const tp = g.transitions[p]!;
  return eventIndex >= 0 ? tp.targetActivity === g.transitions[h]!.targetActivity : tp.targetFinal;
}

export interface RunPolicyOptions {
  rollout?: Rollout;
  policy?: Partial<RecommendPolicy>;
}

export async function runPolicy(
  g: CompiledGraph,
  cases: readonly RecordedCase[],
  agent: AnyPolicy,
  opts: RunPolicyOptions = {},
): Promise<PolicyRun> {
  const rollout = opts.rollout ?? g.rollout;
  const ev = new CaseEvaluator(g, rollout);
  const acc = new ReplayAccumulator(g, rollout, { ...DEFAULT_POLICY, ...opts.policy });
  const memos: Array<Map<number, ResolvedDecision>> = [];
  let unanswered = 0;
  if (agent.kind !== 'rules') {
    const ctx = viewContext(g);
    const p = agent;
    for (let i = 0; i < cases.length; i++) memos.push(new Map());
    let pending = cases.map((_, i) => i);
    while (pending.length) {
      const waits: Array<Promise<void>> = [];
      const next: number[] = [];
      for (const i of pending) {
        const c = cases[i]!;
        const memo = memos[i]!;
        ev.begin(caseVars(g, c.attributes ?? {}));
        for (;;) {
          let missing = -1;
          let at = 0;
          const done = walkCase(ev, c, NULL_SINK, (s, nextEvent) => {
            const d = memo.get(s);
            if (d) return d.chosen;
            missing = s;
            at = nextEvent;
            return SUSPEND;
          });
          if (done) break;
          const table = g.states[missing]!.table;
          const s = missing;
          // A pass-through (one unguarded branch) is no decision: nobody is asked, the agent goes on.
          if (table.length === 1 && g.transitions[table[0]!]!.guard === null) {
            memo.set(s, { proposed: table[0]!, chosen: table[0]!, confidence: 1, invalid: false });
            continue;
          }
          let answer: Decision | Promise<Decision>;
          try {
            answer = p.decide(buildView(ctx, s, c, at, p.recordedColumn, p.proposalFor?.bind(p)));
          } catch (e) {
            answer = { branch: null, invalid: true, reason: String((e as Error)?.message ?? e) };
          }
          if (answer instanceof Promise) {
            waits.push(
              answer.then(
                (d) => void memo.set(s, resolve(table, d, p.threshold)),
                () => {
                  unanswered++;
                  memo.set(s, { proposed: -1, chosen: -1, confidence: 0, invalid: false });
                },
              ),
            );
            next.push(i);
            break;
          }
          memo.set(s, resolve(table, answer, p.threshold));
        }
      }
      await Promise.all(waits);
      pending = next;
    }
  }

  // The scoring pass: the same walk, now with every decision known, into the accumulator.
  const record: StepRecord = { confidence: new Float64Array(64), correct: new Int8Array(64), n: 0 };
  const abstainedOn = new Map<string, number>();
  let invalid = 0;
  const accuracy = new Map<string, { proposals: number; correct: number }>();
  let memo: Map<number, ResolvedDecision> | null = null;
  const sink: ReplaySink = {
    step(
      state: number,
      a: number,
      h: number,
      tier: TierResult,
      guardErrors: number,
      eventIndex: number,
      handlingMs: number,
    ) {
      acc.step(state, a, h, tier, guardErrors, eventIndex, handlingMs);
      const d = memo?.get(state);
      const proposed = d ? d.proposed : a;
      if (record.n === record.confidence.length) {
        const c2 = new Float64Array(record.n * 2);
        c2.set(record.confidence);
        const k2 = new Int8Array(record.n * 2);
        k2.set(record.correct);
        record.confidence = c2;
        record.correct = k2;
      }
      record.confidence[record.n] = d ? d.confidence : 1;
      record.correct[record.n] = proposed < 0 ? -1 : proposed === h || matches(g, proposed, h, eventIndex) ? 1 : 0;
      record.n++;
      if (proposed >= 0) {
        const key = g.states[state]!.key;
        let acc2 = accuracy.get(key);
        if (!acc2) accuracy.set(key, (acc2 = { proposals: 0, correct: 0 }));
        acc2.proposals++;
        if (record.correct[record.n - 1] === 1) acc2.correct++;
      }
      if (a < 0) {
        const id = g.transitions[h]!.id;
        abstainedOn.set(id, (abstainedOn.get(id) ?? 0) + 1);
      }
      if (d?.invalid) invalid++;
    },
    deviation(state: number) {
      acc.deviation(state);
    },
    endCase(end: CaseEnd, state: number, trailing: number) {
      acc.endCase(end, state, trailing);
    },
  };
  const timing: CaseTiming = { elapsedMs: NaN, handlingMs: 0, hasStart: false };
  const chooser = (s: number) => memo!.get(s)!.chosen;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    memo = memos[i] ?? null;
    ev.begin(caseVars(g, c.attributes ?? {}));
    acc.beginCase(caseStart(c));
    acc.timeCase(caseTiming(c, timing));
    walkCase(ev, c, sink, memo ? chooser : undefined);
  }
  return { result: acc.result(), steps: record, abstainedOn, invalid, accuracy, unanswered };
}
