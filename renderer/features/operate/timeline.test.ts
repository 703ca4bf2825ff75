import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/runtime/audit';
import { buildTimeline } from './timeline';
import type { ConsoleAction } from './types';

const rec = (seq: number, ts: string, p: Partial<AuditRecord>): AuditRecord => ({
  caseId: 'c1',
  state: 'triage',
  goal: 'Triage request',
  inputs: {},
  tool: null,
  params: null,
  decision: 'route',
  tier: 'auto',
  reasons: [],
  result: null,
  actor: 'agent:refund-agent',
  target: null,
  environment: 'staging',
  seq,
  ts,
  prevHash: '',
  hash: '',
  ...p,
});

describe('the flight-recorder timeline', () => {
  it('merges the case records and the console actions by time, with who, what and the guardrail that fired', () => {
    // given: start, a kill switch flipped by olive, then a suggestion the switch caused, approved by anna
    const records = [
      rec(0, '2026-12-02T08:00:00.000Z', { decision: 'start', actor: 'runner' }),
      rec(1, '2026-12-02T08:00:02.000Z', {
        decision: 'suggest',
        tier: 'suggest',
        tool: 'issueRefund',
        target: { state: 'refund', activity: 'Issue refund' },
        reasons: [{ kind: 'branch' }, { kind: 'kill-switch', target: 'agent:refund-agent', tier: 'suggest' }],
      }),
      rec(2, '2026-12-02T08:00:05.000Z', {
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
