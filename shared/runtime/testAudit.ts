// Test support for the audit-log tests (auditVerify, auditTamper) and the readers of a trail
// (auditToCases, the operate timeline): one decision record, as appended or as the log holds it,
// and the text of a log's lines, so each test file states only what it is about.
import type { AuditEntry, AuditRecord } from './audit';

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

/**
 * The i-th record of case c1's trail as the log holds it (seq i), for readers that do not check
 * the chain: the time is fixed and the hashes are placeholders; `over` states what the test is about.
 */
export const auditRecord = (i: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  ...auditEntry(i, 'c1'),
  seq: i,
  ts: '2026-01-01T00:00:00.000Z',
  prevHash: '0'.repeat(64),
  hash: 'ab'.repeat(32),
  ...over,
});

/** A log's text: each line with its newline. */
export const logText = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');
