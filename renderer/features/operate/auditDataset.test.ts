import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/runtime/audit';
import { auditToDataset, casesToJsonl } from './auditDataset';

const rec = (caseId: string, seq: number, p: Partial<AuditRecord>): AuditRecord => ({
  caseId,
  state: 'triage',
  goal: 'Triage request',
  inputs: {},
  tool: null,
  params: null,
  decision: 'route',
  tier: null,
  reasons: [],
  result: null,
  actor: 'runner',
  target: null,
  environment: 'staging',
  seq,
  ts: `2026-12-02T08:00:0${seq}.000Z`,
  prevHash: '',
  hash: '',
  ...p,
});
const enter = (state: string, activity: string) => ({ state, activity });

describe('the audit trail as a dataset', () => {
  it("puts the agent's proposal on each event it concerned: its own step, or the draft of the item people decided", () => {
    const records = [
      // a1: the agent refunded on its own
      rec('a1', 0, { decision: 'start', inputs: { amount: 40 }, target: enter('triage', 'Triage request') }),
      rec('a1', 1, {
        decision: 'call',
        actor: 'agent:refund-agent',
        tool: 'issueRefund',
        target: enter('refund', 'Issue refund'),
      }),
      rec('a1', 2, { decision: 'pass', state: 'refund', target: enter('done', 'done') }),
      // s1: the agent drafted Reject; a person overrode it and chose Manual review
      rec('s1', 0, { decision: 'start', inputs: { amount: 700 }, target: enter('triage', 'Triage request') }),
      rec('s1', 1, { decision: 'suggest', actor: 'agent:refund-agent', item: 's1#1' }),
      rec('s1', 2, { decision: 'reject', actor: 'payments-ops:anna', item: 's1#1' }),
      rec('s1', 3, {
        decision: 'decide',
        actor: 'payments-ops:anna',
        item: 's1#1',
        target: enter('review', 'Manual review'),
      }),
    ];
    const cases = auditToDataset(records, { 's1#1': 'Reject request' });
    expect(
      cases.map((c) => [
        c.caseId,
        c.attributes,
        c.events.map((e) => [e.activity, e.resource, e.attributes?.agentProposal ?? null]),
      ]),
    ).toEqual([
      [
        'a1',
        { amount: 40 },
        [
          ['Triage request', 'runner', null],
          ['Issue refund', 'agent:refund-agent', 'Issue refund'],
          ['done', 'runner', null],
        ],
      ],
      [
        's1',
        { amount: 700 },
        [
          ['Triage request', 'runner', null],
          ['Manual review', 'payments-ops:anna', 'Reject request'],
        ],
      ],
    ]);
    const lines = casesToJsonl(cases).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!).events[1]).toEqual({
      activity: 'Manual review',
      timestamp: Date.parse('2026-12-02T08:00:03.000Z'),
      resource: 'payments-ops:anna',
      attributes: { agentProposal: 'Reject request' },
    });
  });
});
