/**
 * The graph document (`*.sop.json`, format `sop-studio/graph@1`): an XState v5 machine config
 * wrapped with the facts an agent platform needs. See ../../../shared/DESIGN.md (the contract).
 *
 * Every object type carries an index signature so unknown fields survive a load/save round trip.
 */

export const GRAPH_FORMAT = 'sop-studio/graph@1' as const;

/** Who acts on a branch. Order of restriction: human < suggest < auto. */
export type Tier = 'auto' | 'suggest' | 'human';
export const TIERS: readonly Tier[] = ['human', 'suggest', 'auto'];

/** Rollout stage cap: observe → all human; assist → auto becomes suggest; autonomy → as marked. */
export type Rollout = 'observe' | 'assist' | 'autonomy';
export const ROLLOUTS: readonly Rollout[] = ['observe', 'assist', 'autonomy'];

export type FieldType = 'number' | 'int' | 'string' | 'bool' | 'timestamp' | 'list' | 'map';

export interface CaseField {
  type: FieldType;
  source?: string;
  /** ISO 8601 duration: how old the value may be. */
  maxAge?: string;
  enum?: string[];
  description?: string;
  [extra: string]: unknown;
}

export interface AgentDef {
  owner?: string;
  reads?: string[];
  tools?: string[];
  description?: string;
  [extra: string]: unknown;
}

export type Risk = 'low' | 'medium' | 'high' | 'critical';

export interface ToolRate {
  perMinute?: number;
  maxBatch?: number;
  maxRetries?: number;
  [extra: string]: unknown;
}

export interface ToolDef {
  system?: string;
  risk?: Risk;
  reversible?: boolean;
  /** Name of the tool that undoes this one. */
  undo?: string;
  /** CEL over the case: the agent may act only while it holds. */
  limit?: string;
  rate?: ToolRate;
  description?: string;
  [extra: string]: unknown;
}

export interface Guardrail {
  /** CEL over the case. */
  when: string;
  downgradeTo: 'suggest' | 'human';
  reason?: string;
  [extra: string]: unknown;
}

/** XState parameterized guard carrying a CEL expression. */
interface CelGuard {
  type: 'cel';
  params: { expr: string; [extra: string]: unknown };
  [extra: string]: unknown;
}

interface TransitionMeta {
  tier?: Tier;
  guardrails?: Guardrail[];
  notes?: string;
  [extra: string]: unknown;
}

export interface TransitionConfig {
  target?: string | string[];
  guard?: CelGuard | string | Record<string, unknown>;
  meta?: TransitionMeta;
  actions?: unknown;
  description?: string;
  reenter?: boolean;
  [extra: string]: unknown;
}

/** What XState accepts where a transition goes: a target string, an object, or a list. */
export type TransitionSpec = string | TransitionConfig | Array<string | TransitionConfig>;

interface StateMeta {
  activity?: string;
  agent?: string;
  tool?: string;
  owner?: string;
  tier?: Tier;
  guardrails?: Guardrail[];
  notes?: string;
  [extra: string]: unknown;
}

export type StateType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface StateConfig {
  id?: string;
  type?: StateType;
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, TransitionSpec>;
  always?: TransitionSpec;
  after?: Record<string, TransitionSpec>;
  meta?: StateMeta;
  description?: string;
  entry?: unknown;
  exit?: unknown;
  [extra: string]: unknown;
}

export interface MachineConfig extends StateConfig {
  id?: string;
}

export interface LayoutEntry {
  x: number;
  y: number;
  width?: number;
  height?: number;
  [extra: string]: unknown;
}

export interface GraphDoc {
  format: typeof GRAPH_FORMAT;
  name: string;
  version: number;
  rollout: Rollout;
  caseSchema: Record<string, CaseField>;
  agents: Record<string, AgentDef>;
  tools: Record<string, ToolDef>;
  machine: MachineConfig;
  layout: Record<string, LayoutEntry>;
  [extra: string]: unknown;
}

/** A JSON path into the document, e.g. ["machine","states","triage","always",0,"guard"]. */
export type JsonPath = Array<string | number>;

/* ---------------------------------------------------------------- recorded cases */

export type AttrValue = string | number | boolean | null | Date | AttrValue[] | { [k: string]: AttrValue };

export interface RecordedEvent {
  activity: string;
  /** ms since epoch, when known. */
  timestamp?: number;
  /**
   * ms since epoch when this activity instance started: its lifecycle `start` event paired to
   * this `complete`, or a start-timestamp column. Handling time = timestamp - start (DESIGN "Time").
   */
  start?: number;
  resource?: string;
  attributes?: Record<string, AttrValue>;
}

export interface RecordedCase {
  caseId: string;
  attributes: Record<string, AttrValue>;
  events: RecordedEvent[];
}
