/**
 * The runner's public shapes: its options, a case's input and status, and the Runner API.
 * (runner.ts re-exports them, so callers keep importing from './runner'.)
 */
import type { AttrValue, Rollout } from '../model/types';
import type { AuditLog, AuditSink } from './audit';
import type { ApprovalQueue, Decider } from './approvals';
import type { Clock } from './clock';
import type { BreakerOptions, BreakerState, KillSwitches } from './guardrails';
import type { ResumeJournal } from './resume';
import type { RollbackResult, RollbackScope } from './rollback';

export type Environment = 'staging' | 'production';

/** What a tool handler gets besides its params. Frozen: handlers cannot change the runner. */
export interface ToolContext {
  readonly caseId: string;
  readonly state: string;
  readonly tool: string;
  /** Same for every retry of one step; differs on a later visit of the state. */
  readonly idempotencyKey: string;
  /** 0 for the first try, 1.. for retries. */
  readonly attempt: number;
  readonly environment: Environment;
  readonly actor: string;
}

export type ToolHandler = (params: Record<string, unknown>, ctx: ToolContext) => unknown;

export interface RunnerOptions {
  tools: Record<string, ToolHandler>;
  /** Where the hash-chained records go (or an AuditLog to continue). */
  audit: AuditSink | AuditLog;
  approvals?: ApprovalQueue;
  clock?: Clock;
  environment: Environment;
  /** Rollout stage for this runner; default the graph's. */
  rollout?: Rollout;
  /** Record what would be done; call no tool. */
  shadow?: boolean;
  breaker?: BreakerOptions;
  /** Backoff between retries: base·2^(n-1), capped. Defaults 500 ms and 30 s. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Steps one `advance` may take before the case counts as stuck (loops). Default 1000. */
  maxSteps?: number;
  /**
   * What an existing audit trail says about calls made before a crash (resume.ts): completed
   * calls are not made again, intents without an outcome go to a human.
   */
  resume?: ResumeJournal;
  /**
   * Drop a case (its status, actor and rollback actions) once it is done or stuck, so a long
   * batch holds only the cases still open; `getCase` and `rollback` then no longer see it.
   */
  forgetFinishedCases?: boolean;
}

export interface CaseInput {
  caseId: string;
  attributes: Record<string, AttrValue>;
}

export interface CaseStatus {
  caseId: string;
  state: string;
  status: 'waiting' | 'done' | 'stuck';
  /** Approval item the case waits on. */
  waitingOn: string | null;
  /** States entered, in order (the start state first). */
  path: string[];
  /** Why a stuck case stopped (e.g. "eventless loop at a: …"). */
  reason?: string;
}

export interface RunnerConfig {
  readonly environment: Environment;
  readonly rollout: Rollout;
  readonly shadow: boolean;
  readonly graph: { readonly name: string; readonly version: number };
}

export interface Runner {
  readonly config: RunnerConfig;
  readonly audit: AuditLog;
  readonly approvals: ApprovalQueue;
  readonly killSwitches: Pick<KillSwitches, 'pauseAgent' | 'resumeAgent' | 'pauseTool' | 'resumeTool'>;
  startCase(input: CaseInput): Promise<CaseStatus>;
  /** Start many cases as one batch (tool batch caps count per call of this). */
  runCases(inputs: Iterable<CaseInput> | AsyncIterable<CaseInput>): Promise<CaseStatus[]>;
  approve(itemId: string, who: Decider): Promise<CaseStatus>;
  edit(
    itemId: string,
    who: Decider,
    change: { params?: Record<string, unknown>; transitionId?: string },
  ): Promise<CaseStatus>;
  reject(itemId: string, who: Decider, opts?: { reason?: string; choose?: string }): Promise<CaseStatus>;
  decide(itemId: string, who: Decider, transitionId: string): Promise<CaseStatus>;
  rollback(scope: RollbackScope, n: number, who?: Decider): Promise<RollbackResult[]>;
  getCase(caseId: string): CaseStatus | undefined;
  breakerState(tool: string): BreakerState;
}
