/**
 * The runner over an earlier audit trail (resume after a crash), endless `always` cycles,
 * reserved state names and long runs that forget finished cases. The oracle for "not called
 * again" is the fake tools' own call list, not the audit trail.
 */
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import { memoryAuditSink, parseAuditText, type AuditRecord } from './audit';
import { ManualClock } from './clock';
import { resumeJournal } from './resume';
import { createRunner } from './runner';
import { c1, fakeTools, refundGraph, small } from './testGraph';

function runOver(previous: AuditRecord[], behaviour?: Parameters<typeof fakeTools>[0]) {
  const sink = memoryAuditSink();
  const fake = fakeTools(behaviour);
  const runner = createRunner(refundGraph(), {
    tools: fake.tools,
    audit: sink,
    clock: new ManualClock(),
    environment: 'production',
    resume: resumeJournal(previous),
  });
  return { runner, calls: fake.calls, sink };
}

/** A first run's records, cut where a crash would have stopped it. */
async function firstRun(cut: (records: AuditRecord[]) => AuditRecord[]) {
  const { runner, sink } = runOver([]);
  await runner.runCases([small('a'), small('b')]);
  return cut(parseAuditText(sink.text()));
}

describe('resume from an audit trail', () => {
  it('given a completed call, when the case runs again, then the tool is not called and its recorded result is reused', async () => {
    const before = await firstRun((r) => r);
    const { runner, calls } = runOver(before);
    expect(await runner.startCase(small('a'))).toMatchObject({ status: 'done' });
    expect(calls).toHaveLength(0);
    const replayed = runner.audit.records.find((r) => r.decision === 'replayed')!;
    const original = before.find((r) => r.caseId === 'a' && r.decision === 'call')!;
    expect(replayed).toMatchObject({
      idempotencyKey: 'a:triage:1',
      result: { ok: true, value: (original.result as { value: unknown }).value, fromSeq: original.seq },
    });
  });

  it('given an intent with no outcome (killed during the call), then it is marked outcome-unknown and handed to a human, not retried', async () => {
    const before = await firstRun((r) =>
      r.slice(0, r.findIndex((x) => x.caseId === 'b' && x.decision === 'intent') + 1),
    );
    expect(resumeJournal(before).unknown.get('b:triage:1')).toMatchObject({ caseId: 'b', tool: 'issueRefund' });
    const { runner, calls } = runOver(before);
    const s = await runner.startCase(small('b'));
    expect(calls).toHaveLength(0);
    expect(s.status).toBe('waiting');
    const item = runner.approvals.get(s.waitingOn!)!;
    expect(item.kind).toBe('human');
    expect(item.reasons).toContainEqual(
      expect.objectContaining({ kind: 'outcome-unknown', idempotencyKey: 'b:triage:1' }),
    );
    expect(runner.audit.records.map((r) => r.decision)).toContain('outcome-unknown');
  });

  it('failed attempts before the crash count against maxRetries (3 retries = 4 attempts in all)', async () => {
    const failing = runOver([], () => {
      throw new Error('down');
    });
    await failing.runner.startCase(c1);
    const records = parseAuditText(failing.sink.text());
    const secondFailure = records.filter((r) => r.decision === 'call')[1]!;
    const twoFailures = records.slice(0, records.indexOf(secondFailure) + 1); // the crash came after attempt 1 failed
    expect(twoFailures.filter((r) => r.decision === 'call')).toHaveLength(2);
    const { runner, calls } = runOver(twoFailures, () => {
      throw new Error('still down');
    });
    await runner.startCase(c1);
    expect(calls.map((c) => c.ctx.attempt)).toEqual([2, 3]);
  });

  it('a case finished in an execute run is finished; one from a shadow run is not', async () => {
    expect(resumeJournal(await firstRun((r) => r)).finished).toEqual(new Set(['a', 'b']));
    const sink = memoryAuditSink();
    const shadow = createRunner(refundGraph(), {
      tools: {},
      audit: sink,
      clock: new ManualClock(),
      environment: 'staging',
      shadow: true,
    });
    await shadow.startCase(small('a'));
    expect(resumeJournal(parseAuditText(sink.text())).finished.size).toBe(0);
  });
});

const loopGraph: GraphDoc = {
  format: 'sop-studio/graph@1',
  name: 'Loop',
  version: 1,
  rollout: 'autonomy',
  caseSchema: {},
  agents: {},
  tools: {},
  layout: {},
  machine: {
    id: 'loop',
    initial: 'a',
    states: { a: { always: { target: 'b' } }, b: { always: [{ target: 'a' }] }, done: { type: 'final' } },
  },
};

describe('cases that cannot end on their own', () => {
  it('an always cycle stops the case cleanly as "eventless loop at <state>", after one lap', async () => {
    const runner = createRunner(loopGraph, {
      tools: {},
      audit: memoryAuditSink(),
      clock: new ManualClock(),
      environment: 'staging',
    });
    const s = await runner.startCase({ caseId: 'x', attributes: {} });
    expect(s).toMatchObject({
      status: 'stuck',
      path: ['a', 'b', 'a'],
      reason: expect.stringMatching(/^eventless loop at a/),
    });
    expect(runner.audit.records.at(-1)).toMatchObject({
      decision: 'stuck',
      result: { reason: expect.stringMatching(/eventless loop at a/) },
    });
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'a state named %s is refused with a clear error, not a TypeError',
    (name) => {
      const doc = {
        ...loopGraph,
        machine: {
          id: 'p',
          initial: name,
          states: { [name]: { always: { target: 'done' } }, done: { type: 'final' } },
        },
      } as GraphDoc;
      // JSON.parse makes "__proto__" an own key, as reading a document does
      const parsed = JSON.parse(JSON.stringify(doc)) as GraphDoc;
      expect(() => createRunner(parsed, { tools: {}, audit: memoryAuditSink(), environment: 'staging' })).toThrow(
        new RegExp(`state "${name}" uses the reserved name "${name}"`),
      );
    },
  );
});

describe('forgetFinishedCases', () => {
  it('drops done cases (getCase no longer sees them) and keeps waiting ones', async () => {
    const runner = createRunner(refundGraph(), {
      tools: fakeTools().tools,
      audit: memoryAuditSink(),
      clock: new ManualClock(),
      environment: 'staging',
      forgetFinishedCases: true,
    });
    expect((await runner.startCase(small('a'))).status).toBe('done');
    const waiting = await runner.startCase({ caseId: 'w', attributes: { amount: 300, fraudScore: 0.5 } });
    expect(waiting.status).toBe('waiting');
    expect(runner.getCase('a')).toBeUndefined();
    expect(runner.getCase('w')).toMatchObject({ status: 'waiting' });
  });
});
