import { describe, expect, it } from 'vitest';
import { auditRecord } from '../../../shared/runtime/testAudit';
import { buildTimeline } from './timeline';
import type { ConsoleAction } from './types';

describe('the flight-recorder timeline', () => {
  it('merges the case records and the console actions by time, with who, what and the guardrail that fired', () => {
    // given: start, a kill switch flipped by olive, then a suggestion the switch caused, approved by anna
    const records = [
      auditRecord(0, { ts: '2026-12-02T08:00:00.000Z', decision: 'start', actor: 'runner' }),
      auditRecord(1, {
        ts: '2026-12-02T08:00:02.000Z',
        decision: 'suggest',
        tier: 'suggest',
        tool: 'issueRefund',
        target: { state: 'refund', activity: 'Issue refund' },
        reasons: [{ kind: 'branch' }, { kind: 'kill-switch', target: 'agent:refund-agent', tier: 'suggest' }],
      }),
      auditRecord(2, {
        ts: '2026-12-02T08:00:05.000Z',
        decision: 'approve',
        actor: 'payments-ops:anna',
        target: { state: 'refund', activity: 'Issue refund' },
      }),
    ];
    const actions: ConsoleAction[] = [
      {
        n: 1,
        at: '2026-12-02T08:00:01.000Z',
        actor: 'olive',
        role: 'operator',
        action: 'killSwitch',
        caseId: null,
        detail: { body: { scope: 'agent', name: 'refund-agent', paused: true } },
        status: 200,
      },
      {
        n: 2,
        at: '2026-12-02T08:00:03.000Z',
        actor: 'vic',
        role: 'viewer',
        action: 'approve',
        caseId: 'c1',
        detail: { body: {} },
        status: 403,
      },
    ];
    const rows = buildTimeline(records, actions);
    expect(rows.map((r) => [r.who, r.what])).toEqual([
      ['runner', 'case started at Triage request'],
      ['operator:olive', 'action: kill switch name=refund-agent paused=true scope=agent'],
      ['agent:refund-agent', 'suggested → Issue refund, calling issueRefund: waits for approval'],
      ['viewer:vic', 'action: approve — refused (403)'],
      ['payments-ops:anna', 'approve → Issue refund'],
    ]);
    expect(rows[2]!.guardrails).toEqual(['kill-switch (agent:refund-agent)']);
    expect(rows[0]!.guardrails).toEqual([]);
    expect(rows[3]!.tone).toBe('bad');
  });
});
