/**
 * Agent policies side by side on the same recorded cases (DESIGN.md, "Agent policies"): per
 * policy the full replay figures, per branch its disagreement with Wilson interval, abstentions
 * and the tier it has earned, and a coverage curve (share of steps it would take on its own vs
 * its error rate as its confidence threshold moves). When a policy learns from history, cases are
 * split by time — the first 70% by start time train it, and every policy is scored on the rest,
 * so the comparison is on equal ground (never a random split).
 */
import type { GraphDoc, RecordedCase, Rollout, Tier } from '../model/types';
import { compileGraph, type CompiledGraph } from '../replay/compile';
import { CaseEvaluator, caseVars } from '../replay/evaluate';
import { DEFAULT_POLICY, type RecommendPolicy } from '../replay/recommend';
import type { SimulationResult } from '../replay/result';
import { caseStart, walkCase, type ReplaySink } from '../replay/walk';
import type { RateInterval } from '../replay/wilson';
import { runPolicy, type StepRecord } from './runPolicy';
import type { AnyPolicy, TrainingStep } from './types';
import { buildView, viewContext } from './view';

interface BranchEvidence {
  agentChoices: number;
  disagree: number;
  disagreement: RateInterval | null;
  /** Steps where people took this branch and the agent abstained. */
  abstentions: number;
  /** auto: Wilson upper bound under the threshold; suggest: not conclusive; human: too few choices or lower bound over it. */
  earnedTier: Tier;
}

export interface CoveragePoint {
  threshold: number;
  /** Share of all steps the agent would take on its own at this threshold. */
  share: number;
  /** Wrong among those (null when it takes none). */
  errorRate: number | null;
}

export interface PolicyReport {
  policy: string;
  kind: AnyPolicy['kind'];
  threshold: number | null;
  result: SimulationResult;
  branches: Record<string, BranchEvidence>;
  coverage: CoveragePoint[];
  /** Answers that named no branch or were malformed (scored as abstentions). */
  invalid: number;
  /** Decisions that could not be obtained (budget, failures): scored as abstentions, results partial. */
  unanswered: number;
  /** Per state: steps where the policy proposed a branch, how many matched what people did, and the rate. */
  accuracy: Record<string, { proposals: number; correct: number; rate: number | null }>;
  summary?: Record<string, unknown>;
}

export interface AgentComparison {
  /** 'all' cases, or the later 'holdout' when a policy learned from the earlier ones. */
  evaluatedOn: 'all' | 'holdout';
  split?: { trainCases: number; testCases: number; cutoff: string | null; untimedCases: number };
  policies: PolicyReport[];
}

export interface CompareOptions {
  rollout?: Rollout;
  policy?: Partial<RecommendPolicy>;
  /** Share of cases (by start time) that train learning policies; default 0.7. */
  trainShare?: number;
}

const CURVE = Array.from({ length: 21 }, (_, i) => i / 20);

function coverage(r: StepRecord): CoveragePoint[] {
  return CURVE.map((t) => {
    let taken = 0;
    let wrong = 0;
    for (let i = 0; i < r.n; i++) {
      if (r.correct[i]! < 0 || r.confidence[i]! < t) continue;
      taken++;
      if (r.correct[i] === 0) wrong++;
    }
    return { threshold: t, share: r.n ? taken / r.n : 0, errorRate: taken ? wrong / taken : null };
  });
}

function earnedTier(d: RateInterval | null, p: RecommendPolicy): Tier {
  if (!d || d.n < p.minCases) return 'human';
  if (d.high < p.threshold) return 'auto';
  if (d.low > p.threshold) return 'human';
  return 'suggest';
}

/** Cases in start-time order split at `share`; cases without any timestamp cannot be placed in time and are left out. */
export function splitByTime(
  cases: readonly RecordedCase[],
  share: number,
): { train: RecordedCase[]; test: RecordedCase[]; cutoff: number | null; untimed: number } {
  const timed = cases
    .map((c) => ({ c, t: caseStart(c) }))
    .filter((x): x is { c: RecordedCase; t: number } => x.t !== undefined);
  timed.sort((a, b) => a.t - b.t);
  const k = Math.round(timed.length * share);
  return {
    train: timed.slice(0, k).map((x) => x.c),
    test: timed.slice(k).map((x) => x.c),
    cutoff: k < timed.length ? timed[k]!.t : null,
    untimed: cases.length - timed.length,
  };
}

/** Training steps: what the agent saw at each step of the training cases and where people went. */
export function trainingSteps(g: CompiledGraph, cases: readonly RecordedCase[]): TrainingStep[] {
  const ev = new CaseEvaluator(g, g.rollout);
  const ctx = viewContext(g);
  const out: TrainingStep[] = [];
  for (const c of cases) {
    ev.begin(caseVars(g, c.attributes ?? {}));
    const sink: ReplaySink = {
      step(state, _a, h, _t, _e, eventIndex) {
        const table = g.states[state]!.table;
        if (table.length < 2) return;
        const th = g.transitions[h]!;
        // the first branch landing where people went (labels do not depend on any agent)
        let label = -1;
        for (let k = 0; k < table.length && label < 0; k++) {
          const t = g.transitions[table[k]!]!;
          if (eventIndex >= 0 ? t.targetActivity === th.targetActivity : t.targetFinal) label = k;
        }
        out.push({
          view: buildView(ctx, state, c, eventIndex >= 0 ? eventIndex : c.events.length),
          label,
          caseId: c.caseId,
        });
      },
      deviation() {},
      endCase() {},
    };
    walkCase(ev, c, sink);
  }
  return out;
}

/** Replay `cases` under each policy and report them side by side. */
export async function compareAgents(
  doc: GraphDoc | CompiledGraph,
  cases: readonly RecordedCase[],
  policies: readonly AnyPolicy[],
  opts: CompareOptions = {},
): Promise<AgentComparison> {
  const g = 'transitionIds' in doc ? (doc as CompiledGraph) : compileGraph(doc);
  const rp = { ...DEFAULT_POLICY, ...opts.policy };
  const learners = policies.filter((p) => p.kind !== 'rules' && typeof p.train === 'function');
  let scored: readonly RecordedCase[] = cases;
  let split: AgentComparison['split'];
  if (learners.length) {
    const s = splitByTime(cases, opts.trainShare ?? 0.7);
    const steps = trainingSteps(g, s.train);
    for (const p of learners) if (p.kind !== 'rules') p.train!(steps);
    scored = s.test;
    split = {
      trainCases: s.train.length,
      testCases: s.test.length,
      cutoff: s.cutoff === null ? null : new Date(s.cutoff).toISOString(),
      untimedCases: s.untimed,
    };
  }
  const reports: PolicyReport[] = [];
  for (const p of policies) {
    const run = await runPolicy(g, scored, p, { rollout: opts.rollout, policy: rp });
    const branches: Record<string, BranchEvidence> = Object.create(null) as Record<string, BranchEvidence>;
    for (const [id, t] of Object.entries(run.result.perTransition)) {
      branches[id] = {
        agentChoices: t.agentChoices,
        disagree: t.disagree,
        disagreement: t.rates.disagreement,
        abstentions: run.abstainedOn.get(id) ?? 0,
        earnedTier: earnedTier(t.rates.disagreement, rp),
      };
    }
    const report: PolicyReport = {
      policy: p.name,
      kind: p.kind,
      threshold: p.kind === 'rules' ? null : p.threshold,
      result: run.result,
      branches,
      coverage: coverage(run.steps),
      invalid: run.invalid,
      unanswered: run.unanswered,
      accuracy: Object.fromEntries(
        [...run.accuracy].map(([k, a]) => [k, { ...a, rate: a.proposals ? a.correct / a.proposals : null }]),
      ),
    };
    const summary = p.kind !== 'rules' ? p.summary?.() : undefined;
    if (summary) report.summary = summary;
    reports.push(report);
  }
  return { evaluatedOn: learners.length ? 'holdout' : 'all', ...(split ? { split } : {}), policies: reports };
}

export const RULES: AnyPolicy = { name: 'rules', kind: 'rules' };
