/**
 * What the runner's parts share: the compiled graph and the runner's services (`RunnerCore`), one
 * running case (`CaseRun`), and the two ways a step reaches the trail — `write` records, `take`
 * records the branch and then lets XState move (audit first, so a crash never leaves a move
 * without its record).
 */
import type { Actor } from 'xstate';
import type { GraphDoc } from '../model/types';
import type { CompiledGraph, CompiledTransition } from '../replay/compile';
import type { CaseEvaluator } from '../replay/evaluate';
import type { AuditEntry, AuditLog, AuditRecord } from './audit';
import type { ApprovalQueue } from './approvals';
import type { Clock } from './clock';
import type { KillSwitches } from './guardrails';
import { leafKey, type RunnerMachine } from './machine';
import type { ActionRecord } from './rollback';
import type { CaseInput, CaseStatus, RunnerConfig, ToolHandler } from './runnerTypes';
import type { ToolCaller } from './toolCalls';

export interface CaseRun {
  input: CaseInput;
  vars: Record<string, unknown>;
  actor: Actor<RunnerMachine>;
  status: CaseStatus;
  /** Visits per state: the idempotency key's last part. */
  visits: Map<string, number>;
}

/** One runner's graph, services and case tables, built once by createRunner. */
export interface RunnerCore {
  readonly graph: GraphDoc;
  readonly g: CompiledGraph;
  readonly config: RunnerConfig;
  readonly audit: AuditLog;
  readonly approvals: ApprovalQueue;
  readonly clock: Clock;
  readonly tools: Readonly<Record<string, ToolHandler>>;
  readonly machine: RunnerMachine;
  readonly evaluator: CaseEvaluator;
  readonly toolCaller: ToolCaller;
  readonly kill: KillSwitches;
  readonly maxSteps: number;
  readonly forgetFinishedCases: boolean;
  readonly cases: Map<string, CaseRun>;
  /** Successful calls per case, for rollback (per case, so a forgotten case's actions go with it). */
  readonly actions: Map<string, ActionRecord[]>;
}

type Entry = Partial<AuditEntry> & Pick<AuditEntry, 'decision' | 'actor'>;

export interface CaseRecorder {
  write(c: CaseRun, entry: Entry): Promise<AuditRecord>;
  /** Take a branch: audit first (with the state entered), then let XState move. */
  take(c: CaseRun, t: CompiledTransition, entry: Entry): Promise<AuditRecord>;
  currentLeaf(c: CaseRun): string;
}

export function createCaseRecorder(core: RunnerCore): CaseRecorder {
  const { g, audit, config } = core;
  const write = (c: CaseRun, entry: Entry) =>
    audit.append({
      caseId: c.input.caseId,
      state: c.status.state,
      goal: g.states[g.stateIds.get(c.status.state) ?? -1]?.activity ?? c.status.state,
      inputs: {},
      tool: null,
      params: null,
      tier: null,
      reasons: [],
      result: null,
      target: null,
      environment: config.environment,
      ...entry,
    });
  const currentLeaf = (c: CaseRun) => leafKey(c.actor.getSnapshot().value);
  async function take(c: CaseRun, t: CompiledTransition, entry: Entry): Promise<AuditRecord> {
    const targetKey = g.states[t.target]!.key;
    const record = await write(c, { ...entry, target: { state: targetKey, activity: g.states[t.target]!.activity } });
    c.actor.send({ type: 'sop.step', transitionId: t.id });
    // Equivalent either way: the runner machine has no eventless/after/onDone moves, so after the step XState sits in
    // the target leaf, and a done machine sits in its top-level final state, whose key leafKey returns as is.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: both branches give targetKey (above)
    const now = c.actor.getSnapshot().status === 'done' ? targetKey : currentLeaf(c);
    c.status.state = now;
    c.status.path.push(now);
    return record;
  }
  return { write, take, currentLeaf };
}

/** A copy of a case's status for callers (they cannot change the runner's). */
export const statusOf = (c: CaseRun): CaseStatus => ({ ...c.status, path: [...c.status.path] });
