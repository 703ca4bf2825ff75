/**
 * Agent policies (DESIGN.md, "Agent policies"; issue #12): who the simulated agent is. A policy
 * decides the agent choice `a` at one step from a StepView — the state, its branches, and ONLY the
 * case fields the acting agent may read (its `reads`; the view is built for it, so the blast
 * radius holds here too) — and may attach a confidence. Everything else in replay stays the same.
 */
import type { AttrValue, Tier } from '../model/types';

/** One outgoing branch of the state, as an agent may see it. */
export interface BranchView {
  /** Position in the state's transition table: what a policy answers with. */
  index: number;
  /** Transition id (`source|kind|event|order`). */
  id: string;
  event: string | null;
  /** Key and activity of the state it leads to (compound initials resolved). */
  target: string;
  activity: string;
  final: boolean;
  /** CEL guard as written; null = unguarded. */
  guard: string | null;
  tier: Tier;
  notes?: string;
  /** Tools the branch's entered states call, with their risk. */
  tools: Array<{ name: string; risk?: string; reversible?: boolean }>;
}

export interface StepView {
  /** Key and activity of the state the step leaves. */
  state: string;
  activity: string;
  notes?: string;
  /** The acting agent (the state's `meta.agent`, else the graph's only agent); null = none. */
  agent: string | null;
  branches: readonly BranchView[];
  /** Only the case fields in the acting agent's `reads` (no prototype; frozen). */
  fields: Readonly<Record<string, AttrValue>>;
  /** For recorded policies: the proposal column of the event being decided (only that column). */
  recorded?: { proposal: string | null; confidence: number | null };
}

/** A policy's answer: a branch index (into `branches`) or null to abstain; confidence in [0, 1]. */
export interface Decision {
  branch: number | null;
  confidence?: number;
  /** The answer could not be used (names no branch, malformed): counted, and an abstention. */
  invalid?: boolean;
  reason?: string;
}

export interface AgentPolicy {
  /** Label in reports, e.g. "learned:0.7". */
  name: string;
  kind: 'recorded' | 'learned' | 'model';
  /** Below this confidence the agent abstains (0 = never). */
  threshold: number;
  /** Recorded policies: the event attribute naming the proposed next activity (and its confidence). */
  recordedColumn?: { proposal: string; confidence?: string };
  /**
   * Recorded policies whose proposals live outside the log (the runner's audit trail): the
   * proposal for a case at a state. The replay looks it up and puts it in `view.recorded`, so the
   * policy still never sees the case id or any field.
   */
  proposalFor?(caseId: string, state: string): { proposal: string | null; confidence: number | null };
  decide(view: StepView): Decision | Promise<Decision>;
  /** Policies that learn from history are trained on the earlier cases before scoring (see compare.ts). */
  train?(views: TrainingStep[]): void;
  /** Plain-JSON facts about the run for the report (model summary, call counts, partial results). */
  summary?(): Record<string, unknown>;
}

/** One step of a training case: what the agent could see and the branch people took. */
export interface TrainingStep {
  view: StepView;
  /** Index into view.branches of the (first) branch matching what people did. */
  label: number;
  caseId: string;
}

/** The rules agent (the SOP's guards) runs on the replay hot path, not through a view. */
interface RulesPolicy {
  name: 'rules';
  kind: 'rules';
}

export type AnyPolicy = AgentPolicy | RulesPolicy;
