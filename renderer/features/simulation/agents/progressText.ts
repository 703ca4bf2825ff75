/** Wording of an agent comparison's progress and of partial results. */
import type { AgentComparison } from '../../../../shared/agents';
import { fmtInt } from '../../data/format';
import type { AgentProgress } from './agentRun';

export function describeProgress(p: AgentProgress): string {
  if (p.phase === 'reading') return `Reading cases… ${fmtInt(p.cases)} of ${fmtInt(p.totalCases)}`;
  const base = `Comparing agents on ${fmtInt(p.cases)} cases… ${(p.ms / 1000).toFixed(1)} s`;
  if (!p.model) return base;
  const m = p.model;
  return `${base} · model: ${fmtInt(m.requests)} calls, ${m.callsPerSecond.toFixed(1)} calls/s, ${fmtInt(m.cacheHits)} cache hits, ${fmtInt(m.tokens)} tokens${m.skippedForBudget ? `, ${fmtInt(m.skippedForBudget)} not asked (stopped)` : ''}`;
}

const WHY = {
  budget: 'the call or token budget ran out',
  cancelled: 'it was cancelled',
  failures: 'some model calls failed',
} as const;

export function describePartial(reason: keyof typeof WHY, cmp: AgentComparison): string {
  const unanswered = cmp.policies.reduce((n, p) => n + p.unanswered, 0);
  return `Partial results: ${WHY[reason]}, so ${fmtInt(unanswered)} decision${unanswered === 1 ? '' : 's'} went unanswered and are scored as abstentions.`;
}
