// Test support for the audit-log tests (auditVerify, auditTamper): one decision record and the
// text of a log's lines, so each test file states only the tamper it is about.
import type { AuditEntry } from './audit';

/** The i-th record of a routine refund-agent log; `caseId` defaults to one case per record. */
export const auditEntry = (i: number, caseId = `c${i}`): AuditEntry => ({
  caseId,
  state: 'triage',
  goal: 'Triage request',
  inputs: { amount: 40 + i },
  tool: null,
  params: null,
  decision: 'route',
  tier: 'auto',
  reasons: [],
  result: null,
  actor: 'agent:refund-agent',
  target: { state: 'refund', activity: 'Issue refund' },
  environment: 'production',
});

/** A log's text: each line with its newline. */
export const logText = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');
