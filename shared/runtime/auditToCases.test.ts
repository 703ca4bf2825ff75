import { describe, expect, it } from 'vitest';
import { compileGraph, replayCase } from '../replay';
import { memoryAuditSink, parseAuditText } from './audit';
import { auditToCases } from './auditToCases';
import { ManualClock } from './clock';
import { createRunner } from './runner';
import { auditRecord } from './testAudit';
import { c1, c3, c4, fakeTools, refundGraph } from './testGraph';

describe('auditToCases', () => {
  it('turns a production audit trail back into recorded cases the simulator replays', async () => {
    const graph = refundGraph();
    const sink = memoryAuditSink();
    const runner = createRunner(graph, {
      tools: fakeTools().tools,
      audit: sink,
      clock: new ManualClock(),
      environment: 'production',
    });
    await runner.startCase(c1);
    const s3 = await runner.startCase(c3);
    // the approver overrides the agent's "reject" draft: the case goes to review instead
    const atReview = await runner.reject(
      s3.waitingOn!,
      { role: 'payments-ops', by: 'ann' },
      { choose: 'triage|always||2' },
    );
    await runner.decide(atReview.waitingOn!, { role: 'payments-ops', by: 'ann' }, 'review|on|DENY|1');
    await runner.startCase(c4); // still waiting at triage

    const cases = auditToCases(parseAuditText(sink.text()));
    expect(cases.map((c) => [c.caseId, c.events.map((e) => e.activity)])).toEqual([
      ['c1', ['Triage request', 'Issue refund', 'done']],
      ['c3', ['Triage request', 'Manual review', 'Reject request', 'done']],
      ['c4', ['Triage request']],
    ]);
    expect(cases[0]!.attributes).toEqual(c1.attributes);
    expect(cases[1]!.events[1]!.resource).toBe('payments-ops:ann');

    const g = compileGraph(graph);
    const t1 = replayCase(g, cases[0]!);
    const t3 = replayCase(g, cases[1]!);
    expect(t1.steps[0]).toMatchObject({ outcome: 'auto-correct' });
    expect(t1.end).toBe('final');
    // the override in production shows up as a rejected suggestion in replay
    expect(t3.steps[0]).toMatchObject({ tier: 'suggest', agree: false, outcome: 'override' });
  });
});

describe('auditToCases, record by record', () => {
  it('events carry the record time in ms (Date.UTC(2026, 0, 1) = 1767225600000), none when unparseable', () => {
    const cases = auditToCases([
      // auditRecord(0) is at 2026-01-01T00:00:00.000Z with inputs { amount: 40 }, by agent:refund-agent
      auditRecord(0, { decision: 'start', target: { state: 'triage', activity: 'Triage request' } }),
      auditRecord(1, { ts: '2026-01-01T00:00:01.500Z', target: { state: 'refund', activity: 'Issue refund' } }),
      auditRecord(2, { ts: 'not a time', actor: 'ops:ann', target: { state: 'done', activity: 'done' } }),
    ]);
    expect(cases).toEqual([
      {
        caseId: 'c1',
        attributes: { amount: 40 },
        events: [
          { activity: 'Triage request', timestamp: 1767225600000, resource: 'agent:refund-agent' },
          { activity: 'Issue refund', timestamp: 1767225601500, resource: 'agent:refund-agent' },
          { activity: 'done', resource: 'ops:ann' },
        ],
      },
    ]);
  });

  it('a repair record (a cut torn tail) belongs to no case, not even one named by its caseId', () => {
    const cases = auditToCases([
      auditRecord(0, { decision: 'repair', caseId: '', actor: 'runner' }),
      auditRecord(1, { decision: 'repair', caseId: 'c2', actor: 'runner', target: { state: 'x', activity: 'X' } }),
      auditRecord(2, { decision: 'start', target: { state: 'triage', activity: 'Triage request' } }),
    ]);
    expect(cases.map((c) => [c.caseId, c.events.map((e) => e.activity)])).toEqual([['c1', ['Triage request']]]);
  });
});
