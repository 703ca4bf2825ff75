/**
 * The audit trail back into the simulator: each case's records become a RecordedCase whose events
 * are the states it actually entered (start state, then every branch taken, whoever took it), so
 * production approvals, edits and overrides become the evidence for the next tier decision.
 * Attributes are the case attributes recorded at `start`.
 */
import type { AttrValue, RecordedCase } from '../model/types';
import type { AuditRecord } from './audit';

export function auditToCases(records: Iterable<AuditRecord>): RecordedCase[] {
  const byCase = new Map<string, RecordedCase>();
  for (const r of records) {
    if (r.decision === 'repair') continue; // a log repair belongs to no case
    let c = byCase.get(r.caseId);
    if (!c) {
      c = { caseId: r.caseId, attributes: {}, events: [] };
      byCase.set(r.caseId, c);
    }
    if (r.decision === 'start') c.attributes = { ...(r.inputs as Record<string, AttrValue>) };
    if (r.target) {
      const ts = Date.parse(r.ts);
      c.events.push({ activity: r.target.activity, ...(Number.isNaN(ts) ? {} : { timestamp: ts }), resource: r.actor });
    }
  }
  return [...byCase.values()];
}
