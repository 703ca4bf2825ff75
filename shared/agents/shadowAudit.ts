/**
 * The recorded agent from the runner's own audit trail (`sop-studio run` in shadow mode, or a
 * production run): at every decision step the trail says what the agent chose — the branch it
 * took on its own (`route`, `would-call`, `call` by `agent:*`), or the draft it queued (`suggest`,
 * or a `handoff` whose tier was human, with `result.proposal`). A `handoff` without a proposal is
 * the agent abstaining. Replay memoises one decision per (case, state), so the first proposal of
 * a case at a state is the one used; steps the trail does not reach (a case left waiting) abstain.
 */
import type { AuditRecord } from '../runtime/audit';
import { decideRecorded } from './recorded';
import type { AgentPolicy } from './types';

/** Per case id, per state key: the activity the agent proposed there (null = it abstained). */
export type ShadowProposals = Map<string, Map<string, string | null>>;

const TOOK_ON_ITS_OWN = new Set(['route', 'would-call', 'call']);

function proposalOf(r: AuditRecord): string | null | undefined {
  if (TOOK_ON_ITS_OWN.has(r.decision) && r.actor.startsWith('agent:')) return r.target?.activity;
  if (r.decision === 'suggest' || r.decision === 'handoff') {
    const p = (r.result as { proposal?: { activity?: unknown } } | null)?.proposal;
    return typeof p?.activity === 'string' ? p.activity : null;
  }
  return undefined; // not a decision of the agent's (pass, human decisions, intents, final…)
}

export function shadowProposals(records: Iterable<AuditRecord>): ShadowProposals {
  const out: ShadowProposals = new Map();
  for (const r of records) {
    if (typeof r.caseId !== 'string' || typeof r.state !== 'string') continue;
    const p = proposalOf(r);
    if (p === undefined) continue;
    let perState = out.get(r.caseId);
    if (!perState) out.set(r.caseId, (perState = new Map<string, string | null>()));
    if (!perState.has(r.state)) perState.set(r.state, p);
  }
  return out;
}

/** A recorded policy answering from the trail's proposals for each case (matched by case id). */
export function shadowAuditPolicy(
  proposals: ShadowProposals,
  opts: { name?: string; threshold?: number } = {},
): AgentPolicy {
  return {
    name: opts.name ?? 'shadow',
    kind: 'recorded',
    threshold: opts.threshold ?? 0,
    proposalFor: (caseId, state) => ({ proposal: proposals.get(caseId)?.get(state) ?? null, confidence: null }),
    decide: decideRecorded,
    summary: () => ({ source: 'audit trail', cases: proposals.size }),
  };
}
