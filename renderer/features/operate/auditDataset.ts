/**
 * "Use as dataset": the service's audit trail as recorded cases for the simulator (through
 * shared/runtime's auditToCases, the same conversion as `sop-studio audit cases`), with the
 * agent's proposal on each event it concerned, in the event attribute `agentProposal` — the
 * column the simulator's recorded agent policy reads (recorded:agentProposal):
 * - a step the agent took on its own: the branch it took;
 * - a step decided on an inbox item: the branch the agent drafted for that item, if it drafted one.
 */
import type { AttrValue, RecordedCase } from '../../../shared/model/types';
import type { AuditRecord } from '../../../shared/runtime/audit';
import { auditToCases } from '../../../shared/runtime/auditToCases';

export const PROPOSAL_COLUMN = 'agentProposal';

export function auditToDataset(records: AuditRecord[], proposals: Record<string, string>): RecordedCase[] {
  const cases = auditToCases(records);
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  // walk the records again in the order auditToCases made events: one event per record with a target
  const next = new Map<string, number>();
  for (const r of records) {
    if (r.decision === 'repair' || !r.target) continue;
    const c = byId.get(r.caseId);
    const i = next.get(r.caseId) ?? 0;
    next.set(r.caseId, i + 1);
    const event = c?.events[i];
    if (!event || r.decision === 'start') continue;
    const proposal = r.actor.startsWith('agent:')
      ? r.target.activity
      : r.item && Object.hasOwn(proposals, r.item)
        ? proposals[r.item]
        : undefined;
    if (proposal !== undefined)
      event.attributes = { ...(event.attributes ?? {}), [PROPOSAL_COLUMN]: proposal as AttrValue };
  }
  return cases;
}

/** One case per line, in the JSONL shape the simulator's import reads. */
export function casesToJsonl(cases: RecordedCase[]): string {
  return (
    cases.map((c) => JSON.stringify({ caseId: c.caseId, attributes: c.attributes, events: c.events })).join('\n') + '\n'
  );
}
