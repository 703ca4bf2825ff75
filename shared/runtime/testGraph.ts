/** Test fixtures: DESIGN.md's refund graph with knobs, fake tool handlers that record calls. */
import type { GraphDoc, Rollout, ToolDef } from '../model/types';
import { memoryAuditSink } from './audit';
import { ManualClock } from './clock';
import { createRunner, type RunnerOptions, type ToolContext, type ToolHandler } from './runner';

export function refundGraph(opts: { rollout?: Rollout; issueRefund?: Partial<ToolDef> } = {}): GraphDoc {
  return {
    format: 'sop-studio/graph@1',
    name: 'Refund requests',
    version: 3,
    rollout: opts.rollout ?? 'autonomy',
    caseSchema: {
      amount: { type: 'number', source: 'billing' },
      fraudScore: { type: 'number', source: 'risk-engine' },
      customerTier: { type: 'string', source: 'crm' },
    },
    agents: { 'refund-agent': { owner: 'payments-ops', reads: ['amount', 'fraudScore'], tools: ['issueRefund'] } },
    tools: {
      issueRefund: {
        system: 'billing',
        risk: 'high',
        reversible: true,
        undo: 'reverseRefund',
        limit: 'amount <= 500.0',
        rate: { perMinute: 30, maxBatch: 50, maxRetries: 3 },
        ...opts.issueRefund,
      },
      reverseRefund: { system: 'billing', risk: 'medium', reversible: false },
    },
    machine: {
      id: 'refund',
      initial: 'triage',
      states: {
        triage: {
          meta: { activity: 'Triage request', agent: 'refund-agent', owner: 'payments-ops' },
          always: [
            {
              target: 'refund',
              guard: { type: 'cel', params: { expr: 'amount <= 100.0 && fraudScore < 0.3' } },
              meta: { tier: 'auto' },
            },
            {
              target: 'reject',
              guard: { type: 'cel', params: { expr: 'fraudScore >= 0.8' } },
              meta: { tier: 'suggest' },
            },
            { target: 'review', meta: { tier: 'human' } },
          ],
        },
        refund: {
          meta: { activity: 'Issue refund', tool: 'issueRefund', agent: 'refund-agent' },
          always: { target: 'done' },
        },
        reject: { meta: { activity: 'Reject request' }, always: { target: 'done' } },
        review: {
          meta: { activity: 'Manual review', owner: 'payments-ops' },
          on: { APPROVE: 'refund', DENY: 'reject' },
        },
        done: { type: 'final' },
      },
    },
    layout: {},
  };
}

export interface Call {
  tool: string;
  params: Record<string, unknown>;
  ctx: ToolContext;
}

/** Handlers that record every call; `behaviour` decides per call what happens (default: ok). */
export function fakeTools(
  behaviour: (call: Call, n: number) => unknown = (c) => ({ refundId: `r-${String(c.params.caseId)}` }),
) {
  const calls: Call[] = [];
  const handler =
    (tool: string): ToolHandler =>
    (params, ctx) => {
      const call = { tool, params, ctx };
      calls.push(call);
      return behaviour(call, calls.length);
    };
  return { calls, tools: { issueRefund: handler('issueRefund'), reverseRefund: handler('reverseRefund') } };
}

export const c1 = { caseId: 'c1', attributes: { amount: 40, fraudScore: 0.1, customerTier: 'gold' } };
export const c3 = { caseId: 'c3', attributes: { amount: 700, fraudScore: 0.9 } };
export const c4 = { caseId: 'c4', attributes: { amount: 300, fraudScore: 0.5 } };
export const small = (caseId: string) => ({ caseId, attributes: { amount: 20, fraudScore: 0.05 } });

/**
 * A runner over `graph` as the runtime tests use it: the fake tools, an in-memory audit sink, a
 * manual clock, production; with the calls made and each case's audit records and decisions.
 */
export function testRunner(graph: GraphDoc = refundGraph(), opts: Partial<RunnerOptions> = {}) {
  const fake = fakeTools();
  const runner = createRunner(graph, {
    tools: fake.tools,
    audit: memoryAuditSink(),
    clock: new ManualClock(),
    environment: 'production',
    ...opts,
  });
  const records = (caseId: string) => runner.audit.records.filter((r) => r.caseId === caseId);
  const decisions = (caseId: string) => records(caseId).map((r) => r.decision);
  const last = (caseId: string, decision: string) => records(caseId).findLast((r) => r.decision === decision);
  return { runner, calls: fake.calls, records, decisions, last };
}
