import { describe, expect, it } from 'vitest';
import { compileGraph, replayCase } from '../replay';
import { memoryAuditSink, parseAuditText } from './audit';
import { auditToCases } from './auditToCases';
import { ManualClock } from './clock';
import { createRunner } from './runner';
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
