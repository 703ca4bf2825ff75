/**
 * Replay one case into stable, serialisable per-step facts: what the case explorer steps through
 * and what the HTML report quotes. Same walk as the aggregate path (walk.ts), with names instead
 * of indices and the reasons behind every tier.
 */
import type { RecordedCase, Rollout, Tier } from '../model/types';
import type { TierReason, TierResult } from '../tier/effectiveTier';
import type { CompiledGraph } from './compile';
import { CaseEvaluator, caseVars } from './evaluate';
import { caseStart, caseTiming, walkCase, type CaseEnd, type CaseTiming, type ReplaySink } from './walk';

type StepOutcome = 'auto-correct' | 'auto-error' | 'accepted' | 'override' | 'human';

export interface StepFact {
  /** Key of the state the step leaves. */
  state: string;
  /** Transition id the agent would take; null = abstains (escalates). */
  agent: string | null;
  /** Transition id matching what people did. */
  human: string;
  /** Effective tier of the step. */
  tier: Tier;
  /** Tier after branch and rollout cap, before guardrails and limits. */
  allowed: Tier;
  /** A guardrail or tool limit lowered the tier. */
  tripped: boolean;
  reasons: TierReason[];
  agree: boolean;
  outcome: StepOutcome;
  /** Index of the consumed event; null for the implicit close. */
  eventIndex: number | null;
  /** Guards at this state that could not be evaluated for the case. */
  guardErrors?: string[];
  /** Handling time of the consumed event (its start → its timestamp, ms), when it has both. */
  handlingMs?: number;
}

export interface CaseTrace {
  caseId: string;
  steps: StepFact[];
  end: CaseEnd;
  /** State the case ended in (final state, deviation state, or where it got stuck). */
  endState: string | null;
  deviatedAt?: string;
  /** Events left over after a final state. */
  trailing: number;
  /** Events in the case. */
  events: number;
  /** First event timestamp (ms), when known. */
  startTime?: number;
  /** Earliest start or timestamp → latest timestamp (ms), when the case has two time points. */
  elapsedMs?: number;
  /** Sum of the events' handling times (ms). */
  handlingMs?: number;
  /** Some event has a start time. */
  hasStart?: boolean;
}

/** Outcome of a step by tier and agreement (DESIGN.md, Replay, rule 2). */
function outcomeOf(tier: Tier, agree: boolean): StepOutcome {
  if (tier === 'auto') return agree ? 'auto-correct' : 'auto-error';
  if (tier === 'suggest') return agree ? 'accepted' : 'override';
  return 'human';
}

const evaluators = new WeakMap<CompiledGraph, Map<Rollout, CaseEvaluator>>();

/** One evaluator per (graph, rollout), reused across calls: its tier memo is what makes it cheap. */
function evaluatorFor(g: CompiledGraph, rollout: Rollout): CaseEvaluator {
  let byRollout = evaluators.get(g);
  if (!byRollout) evaluators.set(g, (byRollout = new Map<Rollout, CaseEvaluator>()));
  let ev = byRollout.get(rollout);
  if (!ev) byRollout.set(rollout, (ev = new CaseEvaluator(g, rollout)));
  return ev;
}

/** Replay one case; the rollout defaults to the graph's own stage. */
export function replayCase(g: CompiledGraph, c: RecordedCase, opts: { rollout?: Rollout } = {}): CaseTrace {
  const ev = evaluatorFor(g, opts.rollout ?? g.rollout);
  ev.begin(caseVars(g, c.attributes ?? {}));
  const steps: StepFact[] = [];
  const trace: CaseTrace = {
    caseId: c.caseId,
    steps,
    end: 'deviated',
    endState: null,
    trailing: 0,
    events: c.events.length,
  };
  const start = caseStart(c);
  if (start !== undefined) trace.startTime = start;
  const timing = caseTiming(c, {} as CaseTiming);
  if (!Number.isNaN(timing.elapsedMs)) trace.elapsedMs = timing.elapsedMs;
  if (timing.hasStart) {
    trace.hasStart = true;
    trace.handlingMs = timing.handlingMs;
  }
  const sink: ReplaySink = {
    step(
      state: number,
      agent: number,
      human: number,
      tier: TierResult,
      guardErrors: number,
      eventIndex: number,
      handlingMs: number,
    ) {
      const agree = agent === human;
      const fact: StepFact = {
        state: g.states[state]!.key,
        agent: agent >= 0 ? g.transitions[agent]!.id : null,
        human: g.transitions[human]!.id,
        tier: tier.tier,
        allowed: tier.allowed,
        tripped: tier.tripped,
        reasons: tier.reasons,
        agree,
        outcome: outcomeOf(tier.tier, agree),
        eventIndex: eventIndex >= 0 ? eventIndex : null,
      };
      if (guardErrors > 0) fact.guardErrors = ev.guardErrorTexts(state);
      if (!Number.isNaN(handlingMs)) fact.handlingMs = handlingMs;
      steps.push(fact);
    },
    deviation(state: number) {
      trace.deviatedAt = g.states[state]!.key;
    },
    endCase(end: CaseEnd, state: number, trailing: number) {
      trace.end = end;
      trace.endState = state >= 0 ? g.states[state]!.key : null;
      trace.trailing = trailing;
    },
  };
  walkCase(ev, c, sink);
  return trace;
}
